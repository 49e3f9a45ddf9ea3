package dev.npmauth.testkit.internal.http;

import java.util.Optional;

/**
 * Reads {@code application/x-www-form-urlencoded} query strings ({@code +} is a space).
 *
 * <p>Internal to the testkit; not API.
 */
public final class QueryString {
  private QueryString() {}

  /** The decoded value of the last parameter called {@code name}, if any. */
  public static Optional<String> last(String rawQuery, String name) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Optional.empty();
    }
    String found = null;
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = PercentDecoding.decode(eq < 0 ? pair : pair.substring(0, eq), true);
      if (key.equals(name)) {
        found = eq < 0 ? "" : PercentDecoding.decode(pair.substring(eq + 1), true);
      }
    }
    return Optional.ofNullable(found);
  }
}
