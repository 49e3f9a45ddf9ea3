package dev.npmauth.testkit.junit;

import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.TestClock;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A registry the extension started, kept in a JUnit store so that JUnit closes it when its scope
 * (the test, or the class) ends, whatever the outcome. It implements both of JUnit's closing
 * contracts: {@code AutoCloseable} (JUnit 5.13 and later) and {@code CloseableResource} (earlier
 * versions); closing twice is harmless.
 */
@SuppressWarnings("deprecation")
final class Managed implements AutoCloseable, ExtensionContext.Store.CloseableResource {
  private final FakeRegistry registry;
  private final TestClock clock;

  Managed(FakeRegistry registry, TestClock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  FakeRegistry registry() {
    return registry;
  }

  /** The registry's test clock, or null when it runs on another clock. */
  TestClock clock() {
    return clock;
  }

  @Override
  public void close() {
    registry.close();
  }
}
