package dev.npmauth.testkit.internal.routes;

import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.http.Request;
import dev.npmauth.testkit.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads small JSON request bodies (logins, token and trust requests) and their fields, answering
 * 400 with a message that names the field when a value has the wrong type.
 *
 * <p>Internal to the testkit; not API.
 */
final class Bodies {
  /** Account and token bodies are small; anything larger is refused. */
  static final int MAX_BYTES = 64 * 1024;

  private Bodies() {}

  /** The body as JSON; an empty body is {@code null}. */
  static Object read(Request request) throws IOException {
    byte[] bytes = readLimited(request.body());
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return null;
    }
    try {
      return Json.parse(text);
    } catch (IOException | RuntimeException e) {
      throw HttpError.of(400, "the request body is not JSON");
    }
  }

  /** The body as a JSON object; an empty body is an empty object. */
  static Map<String, Object> object(Request request) throws IOException {
    Object value = read(request);
    if (value == null) {
      return Json.object();
    }
    return Json.asObject(value)
        .orElseThrow(() -> HttpError.of(400, "the request body must be a JSON object"));
  }

  private static byte[] readLimited(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw HttpError.of(413, "the request body is larger than " + MAX_BYTES + " bytes");
    }
    return bytes;
  }

  static Optional<String> string(Map<String, Object> body, String field) {
    Object v = body.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String)) {
      throw HttpError.of(400, "\"" + field + "\" must be a string");
    }
    return Optional.of((String) v);
  }

  static Optional<Boolean> bool(Map<String, Object> body, String field) {
    Object v = body.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Boolean)) {
      throw HttpError.of(400, "\"" + field + "\" must be true or false");
    }
    return Optional.of((Boolean) v);
  }

  static List<String> strings(Map<String, Object> body, String field) {
    Object v = body.get(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List)) {
      throw HttpError.of(400, "\"" + field + "\" must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (Object item : (List<?>) v) {
      if (!(item instanceof String)) {
        throw HttpError.of(400, "\"" + field + "\" must be an array of strings");
      }
      out.add((String) item);
    }
    return out;
  }

  static Optional<Long> wholeNumber(Map<String, Object> body, String field) {
    Object v = body.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof BigDecimal)) {
      throw HttpError.of(400, "\"" + field + "\" must be a whole number");
    }
    try {
      return Optional.of(((BigDecimal) v).longValueExact());
    } catch (ArithmeticException e) {
      throw HttpError.of(400, "\"" + field + "\" must be a whole number");
    }
  }
}
