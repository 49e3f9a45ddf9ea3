package dev.npmauth;

import java.time.Duration;
import java.util.Objects;

/**
 * How the SDK retries requests that are safe to repeat (GET, HEAD, PUT, DELETE, and the OIDC
 * token exchange) after a connection failure, a timeout, 408, 429 or a 5xx answer.
 *
 * <p>The wait before retry {@code n} (starting at 1) is {@code initialBackoff * 2^(n-1)}, capped
 * at {@code maxBackoff}; a {@code Retry-After} header from the registry replaces it when present.
 * A {@code Retry-After} longer than {@code maxRetryAfter} is not waited for: the error is returned
 * at once, since waiting that long would stall a release.
 *
 * <pre>{@code
 * RetryPolicy patient = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(20),
 *     Duration.ofMinutes(2), Sleeper.system());
 * }</pre>
 *
 * @param maxRetries how many times a request is repeated at most (0 turns retries off)
 * @param initialBackoff the wait before the first retry
 * @param maxBackoff the longest computed wait
 * @param maxRetryAfter the longest {@code Retry-After} the SDK honours
 * @param sleeper how to wait
 */
public record RetryPolicy(
    int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter, Sleeper sleeper) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if {@code maxRetries} is negative or above 10, or a duration
   *     is negative
   */
  public RetryPolicy {
    if (maxRetries < 0 || maxRetries > 10) {
      throw new IllegalArgumentException("maxRetries must be between 0 and 10, got " + maxRetries);
    }
    for (Duration d : new Duration[] {initialBackoff, maxBackoff, maxRetryAfter}) {
      Objects.requireNonNull(d, "durations must not be null");
      if (d.isNegative()) {
        throw new IllegalArgumentException("retry durations must not be negative, got " + d);
      }
    }
    Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * The default: 3 retries, starting at 500 ms, at most 10 s apart, honouring a
   * {@code Retry-After} of up to 60 s.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(60),
        Sleeper.system());
  }

  /**
   * No retries at all.
   *
   * @return a policy that never retries
   */
  public static RetryPolicy none() {
    return new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Sleeper.system());
  }

  /**
   * This policy with another sleeper (for tests that must not wait).
   *
   * @param newSleeper the sleeper
   * @return the changed policy
   */
  public RetryPolicy withSleeper(Sleeper newSleeper) {
    return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, maxRetryAfter, newSleeper);
  }

  /**
   * The computed wait before a retry, without {@code Retry-After}.
   *
   * @param retry the retry number, starting at 1
   * @return the wait
   */
  public Duration backoffBefore(int retry) {
    long factor = 1L << Math.min(Math.max(retry - 1, 0), 20);
    Duration computed = initialBackoff.multipliedBy(factor);
    return computed.compareTo(maxBackoff) > 0 ? maxBackoff : computed;
  }
}
