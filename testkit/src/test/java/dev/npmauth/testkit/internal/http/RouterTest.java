package dev.npmauth.testkit.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Areas of routes are made on their first request, and route exactly as one flat list would. */
class RouterTest {

  @Test
  void anAreaIsMadeOnTheFirstRequestUnderItsPrefixesAndOnlyOnce() throws IOException {
    Counting tokens = new Counting(List.of(Route.of("GET", "/-/npm/v1/tokens", r -> Response.json(200, "tokens"))));
    Counting packages = new Counting(List.of(Route.of("GET", "/(?<name>[^/]+)", r -> Response.json(200, "pkg"))));
    Router router = new Router().area(tokens, "/-/npm/v1/tokens").area(packages, "/");

    assertThat(router.areasMade()).isZero();
    assertThat(router.dispatch(get("/left-pad")).status()).isEqualTo(200);
    assertThat(router.dispatch(get("/left-pad")).status()).isEqualTo(200);

    assertThat(tokens.calls.get()).as("an area no request reached").isZero();
    assertThat(packages.calls.get()).isEqualTo(1);
    assertThat(router.dispatch(get("/-/npm/v1/tokens")).status()).isEqualTo(200);
    assertThat(tokens.calls.get()).isEqualTo(1);
    assertThat(router.areasMade()).isEqualTo(2);
  }

  @Test
  void earlierAreasWinAndOtherMethodsOfAMatchingPathGet405() throws IOException {
    Router router = new Router()
        .area(() -> List.of(Route.of("GET", "/-/ping", r -> Response.json(200, "ping"))), "/-/ping")
        .area(() -> List.of(Route.of("*", "/-/.*", r -> Response.error(404, "Not found"))), "/-/")
        .area(() -> List.of(Route.of("GET", "/.*", r -> Response.json(200, "pkg")),
            Route.of("PUT", "/(?<name>[^/]+)", r -> Response.json(201, "published"))), "/");

    assertThat(router.dispatch(get("/-/ping")).status()).isEqualTo(200);
    assertThat(router.dispatch(get("/-/nothing")).status())
        .as("the /-/ catch-all comes before the package area, whose GET /.* matches too").isEqualTo(404);
    assertThat(router.dispatch(get("/left-pad")).status()).isEqualTo(200);
    assertThat(router.dispatch(request("PUT", "/left-pad")).status()).isEqualTo(201);
    Response delete = router.dispatch(request("DELETE", "/left-pad"));
    assertThat(delete.status()).isEqualTo(405);
    assertThat(delete.headers()).containsEntry("allow", "GET, PUT");
  }

  @Test
  void aRouteThatCouldMatchOutsideItsAreaIsRefusedWhenTheAreaIsMade() {
    Router router = new Router().area(
        () -> List.of(Route.of("GET", "/-/npm/v1/keys", r -> Response.json(200, "keys"))), "/-/npm/v1/tokens");

    assertThatThrownBy(() -> router.dispatch(get("/-/npm/v1/tokens")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/-/npm/v1/keys")
        .hasMessageContaining("[/-/npm/v1/tokens]");
  }

  @Test
  void aRoutesLiteralPrefixEndsWhereRegexSyntaxBegins() {
    assertThat(Route.of("GET", "/-/npm/v1/tokens/token/(?<id>[^/]+)", r -> null).literalPrefix())
        .isEqualTo("/-/npm/v1/tokens/token/");
    assertThat(Route.of("*", "/-/.*", r -> null).literalPrefix()).isEqualTo("/-/");
    assertThat(Route.of("GET", "/-/user/org\\.couchdb\\.user:x", r -> null).literalPrefix())
        .isEqualTo("/-/user/org");
    assertThat(Route.of("GET", "/-/stages?", r -> null).literalPrefix())
        .as("a character a quantifier may drop is not certain").isEqualTo("/-/stage");
    assertThat(Route.of("GET", "/-/ping", r -> null).literalPrefix()).isEqualTo("/-/ping");
    assertThat(Route.of("GET", "/ab+", r -> null).literalPrefix()).isEqualTo("/ab");
  }

  @Test
  void aRegexWithATopLevelAlternativeOrFlagsHasNoLiteralPrefix() {
    assertThat(Route.of("GET", "/-/ping|/x", r -> null).literalPrefix()).isEmpty();
    assertThat(Route.of("GET", "/x(?<g>y)|/z", r -> null).literalPrefix()).isEmpty();
    assertThat(new Route("GET", java.util.regex.Pattern.compile("/-/PING", java.util.regex.Pattern.CASE_INSENSITIVE),
        r -> null).literalPrefix()).isEmpty();
    assertThat(Route.of("GET", "/-/testkit/oidc/(?<provider>github|gitlab)/jwks", r -> null).literalPrefix())
        .as("an alternative inside a group").isEqualTo("/-/testkit/oidc/");
    assertThat(Route.of("GET", "/-/a[|]b\\|c", r -> null).literalPrefix())
        .as("| in a character class and escaped").isEqualTo("/-/a");
  }

  @Test
  void aRouteWithATopLevelAlternativeIsReachedThroughEitherBranch() throws IOException {
    Router router = new Router().add(Route.of("GET", "/-/ping|/health", r -> Response.json(200, "up")));

    assertThat(router.dispatch(get("/-/ping")).status()).isEqualTo(200);
    assertThat(router.dispatch(get("/health")).status()).isEqualTo(200);
  }

  private static Request get(String path) {
    return request("GET", path);
  }

  private static Request request(String method, String path) {
    return new Request(method, path, null, Map.of(), InputStream.nullInputStream(),
        InetAddress.getLoopbackAddress());
  }

  /** Makes the given routes and counts how often it is asked. */
  private static final class Counting implements Supplier<List<Route>> {
    final AtomicInteger calls = new AtomicInteger();
    private final List<Route> routes;

    Counting(List<Route> routes) {
      this.routes = routes;
    }

    @Override
    public List<Route> get() {
      calls.incrementAndGet();
      return routes;
    }
  }
}
