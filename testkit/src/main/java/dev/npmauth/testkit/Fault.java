package dev.npmauth.testkit;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
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
 * registry.inject(Fault.on("GET", "/demo-pkg/-/.*").truncateBody());           // half a tarball, then EOF
 * registry.inject(Fault.on("*", ".*").latency(Duration.ofMillis(200)));         // every request, until cleared
 * }</pre>
 *
 * <p>A fault matches a request when the method is equal (or the fault's method is {@code *}) and
 * the regex matches the whole raw path (escapes such as {@code %2f} kept, query excluded): {@code
 * Fault.on("*", ".*")} matches every request. It plays {@link #once()} unless told otherwise.
 * Kinds:
 *
 * <ul>
 *   <li>{@link #status(int)}: answer with that status and {@link #body(String)} (default {@code
 *       {"error":"…","message":"…"}}), optionally with {@code Retry-After};
 *   <li>{@link #dropConnection()}: read the request body, then close the socket with no answer;
 *   <li>{@link #delay(Duration)}: wait first; alone, the request is then handled normally;
 *   <li>{@link #dropResponse()}: handle the request (it takes effect), then close the socket
 *       without the answer — a lost response;
 *   <li>{@link #delayResponse(Duration)}: handle the request, then wait before answering;
 *   <li>{@link #dropAfterHeaders()}: send the answer's status line and headers (with the full
 *       {@code Content-Length}), then close the socket without the body;
 *   <li>{@link #truncateBody()}: send the headers with the full {@code Content-Length} and only
 *       part of the body, then close the socket;
 *   <li>{@link #latency(Duration)}: a standing slowdown — every matching request waits, then goes
 *       on to the other faults and the normal answer.
 * </ul>
 *
 * <p>Several faults may match one request: every matching {@link #latency latency} fault adds its
 * wait, and then the first other matching fault, in the order they were injected, plays.
 *
 * <p>Immutable: each setter returns a changed copy.
 */
public final class Fault {
  /** What a fault holds; copied, changed and frozen by each setter. */
  private static final class Spec implements Cloneable {
    String method;
    Pattern path;
    Integer status;
    String body;
    Duration retryAfter;
    Duration delay;
    boolean drop;
    Integer times; // null: the kind's default; -1: always
    boolean dropResponse;
    Duration responseDelay;
    boolean dropAfterHeaders;
    boolean truncate;
    long truncateAt = -1; // -1: half the body
    Duration latency;

    Spec copy() {
      try {
        return (Spec) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private final Spec s;

  private Fault(Spec spec) {
    this.s = spec;
  }

  private Fault with(Consumer<Spec> change) {
    Spec copy = s.copy();
    change.accept(copy);
    return new Fault(copy);
  }

  /**
   * A fault for requests with this method whose raw path matches {@code pathRegex}.
   *
   * @param method {@code GET}, {@code PUT}, … or {@code *} for any
   * @param pathRegex a regex over the whole raw path, e.g. {@code /@acme%2fwidgets}; {@code .*}
   *     for any
   * @return the fault; give it a kind (status, drop, delay, …) before injecting it
   * @throws java.util.regex.PatternSyntaxException if the regex is invalid
   */
  public static Fault on(String method, String pathRegex) {
    if (method == null || method.isBlank()) {
      throw new IllegalArgumentException("the method must not be empty (use * for any)");
    }
    Spec spec = new Spec();
    spec.method = method.toUpperCase(Locale.ROOT);
    spec.path = Pattern.compile(pathRegex);
    return new Fault(spec);
  }

  /**
   * Answer with this status.
   *
   * @param status 100..599
   * @return the changed fault
   * @throws IllegalArgumentException if not in 100..599, or combined with a kind that lets the
   *     request through or sends nothing
   */
  public Fault status(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("an HTTP status is between 100 and 599, got " + status);
    }
    if (s.drop || s.dropResponse || s.responseDelay != null) {
      throw new IllegalArgumentException("a fault either answers with a status, or lets the request through and"
          + " then drops or delays the answer");
    }
    requireNoLatency("status()");
    return with(c -> c.status = status);
  }

  /**
   * The JSON text to answer with (needs {@link #status(int)}); e.g. {@code "{}"}.
   *
   * @param json the body
   * @return the changed fault
   */
  public Fault body(String json) {
    return with(c -> c.body = json);
  }

  /**
   * Adds {@code Retry-After: <seconds>} to the answer (needs {@link #status(int)}).
   *
   * @param after whole seconds are sent
   * @return the changed fault
   */
  public Fault retryAfter(Duration after) {
    if (after == null || after.isNegative()) {
      throw new IllegalArgumentException("retryAfter must be zero or positive");
    }
    return with(c -> c.retryAfter = after);
  }

  /**
   * Waits this long before answering (or before handling normally, when nothing else is set). It
   * plays once unless told otherwise; for a wait on every request that leaves other faults free to
   * play, use {@link #latency(Duration)}.
   *
   * @param delay zero or more
   * @return the changed fault
   */
  public Fault delay(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("a delay must be zero or positive");
    }
    requireNoLatency("delay()");
    return with(c -> c.delay = delay);
  }

  /**
   * Reads the request body and closes the connection without any answer.
   *
   * @return the changed fault
   * @throws IllegalArgumentException if combined with {@link #status(int)} or another kind that
   *     sends something
   */
  public Fault dropConnection() {
    if (s.status != null) {
      throw new IllegalArgumentException("a fault either answers with a status or drops the connection");
    }
    if (s.dropAfterHeaders || s.truncate) {
      throw new IllegalArgumentException("dropConnection() sends nothing: it cannot also send headers or part"
          + " of a body");
    }
    requireNoLatency("dropConnection()");
    return with(c -> c.drop = true);
  }

  /**
   * Handles the request normally — it takes effect, a publish is stored — then closes the
   * connection without sending the answer: the client cannot know whether it worked (a lost
   * response).
   *
   * @return the changed fault
   * @throws IllegalArgumentException if combined with {@link #status(int)} or {@link
   *     #dropConnection()}
   */
  public Fault dropResponse() {
    if (s.status != null || s.drop) {
      throw new IllegalArgumentException("dropResponse() lets the request take effect: it cannot also answer"
          + " with a status or drop the connection first");
    }
    if (s.dropAfterHeaders || s.truncate) {
      throw new IllegalArgumentException("dropResponse() sends nothing: it cannot also send headers or part"
          + " of a body");
    }
    requireNoLatency("dropResponse()");
    return with(c -> c.dropResponse = true);
  }

  /**
   * Handles the request normally — it takes effect — then waits this long before answering (to
   * provoke a client timeout after the request took effect).
   *
   * @param after zero or more
   * @return the changed fault
   * @throws IllegalArgumentException if negative or combined with {@link #status(int)}
   */
  public Fault delayResponse(Duration after) {
    if (after == null || after.isNegative()) {
      throw new IllegalArgumentException("a delay must be zero or positive");
    }
    if (s.status != null || s.drop) {
      throw new IllegalArgumentException("delayResponse() lets the request take effect: it cannot also answer"
          + " with a status or drop the connection first");
    }
    requireNoLatency("delayResponse()");
    return with(c -> c.responseDelay = after);
  }

  /**
   * Sends the answer's status line and headers — with the {@code Content-Length} of the whole
   * body — then closes the connection before the body: the client sees a status, then a premature
   * end of stream. The request is handled normally (it takes effect) unless {@link #status(int)}
   * gives the answer. An answer without a body ({@code HEAD}, 204, 304, an empty body) arrives
   * complete.
   *
   * @return the changed fault
   * @throws IllegalArgumentException if combined with a kind that sends nothing
   */
  public Fault dropAfterHeaders() {
    requireSomethingSent("dropAfterHeaders()");
    return with(c -> c.dropAfterHeaders = true);
  }

  /**
   * Sends the headers with the {@code Content-Length} of the whole body, then the first half of
   * the body (rounded down), then closes the connection. The request is handled normally (it
   * takes effect) unless {@link #status(int)} gives the answer. An answer without a body arrives
   * complete.
   *
   * @return the changed fault
   * @throws IllegalArgumentException if combined with a kind that sends nothing
   */
  public Fault truncateBody() {
    requireSomethingSent("truncateBody()");
    return with(c -> {
      c.truncate = true;
      c.truncateAt = -1;
    });
  }

  /**
   * Like {@link #truncateBody()}, sending at most {@code bytes} bytes of the body (always at least
   * one byte less than the whole body).
   *
   * @param bytes how many bytes of the body to send, zero or more
   * @return the changed fault
   * @throws IllegalArgumentException if negative or combined with a kind that sends nothing
   */
  public Fault truncateBody(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("a body is truncated after zero or more bytes, got " + bytes);
    }
    requireSomethingSent("truncateBody(bytes)");
    return with(c -> {
      c.truncate = true;
      c.truncateAt = bytes;
    });
  }

  /**
   * A standing slowdown: every matching request waits this long first, then goes on to the other
   * matching faults and its normal answer. Unlike the other kinds it plays {@link #always()}
   * unless {@link #times(int)} or {@link #once()} says otherwise, and it does not keep later
   * faults from playing.
   *
   * <pre>{@code
   * registry.inject(Fault.on("GET", "/demo-pkg").latency(Duration.ofMillis(300)));
   * registry.inject(Fault.on("GET", "/demo-pkg").status(503));   // still plays, after the wait
   * }</pre>
   *
   * @param wait zero or more
   * @return the changed fault
   * @throws IllegalArgumentException if negative or combined with any other kind
   */
  public Fault latency(Duration wait) {
    if (wait == null || wait.isNegative()) {
      throw new IllegalArgumentException("a latency must be zero or positive");
    }
    if (s.status != null || s.delay != null || s.drop || s.dropResponse || s.responseDelay != null
        || s.dropAfterHeaders || s.truncate) {
      throw new IllegalArgumentException("latency() is a fault of its own that leaves the answer alone; inject"
          + " the status, drop or delay as another fault");
    }
    return with(c -> c.latency = wait);
  }

  private void requireNoLatency(String what) {
    if (s.latency != null) {
      throw new IllegalArgumentException(what + " cannot be combined with latency(): inject it as another fault");
    }
  }

  private void requireSomethingSent(String what) {
    if (s.drop || s.dropResponse) {
      throw new IllegalArgumentException(what + " sends part of an answer: it cannot be combined with"
          + " dropConnection() or dropResponse(), which send nothing");
    }
    if (s.dropAfterHeaders || s.truncate) {
      throw new IllegalArgumentException("a fault either drops the connection after the headers or truncates"
          + " the body, not both");
    }
    requireNoLatency(what);
  }

  /**
   * Whether the request is handled, then its answer dropped.
   *
   * @return true for {@link #dropResponse()}
   */
  public boolean dropsResponse() {
    return s.dropResponse;
  }

  /**
   * How long the answer is held back after the request was handled, if set.
   *
   * @return the {@link #delayResponse(Duration)} value
   */
  public Optional<Duration> responseDelayDuration() {
    return Optional.ofNullable(s.responseDelay);
  }

  /**
   * Whether the connection is closed right after the answer's headers.
   *
   * @return true for {@link #dropAfterHeaders()}
   */
  public boolean dropsAfterHeaders() {
    return s.dropAfterHeaders;
  }

  /**
   * Whether the answer's body is cut short.
   *
   * @return true for {@link #truncateBody()} and {@link #truncateBody(long)}
   */
  public boolean truncatesBody() {
    return s.truncate;
  }

  /**
   * How many body bytes a truncating fault sends, when set with {@link #truncateBody(long)}.
   *
   * @return the byte count; empty for half the body, or when the fault does not truncate
   */
  public OptionalLong truncatedBodyBytes() {
    return s.truncate && s.truncateAt >= 0 ? OptionalLong.of(s.truncateAt) : OptionalLong.empty();
  }

  /**
   * The standing wait of a {@link #latency(Duration)} fault.
   *
   * @return the wait, or empty for other kinds
   */
  public Optional<Duration> latencyDuration() {
    return Optional.ofNullable(s.latency);
  }

  /**
   * Plays for the next matching request only (the default, except for {@link #latency}).
   *
   * @return the changed fault
   */
  public Fault once() {
    return times(1);
  }

  /**
   * Plays for the next {@code n} matching requests.
   *
   * @param n at least 1
   * @return the changed fault
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public Fault times(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + n);
    }
    return with(c -> c.times = n);
  }

  /**
   * Plays for every matching request until {@link FakeRegistry#clearFaults()}.
   *
   * @return the changed fault
   */
  public Fault always() {
    return with(c -> c.times = -1);
  }

  /**
   * The method matched.
   *
   * @return upper case, or {@code *}
   */
  public String method() {
    return s.method;
  }

  /**
   * The regex matched against the whole raw path.
   *
   * @return the pattern
   */
  public Pattern path() {
    return s.path;
  }

  /**
   * The status answered, if this fault answers.
   *
   * @return the status
   */
  public OptionalInt statusCode() {
    return s.status == null ? OptionalInt.empty() : OptionalInt.of(s.status);
  }

  /**
   * The JSON body answered, if set.
   *
   * @return the body
   */
  public Optional<String> responseBody() {
    return Optional.ofNullable(s.body);
  }

  /**
   * The {@code Retry-After} sent, if set.
   *
   * @return the duration
   */
  public Optional<Duration> retryAfterDuration() {
    return Optional.ofNullable(s.retryAfter);
  }

  /**
   * How long the fault waits first, if set with {@link #delay(Duration)}.
   *
   * @return the delay
   */
  public Optional<Duration> delayDuration() {
    return Optional.ofNullable(s.delay);
  }

  /**
   * Whether the fault closes the connection without an answer.
   *
   * @return true for {@link #dropConnection()}
   */
  public boolean dropsConnection() {
    return s.drop;
  }

  /**
   * Whether the fault does something when it plays (what {@link FakeRegistry#inject} requires).
   *
   * @return false for a fault given no kind
   */
  public boolean hasEffect() {
    return s.status != null || s.drop || s.delay != null || s.dropResponse || s.responseDelay != null
        || s.dropAfterHeaders || s.truncate || s.latency != null;
  }

  /**
   * How many times it plays.
   *
   * @return the count; {@code -1} means always
   */
  public int count() {
    if (s.times != null) {
      return s.times;
    }
    return s.latency != null ? -1 : 1;
  }

  @Override
  public String toString() {
    int times = count();
    return "Fault[" + s.method + " " + s.path.pattern()
        + (s.status == null ? "" : " status " + s.status)
        + (s.retryAfter == null ? "" : " retry-after " + s.retryAfter.toSeconds() + "s")
        + (s.delay == null ? "" : " delay " + s.delay.toMillis() + "ms")
        + (s.latency == null ? "" : " latency " + s.latency.toMillis() + "ms")
        + (s.drop ? " drop-connection" : "")
        + (s.dropResponse ? " drop-response" : "")
        + (s.responseDelay == null ? "" : " delay-response " + s.responseDelay.toMillis() + "ms")
        + (s.dropAfterHeaders ? " drop-after-headers" : "")
        + (s.truncate ? " truncate-body" + (s.truncateAt >= 0 ? " after " + s.truncateAt + " bytes" : "") : "")
        + (times < 0 ? " always" : " x" + times) + "]";
  }
}
