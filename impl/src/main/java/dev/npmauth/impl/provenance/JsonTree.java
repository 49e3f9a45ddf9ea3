package dev.npmauth.impl.provenance;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import okio.Buffer;

/**
 * JSON read with Moshi into plain values (maps, lists, strings, doubles, booleans, null), and
 * typed, path-aware access to them. JSON {@code null} counts as absent, as in protobuf JSON.
 * Duplicate keys and trailing content are errors.
 */
final class JsonTree {
  private static final Pattern INT64 = Pattern.compile("-?(0|[1-9][0-9]{0,18})");

  private JsonTree() {
  }

  /** A document that is not JSON, or a value of the wrong shape; the message names the path. */
  static final class ShapeException extends Exception {
    private static final long serialVersionUID = 1L;

    ShapeException(String message) {
      super(message);
    }

    ShapeException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static Object parse(byte[] json) throws ShapeException {
    try (JsonReader reader = JsonReader.of(new Buffer().write(json))) {
      Object value = reader.readJsonValue();
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new ShapeException("unexpected content after the JSON value at " + reader.getPath());
      }
      return value;
    } catch (JsonEncodingException | JsonDataException e) {
      throw new ShapeException("not valid JSON: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ShapeException("not valid JSON: " + e.getMessage(), e);
    }
  }

  static Map<String, Object> parseObject(byte[] json) throws ShapeException {
    return object(parse(json), "$");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value, String path) throws ShapeException {
    if (value instanceof Map) {
      return (Map<String, Object>) value;
    }
    throw new ShapeException(path + " must be an object");
  }

  /** The object at {@code key}, or null when absent or JSON null. */
  static Map<String, Object> optObject(Map<String, Object> parent, String key, String path)
      throws ShapeException {
    Object v = parent.get(key);
    return v == null ? null : object(v, path + "." + key);
  }

  static Map<String, Object> reqObject(Map<String, Object> parent, String key, String path)
      throws ShapeException {
    Map<String, Object> o = optObject(parent, key, path);
    if (o == null) {
      throw new ShapeException(path + "." + key + " is missing");
    }
    return o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> optArray(Map<String, Object> parent, String key, String path)
      throws ShapeException {
    Object v = parent.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof List) {
      return (List<Object>) v;
    }
    throw new ShapeException(path + "." + key + " must be an array");
  }

  static String optString(Map<String, Object> parent, String key, String path)
      throws ShapeException {
    Object v = parent.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof String) {
      return (String) v;
    }
    throw new ShapeException(path + "." + key + " must be a string");
  }

  static String reqString(Map<String, Object> parent, String key, String path)
      throws ShapeException {
    String s = optString(parent, key, path);
    if (s == null) {
      throw new ShapeException(path + "." + key + " is missing");
    }
    return s;
  }

  /** A protobuf {@code bytes} field: base64 text; null when absent. */
  static byte[] optBytes(Map<String, Object> parent, String key, String path)
      throws ShapeException {
    String s = optString(parent, key, path);
    if (s == null) {
      return null;
    }
    try {
      return Bytes.base64(s);
    } catch (IllegalArgumentException e) {
      throw new ShapeException(path + "." + key + " is not valid base64 (" + e.getMessage() + ")");
    }
  }

  static byte[] reqBytes(Map<String, Object> parent, String key, String path)
      throws ShapeException {
    byte[] b = optBytes(parent, key, path);
    if (b == null) {
      throw new ShapeException(path + "." + key + " is missing");
    }
    return b;
  }

  /**
   * A protobuf 64-bit integer: a decimal string (canonical) or a JSON number with an integral
   * value; null when absent.
   */
  static Long optInt64(Map<String, Object> parent, String key, String path)
      throws ShapeException {
    Object v = parent.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof String) {
      String s = (String) v;
      if (!INT64.matcher(s).matches()) {
        throw new ShapeException(path + "." + key + " is not a decimal integer: '" + s + "'");
      }
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new ShapeException(path + "." + key + " is out of range: '" + s + "'");
      }
    }
    if (v instanceof Double) {
      double d = (Double) v;
      if (d != Math.rint(d) || Math.abs(d) > 9.007199254740991E15) {
        throw new ShapeException(path + "." + key + " is not an exact integer");
      }
      return (long) d;
    }
    throw new ShapeException(path + "." + key + " must be an integer");
  }

  static boolean has(Map<String, Object> parent, String key) {
    return parent.get(key) != null;
  }
}
