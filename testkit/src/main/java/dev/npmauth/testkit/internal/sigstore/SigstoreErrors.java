package dev.npmauth.testkit.internal.sigstore;

import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.http.Response;
import dev.npmauth.testkit.internal.json.Json;

/**
 * The error bodies of the services the fake Sigstore plays: Rekor answers {@code {"code": <http
 * status>, "message": …}}; Fulcio (a gRPC gateway) {@code {"code": <gRPC code>, "message": …,
 * "details": []}}. Messages never hold a token.
 *
 * <p>Internal to the testkit; not API.
 */
final class SigstoreErrors {
  private SigstoreErrors() {}

  static HttpError rekor(int status, String message) {
    return HttpError.of(Response.json(status, Json.object("code", status, "message", message)), message);
  }

  /** {@code status} with the gRPC code a gateway maps to it (400 → 3, 401 → 16, 403 → 7, else 13). */
  static HttpError fulcio(int status, String message) {
    int grpc = switch (status) {
      case 400 -> 3;
      case 401 -> 16;
      case 403 -> 7;
      case 404 -> 5;
      default -> 13;
    };
    return HttpError.of(Response.json(status, Json.object("code", grpc, "message", message,
        "details", java.util.List.of())), message);
  }
}
