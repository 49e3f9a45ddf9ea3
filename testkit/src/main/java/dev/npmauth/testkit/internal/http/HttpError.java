package dev.npmauth.testkit.internal.http;

import dev.npmauth.testkit.internal.json.Json;

/**
 * Thrown by route handlers to answer with an error. The message is sent to the client, so it must
 * never contain a secret.
 *
 * <p>Internal to the testkit; not API.
 */
public final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Response response;

  private HttpError(String message, Response response) {
    super(message, null, false, false);
    this.response = response;
  }

  /** {@code status} with the registry's usual body {@code {"error": message}}. */
  public static HttpError of(int status, String message) {
    return new HttpError(message, Response.error(status, message));
  }

  /**
   * {@code status} with body {@code {"message": message, "error": message}}: the OIDC exchange
   * shape (npm logs {@code body.message} there).
   */
  public static HttpError withMessage(int status, String message) {
    return new HttpError(
        message, Response.json(status, Json.object("message", message, "error", message)));
  }

  /** An error with a prepared response. */
  public static HttpError of(Response response, String message) {
    return new HttpError(message, response);
  }

  public Response response() {
    return response;
  }
}
