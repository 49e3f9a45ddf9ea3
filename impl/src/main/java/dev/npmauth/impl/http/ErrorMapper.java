package dev.npmauth.impl.http;

import dev.npmauth.impl.json.Json;
import dev.npmauth.registry.OtpRequiredException;
import dev.npmauth.registry.RegistryErrorKind;
import dev.npmauth.registry.RegistryException;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an error answer into a typed exception, classifying a 401 the way npm-registry-fetch does:
 * {@code WWW-Authenticate} parts {@code ipaddress} and {@code otp}, or a body mentioning a
 * "one-time pass".
 */
public final class ErrorMapper {
  private ErrorMapper() {
  }

  /**
   * Maps an error answer.
   *
   * @param status the HTTP status (400 or more)
   * @param method the request method
   * @param url the request URL, already redacted
   * @param wwwAuthenticate the {@code WWW-Authenticate} header, or null
   * @param body the body text (at most a few KiB), or empty
   * @return the exception to throw
   */
  public static RegistryException map(int status, String method, URI url, String wwwAuthenticate, String body) {
    return map(status, method, url, wwwAuthenticate, body, null);
  }

  /**
   * Maps an error answer that may ask the client to wait.
   *
   * @param status the HTTP status (400 or more)
   * @param method the request method
   * @param url the request URL, already redacted
   * @param wwwAuthenticate the {@code WWW-Authenticate} header, or null
   * @param body the body text (at most a few KiB), or empty
   * @param retryAfter the parsed {@code Retry-After}, or null
   * @return the exception to throw
   */
  public static RegistryException map(int status, String method, URI url, String wwwAuthenticate, String body,
      java.time.Duration retryAfter) {
    Map<String, Object> json = parse(body);
    String message = json == null ? plainMessage(body)
        : Json.string(json, "error").or(() -> Json.string(json, "message")).orElse(null);
    if (status == 401) {
      if (wwwAuthenticate != null) {
        for (String part : wwwAuthenticate.split(",\\s*")) {
          String lower = part.trim().toLowerCase(Locale.ROOT);
          if (lower.equals("ipaddress")) {
            return new RegistryException(RegistryErrorKind.IP_ADDRESS_NOT_ALLOWED, status, method, url, message);
          }
        }
        for (String part : wwwAuthenticate.split(",\\s*")) {
          if (part.trim().toLowerCase(Locale.ROOT).equals("otp")) {
            return otp(status, method, url, message, json);
          }
        }
      }
      if (body != null && body.contains("one-time pass")) {
        return otp(status, method, url, message, json);
      }
      return new RegistryException(RegistryErrorKind.AUTHENTICATION_REQUIRED, status, method, url, message);
    }
    return new RegistryException(kindOf(status), status, method, url, message, retryAfter);
  }

  private static OtpRequiredException otp(int status, String method, URI url, String message, Map<String, Object> json) {
    URI authUrl = null;
    URI doneUrl = null;
    if (json != null) {
      authUrl = Json.string(json, "authUrl").flatMap(ErrorMapper::httpUri).orElse(null);
      doneUrl = Json.string(json, "doneUrl").flatMap(ErrorMapper::httpUri).orElse(null);
    }
    return new OtpRequiredException(status, method, url, message, authUrl, doneUrl);
  }

  private static Optional<URI> httpUri(String value) {
    try {
      URI uri = URI.create(value);
      return "http".equals(uri.getScheme()) || "https".equals(uri.getScheme()) ? Optional.of(uri) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static RegistryErrorKind kindOf(int status) {
    if (status == 400) {
      return RegistryErrorKind.BAD_REQUEST;
    }
    if (status == 401) {
      return RegistryErrorKind.AUTHENTICATION_REQUIRED;
    }
    if (status == 402) {
      return RegistryErrorKind.PAYMENT_REQUIRED;
    }
    if (status == 403) {
      return RegistryErrorKind.FORBIDDEN;
    }
    if (status == 404) {
      return RegistryErrorKind.NOT_FOUND;
    }
    if (status == 409) {
      return RegistryErrorKind.CONFLICT;
    }
    if (status == 408 || status == 429) {
      return RegistryErrorKind.RATE_LIMITED;
    }
    if (status >= 500) {
      return RegistryErrorKind.SERVER_ERROR;
    }
    return RegistryErrorKind.OTHER;
  }

  private static Map<String, Object> parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return Json.readObject(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String plainMessage(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
  }
}
