package dev.npmauth;

import java.time.Duration;

/**
 * Waits. The SDK waits through one of these (between retries, while polling a login), so a test
 * can replace waiting with recording.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits for the given time.
   *
   * @param duration how long to wait
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The sleeper that really waits, with {@link Thread#sleep(long)}.
   *
   * @return the real sleeper
   */
  static Sleeper system() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
