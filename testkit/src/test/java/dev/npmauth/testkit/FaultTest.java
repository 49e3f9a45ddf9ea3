package dev.npmauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fake")
class FaultTest {
  private FakeRegistry registry;
  private TestHttp http;

  @BeforeEach
  void start() {
    registry = FakeRegistry.start();
    http = new TestHttp(registry.url());
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void statusWithRetryAfterPlaysOnceThenTheRegistryAnswersNormally() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    String jwt = registry.idTokens().mint(IdTokenSpec.github(GitHubRun.of("acme/widgets", "release.yml")));
    registry.inject(
        Fault.on("POST", "/-/npm/v1/oidc/token/exchange/package/.*").status(503).retryAfter(Duration.ofSeconds(1)));
    String path = "/-/npm/v1/oidc/token/exchange/package/demo-pkg";

    HttpResponse<String> first = http.post(path, "authorization", TestHttp.bearer(jwt));
    HttpResponse<String> second = http.post(path, "authorization", TestHttp.bearer(jwt));

    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(first.headers().firstValue("retry-after")).hasValue("1");
    assertThat(TestHttp.json(first.body())).containsKey("message");
    assertThat(second.statusCode()).isEqualTo(201);
  }

  @Test
  void timesPlaysExactlyThatOften() throws Exception {
    registry.inject(Fault.on("GET", "/-/ping").status(500).times(2));
    assertThat(http.get("/-/ping").statusCode()).isEqualTo(500);
    assertThat(http.get("/-/ping").statusCode()).isEqualTo(500);
    assertThat(http.get("/-/ping").statusCode()).isEqualTo(200);
  }

  @Test
  void alwaysPlaysUntilCleared() throws Exception {
    registry.inject(Fault.on("*", "/-/ping").status(429).always());
    for (int i = 0; i < 3; i++) {
      assertThat(http.get("/-/ping").statusCode()).isEqualTo(429);
    }
    registry.clearFaults();
    assertThat(http.get("/-/ping").statusCode()).isEqualTo(200);
  }

  @Test
  void customBodyLetsTheExchangeAnswerWithoutAToken() throws Exception {
    registry.inject(Fault.on("POST", "/-/npm/v1/oidc/token/exchange/package/.*").status(201).body("{}"));
    HttpResponse<String> r = http.post("/-/npm/v1/oidc/token/exchange/package/demo-pkg");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body()).isEqualTo("{}");
  }

  @Test
  void faultMatchesTheRawPathWithEscapesKept() throws Exception {
    registry.inject(Fault.on("GET", "/@acme%2fwidgets").status(418));
    assertThat(http.get("/@acme/widgets").statusCode()).isEqualTo(404);
    assertThat(http.get("/@acme%2fwidgets").statusCode()).isEqualTo(418);
  }

  @Test
  void dropConnectionReadsTheBodyAndClosesWithoutAnAnswer() throws Exception {
    registry.inject(Fault.on("PUT", "/demo-pkg").dropConnection());
    String body = "{\"name\":\"demo-pkg\"}";

    assertThatThrownBy(() -> http.put("/demo-pkg", body, "authorization", TestHttp.bearer(registry.adminToken())))
        .isInstanceOf(IOException.class);

    RecordedRequest dropped = registry.journal().get(registry.journal().size() - 1);
    assertThat(dropped.method()).isEqualTo("PUT");
    assertThat(dropped.status()).isZero();
    assertThat(dropped.bodyBytes()).isEqualTo(body.length());
    // Played once: the next request is handled.
    assertThat(http.get("/-/ping").statusCode()).isEqualTo(200);
  }

  @Test
  void delayProvokesAClientReadTimeoutAndAloneThenAnswersNormally() throws Exception {
    registry.inject(Fault.on("GET", "/-/ping").delay(Duration.ofMillis(1500)));
    assertThatThrownBy(
            () -> http.send(http.request("/-/ping").timeout(Duration.ofMillis(200)).GET().build()))
        .isInstanceOf(HttpTimeoutException.class);

    registry.inject(Fault.on("GET", "/-/ping").delay(Duration.ofMillis(100)));
    HttpResponse<String> slow = http.get("/-/ping");
    assertThat(slow.statusCode()).isEqualTo(200);
    assertThat(slow.body()).isEqualTo("{}");
  }

  @Test
  void aFaultThatDoesNothingIsRejected() {
    assertThatThrownBy(() -> registry.inject(Fault.on("GET", "/x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does nothing");
    assertThatThrownBy(() -> Fault.on("GET", "/x").status(500).dropConnection())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(List.of(Fault.on("get", "/x").status(500).always().toString())).allMatch(s -> s.contains("GET"));
  }
}
