package dev.npmauth.testkit.internal.http;

import dev.npmauth.testkit.RecordedRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requests received, oldest first, with secrets redacted before they are stored. Keeps the
 * last {@value #CAPACITY} so a long-running standalone registry does not grow without bound.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class Journal {
  static final int CAPACITY = 10_000;
  private static final String MASK = "****";

  private final Deque<RecordedRequest> entries = new ArrayDeque<>();

  public synchronized void add(RecordedRequest request) {
    if (entries.size() == CAPACITY) {
      entries.removeFirst();
    }
    entries.addLast(request);
  }

  public synchronized List<RecordedRequest> snapshot() {
    return List.copyOf(entries);
  }

  public synchronized void clear() {
    entries.clear();
  }

  /**
   * Headers as recorded: lower-case names; {@code authorization} keeps only its scheme ({@code
   * Bearer ****}); {@code npm-otp}, {@code cookie} and {@code proxy-authorization} are masked.
   */
  public static Map<String, List<String>> redact(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      List<String> values = new ArrayList<>();
      for (String v : e.getValue()) {
        values.add(redactValue(name, v));
      }
      out.put(name, List.copyOf(values));
    }
    return out;
  }

  /**
   * A path and query as recorded: token values npm puts in a path are masked — the token of
   * {@code DELETE /-/user/token/<token>} (logout) always, and the id of {@code DELETE
   * /-/npm/v1/tokens/token/<id>} unless it is a key (hex), since npm sends the token itself when
   * revoking by value.
   */
  public static String redactPath(String pathAndQuery) {
    String user = "/-/user/token/";
    int at = pathAndQuery.indexOf(user);
    if (at >= 0) {
      return pathAndQuery.substring(0, at + user.length()) + MASK;
    }
    String tokens = "/-/npm/v1/tokens/token/";
    at = pathAndQuery.indexOf(tokens);
    if (at >= 0) {
      String id = pathAndQuery.substring(at + tokens.length());
      if (!id.matches("[0-9a-f]{1,64}")) {
        return pathAndQuery.substring(0, at + tokens.length()) + MASK;
      }
    }
    return pathAndQuery;
  }

  private static String redactValue(String name, String value) {
    switch (name) {
      case "authorization":
      case "proxy-authorization":
        {
          String trimmed = value.trim();
          int space = trimmed.indexOf(' ');
          return space > 0 ? trimmed.substring(0, space) + " " + MASK : MASK;
        }
      case "npm-otp":
      case "cookie":
        return MASK;
      default:
        return value;
    }
  }
}
