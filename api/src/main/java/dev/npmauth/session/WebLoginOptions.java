package dev.npmauth.session;

import dev.npmauth.Sleeper;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a web login ({@code POST /-/v1/login}, then polling its done URL).
 *
 * <pre>{@code
 * WebLoginOptions options = WebLoginOptions.opening(url -> System.err.println("Login at:\n" + url))
 *     .withTimeout(Duration.ofMinutes(3));
 * }</pre>
 *
 * @param loginUrlHandler shows or opens the login page
 * @param timeout how long to wait for the human, overall
 * @param minimumPollInterval the shortest wait between two polls, whatever {@code Retry-After}
 *     says (npm polls again at once when it is missing or not a number of seconds)
 * @param create whether to create an account ({@code npm adduser}) rather than log in
 * @param sleeper how to wait between polls; empty means the client's retry policy's sleeper
 */
public record WebLoginOptions(
    LoginUrlHandler loginUrlHandler,
    Duration timeout,
    Duration minimumPollInterval,
    boolean create,
    Optional<Sleeper> sleeper) {

  /** Default overall timeout: five minutes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  /** Default shortest wait between polls: one second. */
  public static final Duration DEFAULT_MINIMUM_POLL_INTERVAL = Duration.ofSeconds(1);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if the timeout is not positive or the interval is negative
   * @throws NullPointerException if a component is null
   */
  public WebLoginOptions {
    Objects.requireNonNull(loginUrlHandler, "loginUrlHandler");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(minimumPollInterval, "minimumPollInterval");
    Objects.requireNonNull(sleeper, "sleeper");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("the web login timeout must be positive, got " + timeout);
    }
    if (minimumPollInterval.isNegative()) {
      throw new IllegalArgumentException("the minimum poll interval must be zero or more, got " + minimumPollInterval);
    }
  }

  /**
   * Defaults (five minutes overall, polls at least a second apart, log in) with this handler.
   *
   * @param handler shows or opens the login page
   * @return the options
   */
  public static WebLoginOptions opening(LoginUrlHandler handler) {
    return new WebLoginOptions(handler, DEFAULT_TIMEOUT, DEFAULT_MINIMUM_POLL_INTERVAL, false, Optional.empty());
  }

  /**
   * These options with another overall timeout.
   *
   * @param value positive
   * @return the changed options
   */
  public WebLoginOptions withTimeout(Duration value) {
    return new WebLoginOptions(loginUrlHandler, value, minimumPollInterval, create, sleeper);
  }

  /**
   * These options with another minimum poll interval.
   *
   * @param value zero or more
   * @return the changed options
   */
  public WebLoginOptions withMinimumPollInterval(Duration value) {
    return new WebLoginOptions(loginUrlHandler, timeout, value, create, sleeper);
  }

  /**
   * These options creating an account ({@code {"create":true}}, as {@code npm adduser}).
   *
   * @return the changed options
   */
  public WebLoginOptions creatingAccount() {
    return new WebLoginOptions(loginUrlHandler, timeout, minimumPollInterval, true, sleeper);
  }

  /**
   * These options waiting with this sleeper.
   *
   * @param value the sleeper
   * @return the changed options
   */
  public WebLoginOptions withSleeper(Sleeper value) {
    return new WebLoginOptions(loginUrlHandler, timeout, minimumPollInterval, create,
        Optional.of(Objects.requireNonNull(value, "sleeper")));
  }
}
