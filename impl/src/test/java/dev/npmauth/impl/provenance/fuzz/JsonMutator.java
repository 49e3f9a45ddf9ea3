package dev.npmauth.impl.provenance.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Structured mutations of a JSON document, every choice taken from the fuzzer's data so that
 * coverage guidance steers them: a value anywhere in the tree is removed, nulled, retyped,
 * replaced or crossed over with another value of the same document; a string that is base64 has
 * its decoded bytes mutated (bit flips, DER-ish length bytes, insertions, truncations) and is
 * re-encoded in one of the alphabets protobuf JSON accepts; base64 that holds JSON (a Rekor
 * body, a DSSE payload) is mutated as JSON, recursively; multi-line text (a checkpoint) is
 * mutated line by line. The result stays mostly well-formed, so the verifier's deeper checks are
 * reached, not only its parser.
 */
final class JsonMutator {
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final long[] INTERESTING_NUMBERS = {0, -1, 1, 2, 255, 256, 65535, 1L << 31,
      (1L << 31) - 1, 1L << 32, (1L << 53) + 1, Long.MAX_VALUE, Long.MIN_VALUE};
  private static final String[] INTERESTING_STRINGS = {"", "0", "-1", "null", "=", "==", "A",
      "AA==", "-_", "+/", "\n", "\u2014 ", "9223372036854775808", "1.5", "1e3", " 1",
      "application/vnd.dev.sigstore.bundle.v0.3+json",
      "application/vnd.dev.sigstore.bundle+json;version=0.1", "hashedrekord", "dsse", "intoto",
      "0.0.1", "0.0.2", "SHA2_256", "SHA2_512", "application/vnd.in-toto+json"};
  private static final int[] INTERESTING_BYTES = {0x00, 0x01, 0x02, 0x04, 0x05, 0x06, 0x0c, 0x13,
      0x17, 0x18, 0x30, 0x31, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0xa0, 0xa3, 0xff};
  private static final int MAX_DEPTH = 3;

  private final FuzzedDataProvider data;

  JsonMutator(FuzzedDataProvider data) {
    this.data = data;
  }

  /** A place in the tree: a key of an object or an index of an array. */
  private record Slot(Object container, Object key) {
    @SuppressWarnings("unchecked")
    Object get() {
      return container instanceof Map ? ((Map<String, Object>) container).get(key)
          : ((List<Object>) container).get((Integer) key);
    }

    @SuppressWarnings("unchecked")
    void set(Object value) {
      if (container instanceof Map) {
        ((Map<String, Object>) container).put((String) key, value);
      } else {
        ((List<Object>) container).set((Integer) key, value);
      }
    }

    @SuppressWarnings("unchecked")
    void remove() {
      if (container instanceof Map) {
        ((Map<String, Object>) container).remove(key);
      } else {
        ((List<Object>) container).remove((int) (Integer) key);
      }
    }
  }

  /**
   * Parses JSON text into maps, lists and values.
   *
   * @throws IllegalArgumentException if the text is not JSON, or an object in it repeats a key (which
   *     Moshi's tree reader refuses; an earlier mutation can write such an object into a payload)
   */
  static Object parse(byte[] json) {
    try (JsonReader reader = JsonReader.of(new Buffer().write(json))) {
      return reader.readJsonValue();
    } catch (IOException | JsonDataException e) {
      throw new IllegalArgumentException("not JSON that parses to a tree: " + e.getMessage(), e);
    }
  }

