package dev.npmauth.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that stands still until the test moves it, for testing expiry without sleeping. Give it
 * to {@link FakeRegistry.Builder#clock(Clock)}: token expiry, login session and web login expiry,
 * one-time passwords, ID token {@code iat}/{@code exp}, packument times and the journal's times
 * all follow it.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
 * try (FakeRegistry registry = FakeRegistry.builder().clock(clock).start()) {
 *   String token = registry.createToken(TokenSpec.readWrite("alice").expiresIn(Duration.ofDays(1)));
 *   clock.advance(Duration.ofDays(1));
 *   assertThat(registry.tokenWorks(token)).isFalse();
 * }
 * }</pre>
 *
 * <p>Its zone is UTC. Thread-safe: the registry's threads read it while the test moves it. The
 * TLS certificates of an {@linkplain FakeRegistry.Builder#https(boolean) HTTPS} registry do not
 * follow it, since clients check them against their own clock.
 */
public final class TestClock extends Clock {
  private volatile Instant now;

  private TestClock(Instant start) {
    this.now = start;
  }

  /**
   * A clock standing at {@code start}.
   *
   * @param start the first instant it shows
   * @return the clock
   */
  public static TestClock at(Instant start) {
    return new TestClock(Objects.requireNonNull(start, "start"));
  }

  /**
   * A clock standing at the current time, truncated to whole seconds (as JWT times are).
   *
   * @return the clock
   */
  public static TestClock atNow() {
    return new TestClock(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
  }

  /**
   * Moves the clock forward.
   *
   * @param amount how far; zero leaves it where it is
   * @return the new time
   * @throws IllegalArgumentException if {@code amount} is negative (use {@link #set} to go back)
   */
  public synchronized Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException(
          "advance() moves forward only, got " + amount + "; use set(instant) to go back");
    }
    now = now.plus(amount);
    return now;
  }

  /**
   * Puts the clock at an instant, forward or back.
   *
   * @param instant the time it shows from now on
   */
  public void set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public long millis() {
    return now.toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /**
   * This clock: the time it shows is the same in every zone, and a copy would stop following
   * {@link #advance}.
   *
   * @param zone ignored
   * @return this clock
   */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public String toString() {
    return "TestClock[" + now + "]";
  }
}
