package dev.npmauth.testkit.internal.routes;

import dev.npmauth.testkit.internal.http.Router;

/**
 * Assembles the fake registry's router. Order matters: the {@code /-/} endpoints come first, then
 * a 404 for any other {@code /-/} path, then the package paths.
 *
 * <p>Internal to the testkit; not API.
 */
public final class Routes {
  private Routes() {}

  public static Router build(RouteContext ctx) {
    return new Router()
        .add(BasicRoutes.ping())
        .add(BasicRoutes.whoami(ctx))
        .add(BasicRoutes.visibility(ctx))
        .add(OidcRoutes.exchange(ctx))
        .add(OidcRoutes.githubIdToken(ctx))
        .add(OidcRoutes.jwks(ctx))
        .add(BasicRoutes.otherDashPaths())
        .add(PackageRoutes.tarball(ctx))
        .add(PackageRoutes.packument(ctx))
        .add(PackageRoutes.publish(ctx));
  }
}
