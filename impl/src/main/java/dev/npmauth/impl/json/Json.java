package dev.npmauth.impl.json;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okio.Buffer;
import okio.BufferedSource;

/**
 * JSON values as plain Java objects (ordered maps, lists, strings, booleans, {@code Long} or
 * {@code Double}, null) with Moshi's streaming reader and writer. Whole numbers come back as
 * {@code Long}, so a document read and written again keeps {@code 291} rather than {@code 291.0}.
 */
public final class Json {
  private Json() {
  }

  /**
   * Reads one JSON value.
   *
   * @param source the text
   * @return the value
   * @throws IOException if the text is not JSON
   */
  public static Object read(BufferedSource source) throws IOException {
    JsonReader reader = JsonReader.of(source);
    Object value = readValue(reader);
    if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
      throw new IOException("unexpected content after the JSON value at " + reader.getPath());
    }
    return value;
  }

  /**
   * Reads one JSON value from a string.
   *
   * @param text the text
   * @return the value
   * @throws IOException if the text is not JSON
   */
  public static Object read(String text) throws IOException {
    return read(new Buffer().writeUtf8(text));
  }

  /**
   * Reads a JSON object.
   *
   * @param text the text
   * @return the object, in document order
   * @throws IOException if the text is not a JSON object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readObject(String text) throws IOException {
    Object value = read(text);
    if (!(value instanceof Map)) {
      throw new IOException("expected a JSON object, got " + describe(value));
    }
    return (Map<String, Object>) value;
  }

  /**
   * Reads a JSON object from a source.
   *
   * @param source the text
   * @return the object, in document order
   * @throws IOException if the text is not a JSON object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readObject(BufferedSource source) throws IOException {
    Object value = read(source);
    if (!(value instanceof Map)) {
      throw new IOException("expected a JSON object, got " + describe(value));
    }
    return (Map<String, Object>) value;
  }

  private static Object readValue(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          map.put(name, readValue(reader));
        }
        reader.endObject();
        return map;
      }
      case BEGIN_ARRAY: {
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          list.add(readValue(reader));
        }
        reader.endArray();
        return list;
      }
      case STRING:
        return reader.nextString();
      case NUMBER: {
        String text = reader.nextString();
        if (text.matches("-?\\d{1,18}")) {
          return Long.parseLong(text);
        }
        return Double.parseDouble(text);
      }
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      default:
        throw new IOException("unexpected " + reader.peek() + " at " + reader.getPath());
    }
  }

  /**
   * Writes a value as compact JSON.
   *
   * @param value maps, lists, strings, numbers, booleans, null
   * @return the JSON text
   */
  public static String write(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      writeValue(writer, value);
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to memory failed", e);
    }
    return buffer.readUtf8();
  }

  /**
   * Writes a value to a writer.
   *
   * @param writer the writer
   * @param value the value
   * @throws IOException if the writer fails
   */
  public static void writeValue(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof Map<?, ?> map) {
      writer.beginObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        writer.name(String.valueOf(entry.getKey()));
        writeValue(writer, entry.getValue());
      }
      writer.endObject();
    } else if (value instanceof List<?> list) {
      writer.beginArray();
      for (Object item : list) {
        writeValue(writer, item);
      }
      writer.endArray();
    } else if (value instanceof String s) {
      writer.value(s);
    } else if (value instanceof Boolean b) {
      writer.value(b);
    } else if (value instanceof Long || value instanceof Integer) {
      writer.value(((Number) value).longValue());
    } else if (value instanceof Number n) {
      writer.value(n);
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
    }
  }

  /**
   * A string member of an object.
   *
   * @param object the object
   * @param name the member name
   * @return the value when it is a string
   */
  public static Optional<String> string(Map<String, Object> object, String name) {
    Object value = object.get(name);
    return value instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /**
   * An object member of an object.
   *
   * @param object the object
   * @param name the member name
   * @return the value when it is an object
   */
  @SuppressWarnings("unchecked")
  public static Optional<Map<String, Object>> object(Map<String, Object> object, String name) {
    Object value = object.get(name);
    return value instanceof Map ? Optional.of((Map<String, Object>) value) : Optional.empty();
  }

  /**
   * A short description of a value's JSON type.
   *
   * @param value the value
   * @return for example {@code a string}
   */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return "a number";
  }
}
