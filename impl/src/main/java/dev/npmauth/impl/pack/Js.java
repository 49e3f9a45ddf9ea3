package dev.npmauth.impl.pack;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The few JavaScript string semantics npm's packing code relies on. */
final class Js {
  private Js() {
  }

  /** JavaScript's {@code \s} and the characters {@code String.prototype.trim} removes. */
  static boolean isWhitespace(char c) {
    return c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == ' ' || c == '\u00A0'
        || c == '\u1680' || (c >= '\u2000' && c <= '\u200A') || c == '\u2028' || c == '\u2029'
        || c == '\u202F' || c == '\u205F' || c == '\u3000' || c == '\uFEFF';
  }

  /** JavaScript's {@code String.prototype.trim}. */
  static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isWhitespace(s.charAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** JavaScript truthiness of a JSON value. */
  static boolean truthy(Object value) {
    if (value == null || Boolean.FALSE.equals(value)) {
      return false;
    }
    if (value instanceof String s) {
      return !s.isEmpty();
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      return d != 0 && !Double.isNaN(d);
    }
    return true;
  }

  /** JavaScript's {@code String(value)} (or a template literal) for a JSON value. */
  static String toString(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Long || value instanceof Integer) {
      return value.toString();
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e21) {
        return new BigDecimal(d).toPlainString();
      }
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        Object element = list.get(i);
        out.append(element == null ? "" : toString(element));
      }
      return out.toString();
    }
    if (value instanceof Map) {
      return "[object Object]";
    }
    return value.toString();
  }

  /**
   * The property order of a JavaScript object with these keys: array-index keys ({@code "0"},
   * {@code "12"}) first in numeric order, then the others in insertion order.
   */
  static Map<String, Object> asObject(Map<String, Object> inserted) {
    java.util.TreeMap<Long, String> indexKeys = new java.util.TreeMap<>();
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (String key : inserted.keySet()) {
      if (isArrayIndex(key)) {
        indexKeys.put(Long.parseLong(key), key);
      }
    }
    for (String key : indexKeys.values()) {
      out.put(key, inserted.get(key));
    }
    for (Map.Entry<String, Object> e : inserted.entrySet()) {
      if (!isArrayIndex(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static boolean isArrayIndex(String key) {
    if (key.isEmpty() || key.length() > 10 || !key.chars().allMatch(c -> c >= '0' && c <= '9')
        || (key.length() > 1 && key.charAt(0) == '0')) {
      return false;
    }
    return Long.parseLong(key) < 4294967295L;
  }
}
