package dev.npmauth.impl.publish;

import com.squareup.moshi.JsonWriter;
import dev.npmauth.impl.json.Json;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;

/**
 * The publish document, as libnpmpublish builds it, sent as a stream: the JSON around the tarball
 * is made up front, and the tarball's base64 is produced from the file while sending, so memory does
 * not grow with the tarball. Its length is known in advance ({@code Content-Length} is sent, as npm
 * does), and it can be sent again (for an OTP retry).
 */
final class PublishDocumentBody extends RequestBody {
  private static final MediaType JSON = MediaType.get("application/json");

  private final byte[] prefix;
  private final byte[] suffix;
  private final Path tarball;
  private final long tarballSize;

  /**
   * Builds the body.
   *
   * @param document the document without {@code _attachments}, keys in npm's order
   * @param attachmentName the attachment key, {@code <name>-<version>.tgz}
   * @param tarball the tarball file
   * @param tarballSize its size
   * @param extraAttachments further attachments written after the tarball (provenance bundle), already in
   *     their final JSON shape
   */
  PublishDocumentBody(Map<String, Object> document, String attachmentName, Path tarball, long tarballSize,
      Map<String, Object> extraAttachments) {
    this.tarball = tarball;
    this.tarballSize = tarballSize;
    String head = Json.write(document);
    // open the document again to append _attachments, then the tarball attachment up to its data
    StringBuilder before = new StringBuilder(head.substring(0, head.length() - 1));
    before.append(document.isEmpty() ? "" : ",").append("\"_attachments\":{").append(quote(attachmentName))
        .append(":{\"content_type\":\"application/octet-stream\",\"data\":\"");
    this.prefix = before.toString().getBytes(StandardCharsets.UTF_8);
    StringBuilder after = new StringBuilder("\",\"length\":").append(tarballSize).append('}');
    for (Map.Entry<String, Object> extra : extraAttachments.entrySet()) {
      after.append(',').append(quote(extra.getKey())).append(':').append(Json.write(extra.getValue()));
    }
    after.append("}}");
    this.suffix = after.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String quote(String value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.value(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return buffer.readUtf8();
  }

  @Override
  public MediaType contentType() {
    return JSON;
  }

  @Override
  public long contentLength() {
    return prefix.length + 4 * ((tarballSize + 2) / 3) + suffix.length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    sink.write(prefix);
    OutputStream keepOpen = new FilterOutputStream(sink.outputStream()) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush(); // the base64 encoder closes its stream to write padding: keep the sink open
      }
    };
    try (OutputStream base64 = Base64.getEncoder().wrap(keepOpen)) {
      Files.copy(tarball, base64);
    }
    sink.write(suffix);
  }

  /**
   * Helper for tests and dry runs: the document's fields, without the tarball data.
   *
   * @param document the document
   * @return a copy
   */
  static Map<String, Object> copy(Map<String, Object> document) {
    return new LinkedHashMap<>(document);
  }
}
