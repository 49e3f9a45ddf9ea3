package dev.npmauth.testkit.internal.routes;

import dev.npmauth.testkit.internal.http.Accept;
import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.http.Response;
import dev.npmauth.testkit.internal.http.Route;
import dev.npmauth.testkit.internal.json.Json;
import dev.npmauth.testkit.internal.registry.PublishBodyParser;
import dev.npmauth.testkit.internal.registry.PublishDocument;
import dev.npmauth.testkit.internal.registry.PublishValidator;
import dev.npmauth.testkit.internal.registry.TokenGrant;
import dev.npmauth.testkit.internal.registry.ValidatedPublish;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Packuments, tarballs and publishing: {@code GET /<name>}, {@code GET /<name>/-/<file>.tgz},
 * {@code PUT /<name>}.
 *
 * <p>Internal to the testkit; not API.
 */
final class PackageRoutes {
  private PackageRoutes() {}

  static Route tarball(RouteContext ctx) {
    return Route.of(
        "GET",
        "/" + PackagePaths.NAME + "/-/(?<file>[^/]+)",
        request -> {
          Optional<TokenGrant> grant = ctx.tokens().authenticate(request);
          String name = PackagePaths.name(request).orElseThrow(BasicRoutes::notFound);
          if (!ctx.state().visibleTo(name, grant)) {
            throw BasicRoutes.notFound();
          }
          Path file =
              ctx.state()
                  .tarballByFileName(name, request.pathGroup("file"))
                  .orElseThrow(BasicRoutes::notFound);
          return Response.file(200, "application/octet-stream", file);
        });
  }

  static Route packument(RouteContext ctx) {
    return Route.of(
        "GET",
        "/" + PackagePaths.NAME,
        request -> {
          Optional<TokenGrant> grant = ctx.tokens().authenticate(request);
          String name = PackagePaths.name(request).orElseThrow(BasicRoutes::notFound);
          if (!ctx.state().visibleTo(name, grant)) {
            throw BasicRoutes.notFound();
          }
          if (Accept.prefersAbbreviated(request.header("accept").orElse(null))) {
            return Response.bytes(
                200,
                Accept.ABBREVIATED,
                ctx.state().abbreviatedPackumentJson(name).orElseThrow(BasicRoutes::notFound));
          }
          return Response.bytes(200, Response.JSON,
              ctx.state().fullPackumentJson(name).orElseThrow(BasicRoutes::notFound));
        });
  }

  static Route publish(RouteContext ctx) {
    return Route.of(
        "PUT",
        "/" + PackagePaths.NAME,
        request -> {
          String name = PackagePaths.requireName(request);
          TokenGrant grant = ctx.tokens().require(request, "publish packages");
          // Refuse early when the token can never publish this package, before reading the body.
          grant
              .publishRefusal(name, ctx.state().maintainersOf(name))
              .ifPresent(
                  reason -> {
                    throw HttpError.of(403, reason);
                  });
          // Accounts with 2FA for writes need a one-time password unless the token bypasses 2FA.
          ctx.accounts().users().checkWrite(request, grant);
          PublishDocument doc = PublishBodyParser.parse(request.body(), ctx.tarballs());
          try {
            ValidatedPublish valid = PublishValidator.validate(doc, name);
            ctx.state().publish(grant, valid);
          } catch (IOException | RuntimeException e) {
            doc.discard();
            throw e;
          }
          return Response.json(200, Json.object("ok", true));
        });
  }
}
