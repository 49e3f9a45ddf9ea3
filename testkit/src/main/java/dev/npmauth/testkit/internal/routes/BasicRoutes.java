package dev.npmauth.testkit.internal.routes;

import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.http.Response;
import dev.npmauth.testkit.internal.http.Route;
import dev.npmauth.testkit.internal.json.Json;
import dev.npmauth.testkit.internal.registry.TokenGrant;
import java.util.Optional;

/**
 * {@code GET /-/ping}, {@code GET /-/whoami}, {@code GET /-/package/<name>/visibility}, and the
 * 404 for other {@code /-/} paths.
 *
 * <p>Internal to the testkit; not API.
 */
final class BasicRoutes {
  private BasicRoutes() {}

  static Route ping() {
    return Route.of("GET", "/-/ping", request -> Response.json(200, Json.object()));
  }

  static Route whoami(RouteContext ctx) {
    return Route.of(
        "GET",
        "/-/whoami",
        request -> {
          TokenGrant grant = ctx.tokens().require(request, "see who you are");
          return Response.json(200, Json.object("username", grant.user()));
        });
  }

  static Route visibility(RouteContext ctx) {
    return Route.of(
        "GET",
        "/-/package/" + PackagePaths.NAME + "/visibility",
        request -> {
          Optional<TokenGrant> grant = ctx.tokens().authenticate(request);
          String name = PackagePaths.name(request).orElseThrow(BasicRoutes::notFound);
          if (!ctx.state().visibleTo(name, grant)) {
            throw notFound();
          }
          return Response.json(
              200, Json.object("public", ctx.state().isPublic(name).orElseThrow(BasicRoutes::notFound)));
        });
  }

  /** Unknown {@code /-/} paths are 404, whatever the method, and never taken for package names. */
  static Route otherDashPaths() {
    return Route.of("*", "/-/.*", request -> Response.error(404, "Not found"));
  }

  static HttpError notFound() {
    return HttpError.of(404, "Not found");
  }
}
