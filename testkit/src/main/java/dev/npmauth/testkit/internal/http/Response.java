package dev.npmauth.testkit.internal.http;

import dev.npmauth.testkit.internal.json.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: a status, headers, and either bytes or a file streamed from disk.
 *
 * <p>Internal to the testkit; not API.
 */
public final class Response {
  public static final String JSON = "application/json";

  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final byte[] body;
  private final Path file;

  private Response(int status, byte[] body, Path file) {
    this.status = status;
    this.body = body;
    this.file = file;
  }

  /** A JSON answer; {@code tree} is written with {@link Json}. */
  public static Response json(int status, Object tree) {
    return bytes(status, JSON, Json.bytes(tree));
  }

  /** A JSON answer whose text is already written. */
  public static Response rawJson(int status, String jsonText) {
    return bytes(status, JSON, jsonText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The registry's usual error shape, {@code {"error": message}}. */
  public static Response error(int status, String message) {
    return json(status, Json.object("error", message));
  }

  /** An answer with a byte body. */
  public static Response bytes(int status, String contentType, byte[] body) {
    Response r = new Response(status, body, null);
    r.headers.put("content-type", contentType);
    return r;
  }

  /** An answer streamed from a file. */
  public static Response file(int status, String contentType, Path file) {
    Response r = new Response(status, null, file);
    r.headers.put("content-type", contentType);
    return r;
  }

  /** Adds or replaces a header. */
  public Response header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** The byte body, or null when the body is a file. */
  public byte[] body() {
    return body;
  }

  /** The file to stream, or null. */
  public Path file() {
    return file;
  }
}
