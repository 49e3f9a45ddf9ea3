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
        .add(DistTagRoutes.list(ctx))
        .add(DistTagRoutes.add(ctx))
        .add(DistTagRoutes.remove(ctx))
        .add(StageRoutes.publish(ctx))
        .add(StageRoutes.list(ctx))
        .add(StageRoutes.tarball(ctx))
        .add(StageRoutes.approve(ctx))
        .add(StageRoutes.view(ctx))
        .add(StageRoutes.reject(ctx))
        .add(TokenRoutes.list(ctx))
        .add(TokenRoutes.create(ctx))
        .add(TokenRoutes.revoke(ctx))
        .add(TrustRoutes.create(ctx))
        .add(TrustRoutes.list(ctx))
        .add(TrustRoutes.revoke(ctx))
        .add(UserRoutes.webLogin(ctx))
        .add(UserRoutes.webLoginDone(ctx))
        .add(UserRoutes.loginPage(ctx))
        .add(UserRoutes.couchLogin(ctx))
        .add(UserRoutes.couchUser(ctx))
        .add(UserRoutes.logout(ctx))
        .add(KeysRoutes.keys(ctx))
        .add(AttestationRoutes.attestations(ctx))
        .add(AttestationRoutes.trustedRoot(ctx))
        .add(AttestationRoutes.tamper(ctx))
        .add(BasicRoutes.otherDashPaths())
        .add(PackageRoutes.tarball(ctx))
        .add(PackageRoutes.packument(ctx))
        .add(PackageRoutes.publish(ctx));
  }
}
