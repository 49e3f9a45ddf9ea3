package dev.npmauth.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request the fake registry received, as kept in {@link FakeRegistry#journal()}.
 *
 * <p>Secrets are redacted before the request is recorded: {@code authorization} keeps only its
 * scheme ({@code Bearer ****}), and {@code npm-otp} and {@code cookie} become {@code ****}.
 * Token values npm sends in a path (logout, revoking a token by value) become {@code ****} too.
 *
 * @param method the HTTP method, e.g. {@code PUT}
 * @param path the raw path and query as sent, e.g. {@code /@acme%2fwidgets} (escapes kept)
 * @param headers header names in lower case, each with its values in order (redacted)
 * @param status the status answered, or {@code 0} when the connection was dropped on purpose
 * @param bodyBytes how many bytes of request body were received
 * @param time when the request arrived, by the registry's clock
 */
public record RecordedRequest(
    String method,
    String path,
    Map<String, List<String>> headers,
    int status,
    long bodyBytes,
    Instant time) {

  /** Makes an immutable copy of the headers. */
  public RecordedRequest {
    headers = Map.copyOf(headers);
  }

  /** The first value of a header (case-insensitive name), as recorded. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The path without the query. */
  public String pathWithoutQuery() {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  @Override
  public String toString() {
    return method + " " + path + " -> " + (status == 0 ? "dropped" : String.valueOf(status));
  }
}
