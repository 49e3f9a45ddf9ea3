package dev.npmauth.testkit.internal.json;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okio.Buffer;
import okio.Okio;

/**
 * JSON trees for the fake registry: objects are {@code LinkedHashMap<String,Object>} (key order
 * kept), arrays {@code List<Object>}, numbers {@link BigDecimal} (so {@code 291} stays {@code 291}
 * and never becomes {@code 291.0}), plus {@code String}, {@code Boolean} and {@code null}.
 *
 * <p>Internal to the testkit; not API.
 */
public final class Json {
  private Json() {}

  /** Parses one JSON value from text. */
  public static Object parse(String text) throws IOException {
    JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
    Object value = read(reader);
    if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
      throw new IOException("trailing data after the JSON value");
    }
    return value;
  }

  /** Parses one JSON value from a stream (the stream is read to the end of that value). */
  public static Object parse(InputStream in) throws IOException {
    return read(JsonReader.of(Okio.buffer(Okio.source(in))));
  }

  /** Reads the next value from {@code reader} as a tree. */
  public static Object read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT: {
        Map<String, Object> object = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          object.put(name, read(reader));
        }
        reader.endObject();
        return object;
      }
      case BEGIN_ARRAY: {
        List<Object> array = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(read(reader));
        }
        reader.endArray();
        return array;
      }
      case STRING:
        return reader.nextString();
      case NUMBER:
        return new BigDecimal(reader.nextString());
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      default:
        throw new IOException("unexpected JSON token " + reader.peek() + " at " + reader.getPath());
    }
  }

  /** Writes a tree as compact JSON text. */
  public static String write(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      write(writer, value);
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to memory failed", e);
    }
    return buffer.readUtf8();
  }

  /** Writes a tree as compact UTF-8 JSON bytes. */
  public static byte[] bytes(Object value) {
    return write(value).getBytes(StandardCharsets.UTF_8);
  }

  /** Writes {@code value} to {@code writer}. */
  public static void write(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof Map) {
      writer.beginObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        writer.name(String.valueOf(e.getKey()));
        write(writer, e.getValue());
      }
      writer.endObject();
    } else if (value instanceof Iterable) {
      writer.beginArray();
      for (Object item : (Iterable<?>) value) {
        write(writer, item);
      }
      writer.endArray();
    } else if (value instanceof String) {
      writer.value((String) value);
    } else if (value instanceof Boolean) {
      writer.value((Boolean) value);
    } else if (value instanceof BigDecimal) {
      writer.value((BigDecimal) value);
    } else if (value instanceof Number) {
      writer.value((Number) value);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  /** A fresh ordered JSON object. */
  public static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  /** A JSON object with the given key/value pairs, in order. */
  public static Map<String, Object> object(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** {@code value} as an object, or empty when it is not one. */
  @SuppressWarnings("unchecked")
  public static Optional<Map<String, Object>> asObject(Object value) {
    return value instanceof Map ? Optional.of((Map<String, Object>) value) : Optional.empty();
  }

  /** {@code value} as a string, or empty when it is not one. */
  public static Optional<String> asString(Object value) {
    return value instanceof String ? Optional.of((String) value) : Optional.empty();
  }

  /** A deep copy of a tree, so stored documents cannot be changed through a returned view. */
  public static Object deepCopy(Object value) {
    if (value instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        copy.put(String.valueOf(e.getKey()), deepCopy(e.getValue()));
      }
      return copy;
    }
    if (value instanceof List) {
      List<Object> copy = new ArrayList<>();
      for (Object item : (List<?>) value) {
        copy.add(deepCopy(item));
      }
      return copy;
    }
    return value;
  }
}
