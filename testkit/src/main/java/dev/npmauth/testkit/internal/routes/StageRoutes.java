package dev.npmauth.testkit.internal.routes;

import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.http.Response;
import dev.npmauth.testkit.internal.http.Route;
import dev.npmauth.testkit.internal.json.Json;
import dev.npmauth.testkit.internal.registry.PublishBodyParser;
import dev.npmauth.testkit.internal.registry.PublishDocument;
import dev.npmauth.testkit.internal.registry.PublishValidator;
import dev.npmauth.testkit.internal.registry.StageStore;
import dev.npmauth.testkit.internal.registry.TokenGrant;
import dev.npmauth.testkit.internal.registry.ValidatedPublish;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Staged publishing as {@code npm stage} uses it: {@code POST /-/stage/package/<name>}, {@code GET
 * /-/stage?page=&perPage=&package=}, {@code GET /-/stage/<id>}, {@code POST /-/stage/<id>/approve},
 * {@code DELETE /-/stage/<id>} and {@code GET /-/stage/<id>/tarball}.
 *
 * <p>Internal to the testkit; not API.
 */
final class StageRoutes {
  private static final String ID =
      "(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})";

  private StageRoutes() {}

  static Route publish(RouteContext ctx) {
    return Route.of("POST", "/-/stage/package/" + PackagePaths.NAME, request -> {
      String name = PackagePaths.requireName(request);
      TokenGrant grant = ctx.tokens().require(request, "stage packages");
      grant.stageRefusal(name, ctx.state().maintainersOf(name)).ifPresent(reason -> {
        throw HttpError.of(403, reason);
      });
      PublishDocument doc = PublishBodyParser.parse(request.body(), ctx.tarballs());
      ValidatedPublish valid;
      try {
        valid = PublishValidator.validate(doc, name);
        if (ctx.state().versions(name).contains(valid.version())) {
          throw HttpError.of(403, "You cannot publish over the previously published versions: " + valid.version() + ".");
        }
        if (ctx.state().stage().isStaged(name, valid.version())) {
          throw HttpError.of(409, name + "@" + valid.version() + " is already staged");
        }
      } catch (RuntimeException e) {
        doc.discard();
        throw e;
      }
      StageStore.Entry entry = ctx.state().stage().add(valid, grant.user(),
          grant.kind() == TokenGrant.Kind.OIDC ? "oidc" : "user", ctx.clock().instant());
      return Response.json(201, Json.object("stageId", entry.id()));
    });
  }

  static Route list(RouteContext ctx) {
    return Route.of("GET", "/-/stage", request -> {
      TokenGrant grant = ctx.tokens().require(request, "see staged packages");
      int page = intParameter(request.queryParameter("page"), 0);
      int perPage = intParameter(request.queryParameter("perPage"), 100);
      List<StageStore.Entry> visible = ctx.state().stage().list(request.queryParameter("package")).stream()
          .filter(e -> visible(ctx, grant, e))
          .toList();
      return Response.json(200, StageStore.page(visible, page, Math.max(1, perPage)));
    });
  }

  static Route view(RouteContext ctx) {
    return Route.of("GET", "/-/stage/" + ID, request -> Response.json(200, entry(ctx, request).item()));
  }

  static Route tarball(RouteContext ctx) {
    return Route.of("GET", "/-/stage/" + ID + "/tarball", request ->
        Response.file(200, "application/octet-stream", entry(ctx, request).publish().tarball().file()));
  }

  static Route approve(RouteContext ctx) {
    return Route.of("POST", "/-/stage/" + ID + "/approve", request -> {
      TokenGrant grant = ctx.tokens().require(request, "approve staged packages");
      ctx.accounts().users().checkWrite(request, grant);
      StageStore.Entry entry = entry(ctx, request);
      String name = entry.publish().name();
      grant.manageRefusal(name, ctx.state().maintainersOf(name)).ifPresent(reason -> {
        throw HttpError.of(403, reason);
      });
      ctx.state().stage().remove(entry.id()).orElseThrow(BasicRoutes::notFound);
      try {
        ctx.state().publish(grant, entry.publish());
      } catch (IOException | RuntimeException e) {
        StageStore.discard(entry);
        throw e;
      }
      return Response.json(200, Json.object("ok", true));
    });
  }

  static Route reject(RouteContext ctx) {
    return Route.of("DELETE", "/-/stage/" + ID, request -> {
      TokenGrant grant = ctx.tokens().require(request, "reject staged packages");
      ctx.accounts().users().checkWrite(request, grant);
      StageStore.Entry entry = entry(ctx, request);
      String name = entry.publish().name();
      grant.manageRefusal(name, ctx.state().maintainersOf(name)).ifPresent(reason -> {
        throw HttpError.of(403, reason);
      });
      ctx.state().stage().remove(entry.id()).ifPresent(StageStore::discard);
      return Response.json(200, Json.object("ok", true));
    });
  }

  private static StageStore.Entry entry(RouteContext ctx, dev.npmauth.testkit.internal.http.Request request) {
    TokenGrant grant = ctx.tokens().require(request, "see staged packages");
    StageStore.Entry entry = ctx.state().stage().get(request.pathGroup("id").toLowerCase(java.util.Locale.ROOT))
        .orElseThrow(BasicRoutes::notFound);
    if (!visible(ctx, grant, entry)) {
      throw BasicRoutes.notFound();
    }
    return entry;
  }

  /** Maintainers (and the identity that staged it) see a staged version; others get 404. */
  private static boolean visible(RouteContext ctx, TokenGrant grant, StageStore.Entry entry) {
    String name = entry.publish().name();
    List<String> maintainers = ctx.state().maintainersOf(name);
    return grant.kind() == TokenGrant.Kind.ADMIN
        || grant.user().equals(entry.actor())
        || (maintainers != null && grant.canRead(name, maintainers) && maintainers.contains(grant.user()));
  }

  private static int intParameter(Optional<String> value, int fallback) {
    try {
      return value.map(Integer::parseInt).filter(v -> v >= 0).orElse(fallback);
    } catch (NumberFormatException e) {
      throw HttpError.of(400, "page and perPage must be whole numbers");
    }
  }
}
