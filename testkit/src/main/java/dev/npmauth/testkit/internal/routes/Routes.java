package dev.npmauth.testkit.internal.routes;

import dev.npmauth.testkit.internal.http.Route;
import dev.npmauth.testkit.internal.http.Router;
import java.util.List;
import java.util.function.Supplier;

/**
 * Assembles the fake registry's router. Order matters: the {@code /-/} endpoints come first, then
 * a 404 for any other {@code /-/} path, then the package paths.
 *
 * <p>Each area of the API is made on its first request ({@link Router#area}): a start makes no
 * route, and a test that only publishes and reads packages never makes the token, trust, stage or
 * login routes.
 *
 * <p>Internal to the testkit; not API.
 */
public final class Routes {
  private Routes() {}

  /** The areas, in routing order, each under the raw-path prefixes its routes lie under. */
  private enum Area {
    BASIC("/-/ping", "/-/whoami", "/-/package/"),
    OIDC("/-/npm/v1/oidc/", "/-/testkit/github/", "/-/testkit/oidc/"),
    DIST_TAGS("/-/package/"),
    STAGE("/-/stage"),
    TOKENS(TokenRoutes.PATH),
    TRUST("/-/package/"),
    USERS("/-/v1/", "/-/testkit/login/", "/-/user/"),
    KEYS("/-/npm/v1/keys"),
    ATTESTATIONS("/-/npm/v1/attestations/", "/-/testkit/sigstore/", "/-/testkit/tamper"),
    OTHER_DASH_PATHS("/-/"),
    PACKAGES("/");

    private final String[] prefixes;

    Area(String... prefixes) {
      this.prefixes = prefixes;
    }
  }

  public static Router build(RouteContext ctx) {
    Router router = new Router();
    for (Area area : Area.values()) {
      router.area(new AreaRoutes(area, ctx), area.prefixes);
    }
    return router;
  }

  /** Makes one area's routes (a class rather than a lambda per area: nothing to link at start). */
  private static final class AreaRoutes implements Supplier<List<Route>> {
    private final Area area;
    private final RouteContext ctx;

    AreaRoutes(Area area, RouteContext ctx) {
      this.area = area;
      this.ctx = ctx;
    }

    @Override
    public List<Route> get() {
      switch (area) {
        case BASIC:
          return List.of(BasicRoutes.ping(), BasicRoutes.whoami(ctx), BasicRoutes.visibility(ctx));
        case OIDC:
          return List.of(OidcRoutes.exchange(ctx), OidcRoutes.githubIdToken(ctx), OidcRoutes.jwks(ctx));
        case DIST_TAGS:
          return List.of(DistTagRoutes.list(ctx), DistTagRoutes.add(ctx), DistTagRoutes.remove(ctx));
        case STAGE:
          return List.of(StageRoutes.publish(ctx), StageRoutes.list(ctx), StageRoutes.tarball(ctx),
              StageRoutes.approve(ctx), StageRoutes.view(ctx), StageRoutes.reject(ctx));
        case TOKENS:
          return List.of(TokenRoutes.list(ctx), TokenRoutes.create(ctx), TokenRoutes.revoke(ctx));
        case TRUST:
          return List.of(TrustRoutes.create(ctx), TrustRoutes.list(ctx), TrustRoutes.revoke(ctx));
        case USERS:
          return List.of(UserRoutes.webLogin(ctx), UserRoutes.webLoginDone(ctx), UserRoutes.loginPage(ctx),
              UserRoutes.couchLogin(ctx), UserRoutes.couchUser(ctx), UserRoutes.logout(ctx));
        case KEYS:
          return List.of(KeysRoutes.keys(ctx));
        case ATTESTATIONS:
          return List.of(AttestationRoutes.attestations(ctx), AttestationRoutes.trustedRoot(ctx),
              AttestationRoutes.tamper(ctx));
        case OTHER_DASH_PATHS:
          return List.of(BasicRoutes.otherDashPaths());
        case PACKAGES:
          return List.of(PackageRoutes.tarball(ctx), PackageRoutes.packument(ctx), PackageRoutes.publish(ctx));
        default:
          throw new IllegalStateException("no routes for " + area);
      }
    }
  }
}
