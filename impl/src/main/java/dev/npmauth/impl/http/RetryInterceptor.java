package dev.npmauth.impl.http;

import dev.npmauth.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Repeats calls that are safe to repeat after a connection failure, a timeout, 408, 429 or 5xx,
 * waiting as the {@link RetryPolicy} says and honouring {@code Retry-After}. A call is safe to
 * repeat when its method is idempotent (GET, HEAD, PUT, DELETE, OPTIONS) or its {@link CallTag}
 * says so, and its body can be sent again.
 */
final class RetryInterceptor implements Interceptor {
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
  private static final System.Logger LOG = System.getLogger("dev.npmauth.http");

  private final RetryPolicy policy;
  private final java.time.Clock clock;

  RetryInterceptor(RetryPolicy policy, java.time.Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    CallTag tag = request.tag(CallTag.class);
    boolean retryable = (tag != null ? tag.retryable() : IDEMPOTENT.contains(request.method()))
        && (request.body() == null || !request.body().isOneShot());
    int retry = 0;
    while (true) {
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        if (!retryable || retry >= policy.maxRetries() || e instanceof InterruptedIOException && Thread.interrupted()) {
          throw e;
        }
        retry++;
        Duration wait = policy.backoffBefore(retry);
        LOG.log(Level.DEBUG, "retry " + retry + " of " + request.method() + " " + RedactingLogInterceptor.redactedUrl(request)
            + " after " + e.getClass().getSimpleName() + ", waiting " + wait.toMillis() + " ms");
        sleep(wait);
        continue;
      }
      int code = response.code();
      boolean retriableStatus = code == 408 || code == 429 || code >= 500;
      if (!retryable || !retriableStatus || retry >= policy.maxRetries()) {
        return response;
      }
      Optional<Duration> retryAfter = retryAfter(response.header("Retry-After"));
      if (retryAfter.isPresent() && retryAfter.get().compareTo(policy.maxRetryAfter()) > 0) {
        return response; // waiting that long would stall the caller: report the answer now
      }
      retry++;
      Duration wait = retryAfter.orElse(policy.backoffBefore(retry));
      LOG.log(Level.DEBUG, "retry " + retry + " of " + request.method() + " " + RedactingLogInterceptor.redactedUrl(request)
          + " after " + code + ", waiting " + wait.toMillis() + " ms");
      response.close();
      sleep(wait);
    }
  }

  private void sleep(Duration wait) throws InterruptedIOException {
    try {
      policy.sleeper().sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  /**
   * Parses {@code Retry-After}: seconds, or an HTTP date.
   *
   * @param value the header value, or null
   * @return the wait, if the header is present and readable
   */
  Optional<Duration> retryAfter(String value) {
    return retryAfter(value, clock);
  }

  /**
   * Parses {@code Retry-After}: seconds, or an HTTP date (a date in the past is no wait).
   *
   * @param value the header value, or null
   * @param clock the clock a date is compared with
   * @return the wait, if the header is present and readable
   */
  static Optional<Duration> retryAfter(String value, java.time.Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String trimmed = value.trim();
    if (trimmed.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
    }
    try {
      Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