  static byte[] write(Object tree) {
    return MOSHI.adapter(Object.class).serializeNulls().toJson(tree)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A deep copy of a parsed JSON value. */
  @SuppressWarnings("unchecked")
  static Object copy(Object value) {
    if (value instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) value).forEach((k, v) -> out.put(k, copy(v)));
      return out;
    }
    if (value instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<Object>) value).forEach(v -> out.add(copy(v)));
      return out;
    }
    return value;
  }

  /** Applies {@code count} mutations to a copy of {@code tree} and returns it. */
  Object mutate(Object tree, int count) {
    Object root = copy(tree);
    for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
      root = mutateOnce(root, 0);
    }
    return root;
  }

  private Object mutateOnce(Object root, int depth) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    if (slots.isEmpty()) {
      return randomValue(depth);
    }
    Slot slot = slots.get(data.consumeInt(0, slots.size() - 1));
    Object value = slot.get();
    switch (data.consumeInt(0, 9)) {
      case 0 -> slot.remove();
      case 1 -> slot.set(null);
      case 2 -> slot.set(randomValue(depth));
      case 3 -> slot.set(copy(slots.get(data.consumeInt(0, slots.size() - 1)).get()));
      default -> slot.set(mutateValue(value, depth));
    }
    return root;
  }

  @SuppressWarnings("unchecked")
  private void collect(Object node, List<Slot> out) {
    if (node instanceof Map) {
      for (String k : new ArrayList<>(((Map<String, Object>) node).keySet())) {
        out.add(new Slot(node, k));
        collect(((Map<String, Object>) node).get(k), out);
      }
    } else if (node instanceof List) {
      List<Object> list = (List<Object>) node;
      for (int i = 0; i < list.size(); i++) {
        out.add(new Slot(node, i));
        collect(list.get(i), out);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Object mutateValue(Object value, int depth) {
    if (value instanceof String s) {
      return mutateString(s, depth);
    }
    if (value instanceof Number) {
      return data.consumeBoolean()
          ? (Object) (double) INTERESTING_NUMBERS[data.consumeInt(0, INTERESTING_NUMBERS.length - 1)]
          : String.valueOf(data.consumeLong());
    }
    if (value instanceof Boolean b) {
      return !b;
    }
    if (value instanceof Map) {
      Map<String, Object> m = (Map<String, Object>) value;
      switch (data.consumeInt(0, 2)) {
        case 0 -> m.clear();
        case 1 -> m.put(data.consumeString(16), randomValue(depth));
        default -> {
          if (!m.isEmpty()) {
            List<String> keys = new ArrayList<>(m.keySet());
            String k = keys.get(data.consumeInt(0, keys.size() - 1));
            m.put(k + data.consumeString(2), m.remove(k));
          }
        }
      }
      return m;
    }
    if (value instanceof List) {
      List<Object> l = (List<Object>) value;
      switch (data.consumeInt(0, 3)) {
        case 0 -> l.clear();
        case 1 -> {
          if (!l.isEmpty()) {
            l.add(copy(l.get(data.consumeInt(0, l.size() - 1))));
          }
        }
        case 2 -> {
          if (l.size() > 1) {
            int a = data.consumeInt(0, l.size() - 1);
            int b = data.consumeInt(0, l.size() - 1);
            Object t = l.get(a);
            l.set(a, l.get(b));
            l.set(b, t);
          }
        }
        default -> l.add(randomValue(depth));
      }
      return l;
    }
    return randomValue(depth);
  }

  private Object mutateString(String s, int depth) {
    Decoded decoded = depth < MAX_DEPTH ? Decoded.of(s) : null;
    int op = data.consumeInt(0, 5);
    if (decoded != null && op <= 2) {
      if (op == 0 && decoded.bytes.length > 0 && looksLikeJson(decoded.bytes)) {
        try {
          Object inner = parse(decoded.bytes);
          if (inner instanceof Map || inner instanceof List) {
            return encode(write(mutateOnce(inner, depth + 1)), decoded.urlSafe);
          }
        } catch (IllegalArgumentException e) {
          // not JSON after all: mutate the bytes
        }
      }
      return encode(mutateBytes(decoded.bytes), decoded.urlSafe);
    }
    if (op == 3 && s.indexOf('\n') >= 0) {
      return mutateLines(s);
    }
    if (op == 4) {
      return INTERESTING_STRINGS[data.consumeInt(0, INTERESTING_STRINGS.length - 1)];
    }
    if (s.isEmpty() || data.consumeBoolean()) {
      return data.consumeString(64);
    }
    StringBuilder sb = new StringBuilder(s);
    int pos = data.consumeInt(0, sb.length() - 1);
    switch (data.consumeInt(0, 2)) {
      case 0 -> sb.setCharAt(pos, (char) data.consumeInt(0, 0x7f));
      case 1 -> sb.deleteCharAt(pos);
      default -> sb.insert(pos, data.consumeString(8));
    }
    return sb.toString();
  }

  private String mutateLines(String s) {
    List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
    int i = data.consumeInt(0, lines.size() - 1);
    switch (data.consumeInt(0, 4)) {
      case 0 -> lines.remove(i);
      case 1 -> lines.add(i, lines.get(i));
      case 2 -> lines.set(i, data.consumeString(96));
      case 3 -> {
        int j = data.consumeInt(0, lines.size() - 1);
        String t = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, t);
      }
      default -> {
        String line = lines.get(i);
        Decoded tail = line.lastIndexOf(' ') >= 0
            ? Decoded.of(line.substring(line.lastIndexOf(' ') + 1)) : null;
        lines.set(i, tail == null ? line + data.consumeString(4)
            : line.substring(0, line.lastIndexOf(' ') + 1) + encode(mutateBytes(tail.bytes), false));
      }
    }
    return String.join("\n", lines);
  }

  /** Byte-level mutations, as a fuzzer's, plus values that matter in DER length and tag bytes. */
  byte[] mutateBytes(byte[] in) {
    byte[] b = in;
    int op = data.consumeInt(0, 7);
    if (b.length == 0 && op < 6) {
      op = 6;
    }
    switch (op) {
      case 0 -> {
        b = b.clone();
        int pos = data.consumeInt(0, b.length - 1);
        b[pos] ^= (byte) (1 << data.consumeInt(0, 7));
      }
      case 1 -> {
        b = b.clone();
        b[data.consumeInt(0, b.length - 1)] =
            (byte) INTERESTING_BYTES[data.consumeInt(0, INTERESTING_BYTES.length - 1)];
      }
      case 2 -> {
        b = b.clone();
        b[data.consumeInt(0, b.length - 1)] = data.consumeByte();
      }
      case 3 -> {
        int from = data.consumeInt(0, b.length - 1);
        int len = data.consumeInt(1, Math.min(64, b.length - from));
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(b, from + len, out, from, b.length - from - len);
        b = out;
      }
      case 4 -> b = java.util.Arrays.copyOf(b, data.consumeInt(0, b.length - 1));
      case 5 -> {
        int from = data.consumeInt(0, b.length - 1);
        int len = data.consumeInt(1, Math.min(64, b.length - from));
        byte[] out = new byte[b.length + len];
        System.arraycopy(b, 0, out, 0, from + len);
        System.arraycopy(b, from, out, from + len, b.length - from);
        b = out;
      }
      case 6 -> {
        int pos = data.consumeInt(0, b.length);
        byte[] ins = data.consumeBytes(16);
        byte[] out = new byte[b.length + ins.length];
        System.arraycopy(b, 0, out, 0, pos);
        System.arraycopy(ins, 0, out, pos, ins.length);
        System.arraycopy(b, pos, out, pos + ins.length, b.length - pos);
        b = out;
      }
      default -> b = data.consumeBytes(256);
    }
    return b;
  }

  private Object randomValue(int depth) {
    return switch (data.consumeInt(0, 7)) {
      case 0 -> null;
      case 1 -> data.consumeBoolean();
      case 2 -> (double) data.consumeInt();
      case 3 -> INTERESTING_STRINGS[data.consumeInt(0, INTERESTING_STRINGS.length - 1)];
      case 4 -> new LinkedHashMap<String, Object>();
      case 5 -> new ArrayList<Object>();
      case 6 -> {
        List<Object> one = new ArrayList<>();
        if (depth < MAX_DEPTH) {
          one.add(randomValue(depth + 1));
        }
        yield one;
      }
      default -> Base64.getEncoder().encodeToString(data.consumeBytes(48));
    };
  }

  private String encode(byte[] bytes, boolean urlSafe) {
    return switch (data.consumeInt(0, 7)) {
      case 0 -> Base64.getEncoder().withoutPadding().encodeToString(bytes);
      case 1 -> Base64.getUrlEncoder().encodeToString(bytes);
      case 2 -> Base64.getMimeEncoder().encodeToString(bytes);
      default -> urlSafe ? Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
          : Base64.getEncoder().encodeToString(bytes);
    };
  }

  private static boolean looksLikeJson(byte[] b) {
    int i = 0;
    while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
    return i < b.length && (b[i] == '{' || b[i] == '[');
  }

  /** A string's bytes when it is base64 (standard or URL-safe, padded or not). */
  private record Decoded(byte[] bytes, boolean urlSafe) {
    static Decoded of(String s) {
      if (s.length() < 4) {
        return null;
      }
      try {
        return new Decoded(Base64.getDecoder().decode(s), false);
      } catch (IllegalArgumentException e) {
        try {
          return new Decoded(Base64.getUrlDecoder().decode(s), true);
        } catch (IllegalArgumentException e2) {
          return null;
        }
      }
    }
  }
}
