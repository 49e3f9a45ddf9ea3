package dev.npmauth.testkit.internal.registry;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.BufferedSource;
import okio.Okio;

/**
 * Reads a publish document from the request body in one pass. Tarball attachments are
 * base64-decoded straight into files (hashing as they go), so a large tarball is never held in
 * memory.
 *
 * <p>Internal to the testkit; not API.
 */
public final class PublishBodyParser {
  private PublishBodyParser() {}

  /**
   * Parses the body.
   *
   * @throws HttpError 400 when the body is not a JSON object or an attachment is not readable
   */
  public static PublishDocument parse(InputStream body, TarballStore store) throws IOException {
    List<Attachment> attachments = new ArrayList<>();
    Map<String, Object> fields = new LinkedHashMap<>();
    try {
      JsonReader reader = JsonReader.of(Okio.buffer(Okio.source(body)));
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw HttpError.of(400, "the publish body must be a JSON object");
      }
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        if (name.equals("_attachments")) {
          readAttachments(reader, store, attachments);
        } else {
          fields.put(name, Json.read(reader));
        }
      }
      reader.endObject();
      return new PublishDocument(fields, attachments);
    } catch (JsonEncodingException | JsonDataException e) {
      new PublishDocument(fields, attachments).discard();
      throw HttpError.of(400, "the publish body is not valid JSON: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      new PublishDocument(fields, attachments).discard();
      throw e;
    }
  }

  private static void readAttachments(
      JsonReader reader, TarballStore store, List<Attachment> out) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw HttpError.of(400, "_attachments must be a JSON object");
    }
    reader.beginObject();
    while (reader.hasNext()) {
      String key = reader.nextName();
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw HttpError.of(400, "attachment \"" + key + "\" must be a JSON object");
      }
      boolean tarball = key.endsWith(".tgz");
      String contentType = null;
      BigDecimal length = null;
      Path file = null;
      String text = null;
      long decoded = 0;
      byte[] sha512 = null;
      byte[] sha1 = null;
      reader.beginObject();
      while (reader.hasNext()) {
        String field = reader.nextName();
        switch (field) {
          case "content_type":
            contentType = Json.asString(Json.read(reader)).orElse(null);
            break;
          case "length":
            Object l = Json.read(reader);
            length = l instanceof BigDecimal ? (BigDecimal) l : null;
            break;
          case "data":
            if (reader.peek() != JsonReader.Token.STRING) {
              throw HttpError.of(400, "attachment \"" + key + "\": data must be a string");
            }
            if (tarball) {
              file = store.newUpload();
              MessageDigest d512 = digest("SHA-512");
              MessageDigest d1 = digest("SHA-1");
              try (BufferedSource raw = reader.nextSource();
                  OutputStream fileOut = Files.newOutputStream(file)) {
                JsonStringContent content = new JsonStringContent(raw);
                InputStream in = Base64.getDecoder().wrap(content);
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = readBase64(in, buf, key)) > 0) {
                  d512.update(buf, 0, n);
                  d1.update(buf, 0, n);
                  fileOut.write(buf, 0, n);
                  decoded += n;
                }
                // The decoder stops at padding; anything left in the string is an error.
                if (readBase64(content, buf, key) > 0) {
                  throw HttpError.of(
                      400, "attachment \"" + key + "\": data has characters after the base64 padding");
                }
              } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
              }
              sha512 = d512.digest();
              sha1 = d1.digest();
            } else {
              text = reader.nextString();
            }
            break;
          default:
            reader.skipValue();
        }
      }
      reader.endObject();
      out.add(new Attachment(key, contentType, length, file, text, decoded, sha512, sha1));
    }
    reader.endObject();
  }

  private static int readBase64(InputStream in, byte[] buf, String key) {
    try {
      return in.read(buf);
    } catch (IOException | IllegalArgumentException e) {
      // Covers bad base64, a broken JSON string and a body cut short; none of these messages
      // carries data from the body.
      throw HttpError.of(
          400,
          "attachment \"" + key + "\": data is not a complete base64 string (" + e.getMessage() + ")");
    }
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
