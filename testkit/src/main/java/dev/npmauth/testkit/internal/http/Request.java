package dev.npmauth.testkit.internal.http;

import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * One request as the route handlers see it: method, raw path (with {@code %2f} kept), raw query,
 * headers (names matched case-insensitively), the body stream and the peer address.
 *
 * <p>Internal to the testkit; not API.
 */
public final class Request {
  private final String method;
  private final String rawPath;
  private final String rawQuery;
  private final Map<String, List<String>> headers;
  private final InputStream body;
  private final InetAddress remoteAddress;
  private Matcher pathMatch;

  /**
   * @param headers header names in lower case
   */
  public Request(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      InputStream body,
      InetAddress remoteAddress) {
    this.method = method;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
    this.headers = headers;
    this.body = body;
    this.remoteAddress = remoteAddress;
  }

  public String method() {
    return method;
  }

  public String rawPath() {
    return rawPath;
  }

  /** The raw query string without {@code ?}, or null. */
  public String rawQuery() {
    return rawQuery;
  }

  public InputStream body() {
    return body;
  }

  public InetAddress remoteAddress() {
    return remoteAddress;
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The credential of an {@code Authorization: Bearer <value>} header, if there is one. */
  public Optional<String> bearerToken() {
    return header("authorization")
        .map(String::trim)
        .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(v -> v.substring(7).trim())
        .filter(v -> !v.isEmpty());
  }

  /** The last value of a query parameter, decoded, if present. */
  public Optional<String> queryParameter(String name) {
    return QueryString.last(rawQuery, name);
  }

  /** A named group of the route pattern that matched this request's path. */
  public String pathGroup(String group) {
    if (pathMatch == null) {
      throw new IllegalStateException("no route matched yet");
    }
    return pathMatch.group(group);
  }

  void matched(Matcher matcher) {
    this.pathMatch = matcher;
  }
}
