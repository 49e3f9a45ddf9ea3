package dev.npmauth.testkit.internal.routes;

import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.http.PercentDecoding;
import dev.npmauth.testkit.internal.http.Response;
import dev.npmauth.testkit.internal.http.Route;
import dev.npmauth.testkit.internal.json.Json;
import dev.npmauth.testkit.internal.registry.PackageNames;
import dev.npmauth.testkit.internal.registry.Tampering;
import dev.npmauth.testkit.internal.registry.TokenGrant;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /-/npm/v1/attestations/<name>@<version>} (the registry's publish attestation and
 * the provenance that came with the publish), and the testkit's own hooks for tests that drive
 * the standalone fake from another process: {@code GET /-/testkit/sigstore/trusted_root.json}
 * and {@code POST /-/testkit/tamper} (admin token only).
 *
 * <p>Internal to the testkit; not API.
 */
final class AttestationRoutes {
  private AttestationRoutes() {}

  static Route attestations(RouteContext ctx) {
    return Route.of("GET", "/-/npm/v1/attestations/(?<spec>.+)", request -> {
      String spec = PercentDecoding.decode(request.pathGroup("spec"), false);
      int at = spec.lastIndexOf('@');
      if (at <= 0) {
        throw HttpError.of(400, "expected /-/npm/v1/attestations/<name>@<version>, got " + spec);
      }
      String name = spec.substring(0, at);
      String version = spec.substring(at + 1);
      Optional<TokenGrant> grant = ctx.tokens().authenticate(request);
      if (!PackageNames.isValid(name) || !ctx.state().visibleTo(name, grant)) {
        throw BasicRoutes.notFound();
      }
      return Response.json(200, ctx.state().signer().attestations(name, version)
          .orElseThrow(() -> HttpError.of(404, "no attestations for " + name + "@" + version)));
    });
  }

  static Route trustedRoot(RouteContext ctx) {
    return Route.of("GET", "/-/testkit/sigstore/trusted_root.json",
        request -> Response.json(200, ctx.state().signer().trustedRoot()));
  }

  /**
   * Body {@code {"package", "version", "what": "tarball"|"signature"|"remove-signatures"|"provenance"}}, and
   * for a tarball optionally {@code "data"}: the new bytes, base64.
   */
  static Route tamper(RouteContext ctx) {
    return Route.of("POST", "/-/testkit/tamper", request -> {
      TokenGrant grant = ctx.tokens().require(request, "tamper with the store");
      if (grant.kind() != TokenGrant.Kind.ADMIN) {
        throw HttpError.of(403, "only the admin token may tamper with the store");
      }
      Map<String, Object> body;
      try {
        body = Json.asObject(Json.parse(request.body())).orElseThrow(
            () -> HttpError.of(400, "expected a JSON object"));
      } catch (IOException e) {
        throw HttpError.of(400, "the body is not JSON: " + e.getMessage());
      }
      String name = Json.asString(body.get("package")).orElse("");
      String version = Json.asString(body.get("version")).orElse("");
      String what = Json.asString(body.get("what")).orElse("");
      Tampering tampering = new Tampering(ctx.state());
      try {
        switch (what) {
          case "tarball" -> tampering.replaceTarball(name, version, Json.asString(body.get("data"))
              .map(d -> java.util.Base64.getDecoder().decode(d))
              .orElse(("tampered " + name + "@" + version)
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
          case "signature" -> tampering.corruptSignature(name, version);
          case "remove-signatures" -> tampering.removeSignatures(name, version);
          case "provenance" -> tampering.corruptProvenance(name, version);
          default -> throw HttpError.of(400,
              "\"what\" is tarball, signature, remove-signatures or provenance, got \"" + what + "\"");
        }
      } catch (IllegalArgumentException e) {
        throw HttpError.of(404, e.getMessage());
      }
      return Response.json(200, Json.object("ok", true, "tampered", what));
    });
  }
}
