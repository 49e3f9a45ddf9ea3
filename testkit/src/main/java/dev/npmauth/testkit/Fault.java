package dev.npmauth.testkit;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A failure the fake registry plays instead of (or before) its normal answer, to test a client's
 * retries, timeouts and error handling. Inject with {@link FakeRegistry#inject(Fault)}.
 *
 * <pre>{@code
 * registry.inject(Fault.on("POST", "/-/npm/v1/oidc/token/exchange/package/.*")
 *     .status(503).retryAfter(Duration.ofSeconds(1)).times(2));
 * registry.inject(Fault.on("PUT", "/demo-pkg").dropConnection());
 * registry.inject(Fault.on("GET", "/demo-pkg").delay(Duration.ofSeconds(5)));  // then answers normally
 * }</pre>
 *
 * <p>A fault matches a request when the method is equal (or the fault's method is {@code *}) and
 * the regex matches the whole raw path (escapes such as {@code %2f} kept, query excluded). It
 * plays {@link #once()} unless told otherwise. Kinds:
 *
 * <ul>
 *   <li>{@link #status(int)}: answer with that status and {@link #body(String)} (default {@code
 *       {"error":"…","message":"…"}}), optionally with {@code Retry-After};
 *   <li>{@link #dropConnection()}: read the request body, then close the socket with no answer;
 *   <li>{@link #delay(Duration)}: wait first; alone, the request is then handled normally.
 * </ul>
 *
 * <p>Immutable: each setter returns a changed copy.
 */
public final class Fault {
  private final String method;
  private final Pattern path;
  private final Integer status;
  private final String body;
  private final Duration retryAfter;
  private final Duration delay;
  private final boolean drop;
  private final int times; // -1 = always

  private Fault(
      String method,
      Pattern path,
      Integer status,
      String body,
      Duration retryAfter,
      Duration delay,
      boolean drop,
      int times) {
    this.method = method;
    this.path = path;
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
    this.delay = delay;
    this.drop = drop;
    this.times = times;
  }

  /**
   * A fault for requests with this method whose raw path matches {@code pathRegex}.
   *
   * @param method {@code GET}, {@code PUT}, … or {@code *} for any
   * @param pathRegex a regex over the whole raw path, e.g. {@code /@acme%2fwidgets}
   * @throws java.util.regex.PatternSyntaxException if the regex is invalid
   */
  public static Fault on(String method, String pathRegex) {
    if (method == null || method.isBlank()) {
      throw new IllegalArgumentException("the method must not be empty (use * for any)");
    }
    return new Fault(
        method.toUpperCase(Locale.ROOT), Pattern.compile(pathRegex), null, null, null, null, false, 1);
  }

  /**
   * Answer with this status.
   *
   * @throws IllegalArgumentException if not in 100..599 or combined with {@link #dropConnection()}
   */
  public Fault status(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("an HTTP status is between 100 and 599, got " + status);
    }
    if (drop) {
      throw new IllegalArgumentException("a fault either answers with a status or drops the connection");
    }
    return new Fault(method, path, status, body, retryAfter, delay, false, times);
  }

  /** The JSON text to answer with (needs {@link #status(int)}); e.g. {@code "{}"}. */
  public Fault body(String json) {
    return new Fault(method, path, status, json, retryAfter, delay, drop, times);
  }

  /** Adds {@code Retry-After: <seconds>} to the answer (needs {@link #status(int)}). */
  public Fault retryAfter(Duration after) {
    if (after == null || after.isNegative()) {
      throw new IllegalArgumentException("retryAfter must be zero or positive");
    }
    return new Fault(method, path, status, body, after, delay, drop, times);
  }

  /** Waits this long before answering (or before handling normally, when nothing else is set). */
  public Fault delay(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("a delay must be zero or positive");
    }
    return new Fault(method, path, status, body, retryAfter, delay, drop, times);
  }

  /**
   * Reads the request body and closes the connection without any answer.
   *
   * @throws IllegalArgumentException if combined with {@link #status(int)}
   */
  public Fault dropConnection() {
    if (status != null) {
      throw new IllegalArgumentException("a fault either answers with a status or drops the connection");
    }
    return new Fault(method, path, null, body, retryAfter, delay, true, times);
  }

  /** Plays for the next matching request only (the default). */
  public Fault once() {
    return times(1);
  }

  /**
   * Plays for the next {@code n} matching requests.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public Fault times(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + n);
    }
    return new Fault(method, path, status, body, retryAfter, delay, drop, n);
  }

  /** Plays for every matching request until {@link FakeRegistry#clearFaults()}. */
  public Fault always() {
    return new Fault(method, path, status, body, retryAfter, delay, drop, -1);
  }

  /** The method matched, upper case, or {@code *}. */
  public String method() {
    return method;
  }

  /** The regex matched against the whole raw path. */
  public Pattern path() {
    return path;
  }

  /** The status answered, if this fault answers. */
  public OptionalInt statusCode() {
    return status == null ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** The JSON body answered, if set. */
  public Optional<String> responseBody() {
    return Optional.ofNullable(body);
  }

  /** The {@code Retry-After} sent, if set. */
  public Optional<Duration> retryAfterDuration() {
    return Optional.ofNullable(retryAfter);
  }

  /** How long the fault waits first, if set. */
  public Optional<Duration> delayDuration() {
    return Optional.ofNullable(delay);
  }

  /** Whether the fault closes the connection without an answer. */
  public boolean dropsConnection() {
    return drop;
  }

  /** How many times it plays; {@code -1} means always. */
  public int count() {
    return times;
  }

  @Override
  public String toString() {
    return "Fault[" + method + " " + path.pattern()
        + (status == null ? "" : " status " + status)
        + (retryAfter == null ? "" : " retry-after " + retryAfter.toSeconds() + "s")
        + (delay == null ? "" : " delay " + delay.toMillis() + "ms")
        + (drop ? " drop-connection" : "")
        + (times < 0 ? " always" : " x" + times) + "]";
  }
}
