package dev.npmauth.impl.provenance.sign;

import dev.npmauth.impl.json.Json;
import java.io.IOException;
import java.util.Map;

/** Reads the message out of a Fulcio, Rekor or timestamp authority error body. */
final class ServiceErrors {
  private ServiceErrors() {
  }

  /** {@code message} (Fulcio, Rekor) or {@code error}, else the body's first 200 characters. */
  static String message(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      Map<String, Object> json = Json.readObject(body);
      return Json.string(json, "message").or(() -> Json.string(json, "error")).orElse(null);
    } catch (IOException e) {
      String line = body.strip().replaceAll("\\s+", " ");
      return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
  }
}
