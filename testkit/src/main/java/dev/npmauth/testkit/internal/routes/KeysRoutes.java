package dev.npmauth.testkit.internal.routes;

import dev.npmauth.testkit.internal.http.Response;
import dev.npmauth.testkit.internal.http.Route;

/**
 * {@code GET /-/npm/v1/keys}: the registry's signing keys, as {@code npm audit signatures} reads
 * them when the Sigstore TUF repository does not know the registry.
 *
 * <p>Internal to the testkit; not API.
 */
final class KeysRoutes {
  private KeysRoutes() {}

  static Route keys(RouteContext ctx) {
    return Route.of("GET", "/-/npm/v1/keys",
        request -> Response.json(200, ctx.state().signer().keysDocument()));
  }
}
