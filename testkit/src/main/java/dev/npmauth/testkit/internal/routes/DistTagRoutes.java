package dev.npmauth.testkit.internal.routes;

import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.http.PercentDecoding;
import dev.npmauth.testkit.internal.http.Response;
import dev.npmauth.testkit.internal.http.Route;
import dev.npmauth.testkit.internal.json.Json;
import dev.npmauth.testkit.internal.registry.TokenGrant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /-/package/<name>/dist-tags}, {@code PUT} and {@code DELETE
 * /-/package/<name>/dist-tags/<tag>}, as {@code npm dist-tag} uses them.
 *
 * <p>Internal to the testkit; not API.
 */
final class DistTagRoutes {
  private static final String TAGS = "/-/package/" + PackagePaths.NAME + "/dist-tags";

  private DistTagRoutes() {}

  static Route list(RouteContext ctx) {
    return Route.of("GET", TAGS, request -> {
      Optional<TokenGrant> grant = ctx.tokens().authenticate(request);
      String name = PackagePaths.name(request).orElseThrow(BasicRoutes::notFound);
      if (!ctx.state().visibleTo(name, grant)) {
        throw BasicRoutes.notFound();
      }
      Map<String, String> tags = ctx.state().distTags(name).orElseThrow(BasicRoutes::notFound);
      return Response.json(200, new java.util.LinkedHashMap<String, Object>(tags));
    });
  }

  static Route add(RouteContext ctx) {
    return Route.of("PUT", TAGS + "/(?<tag>[^/]+)", request -> {
      TokenGrant grant = ctx.tokens().require(request, "change dist-tags");
      ctx.accounts().users().checkWrite(request, grant);
      String name = PackagePaths.requireName(request);
      String tag = PercentDecoding.decode(request.pathGroup("tag"), false);
      String body = new String(request.body().readAllBytes(), StandardCharsets.UTF_8);
      Object version;
      try {
        version = Json.parse(body);
      } catch (IOException | RuntimeException e) {
        throw HttpError.of(400, "the body must be the version as a JSON string, e.g. \"1.0.0\"");
      }
      if (!(version instanceof String v)) {
        throw HttpError.of(400, "the body must be the version as a JSON string, e.g. \"1.0.0\"");
      }
      ctx.state().setDistTag(grant, name, tag, v);
      return Response.json(200, Json.object("ok", true));
    });
  }

  static Route remove(RouteContext ctx) {
    return Route.of("DELETE", TAGS + "/(?<tag>[^/]+)", request -> {
      TokenGrant grant = ctx.tokens().require(request, "change dist-tags");
      ctx.accounts().users().checkWrite(request, grant);
      String name = PackagePaths.requireName(request);
      ctx.state().removeDistTag(grant, name, PercentDecoding.decode(request.pathGroup("tag"), false));
      return Response.json(200, Json.object("ok", true));
    });
  }
}
