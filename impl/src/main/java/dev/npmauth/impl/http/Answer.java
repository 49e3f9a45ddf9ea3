package dev.npmauth.impl.http;

import dev.npmauth.impl.json.Json;
import java.io.IOException;
import java.util.Map;
import okhttp3.Headers;

/**
 * A complete, successful answer whose body was small enough to read into memory.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body text
 */
public record Answer(int status, Headers headers, String body) {

  /**
   * The body as a JSON object.
   *
   * @return the object
   * @throws IOException if the body is not a JSON object
   */
  public Map<String, Object> json() throws IOException {
    return Json.readObject(body);
  }
}
