package dev.npmauth.testkit.junit;

import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.TestClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * What one registry is started with; equal settings in one scope share a registry.
 *
 * @param https serve HTTPS
 * @param testClock run on a {@link TestClock}
 * @param clockStart where the test clock starts; empty: now
 * @param seeds folders to seed from
 * @param adminToken the admin token; empty: random
 * @param sigstore also start a fake Sigstore
 * @param name tells apart equal settings
 * @param customizer last changes to the builder (programmatic registration only)
 */
record RegistrySettings(
    boolean https,
    boolean testClock,
    Optional<Instant> clockStart,
    List<Path> seeds,
    Optional<String> adminToken,
    boolean sigstore,
    String name,
    Consumer<FakeRegistry.Builder> customizer) {

  static final Consumer<FakeRegistry.Builder> NO_CHANGE = b -> {};
  static final RegistrySettings DEFAULTS =
      new RegistrySettings(false, false, Optional.empty(), List.of(), Optional.empty(), false, "", NO_CHANGE);

  RegistrySettings {
    seeds = List.copyOf(seeds);
  }

  static RegistrySettings of(FakeRegistryConfig c) {
    Optional<Instant> start = Optional.empty();
    if (!c.clockStart().isEmpty()) {
      try {
        start = Optional.of(Instant.parse(c.clockStart()));
      } catch (DateTimeParseException e) {
        throw new ExtensionConfigurationException("@FakeRegistryConfig(clockStart = \"" + c.clockStart()
            + "\") is not an ISO-8601 instant like 2026-01-01T00:00:00Z", e);
      }
    }
    return new RegistrySettings(c.https(), c.testClock() || start.isPresent(), start,
        Arrays.stream(c.seed()).map(Path::of).toList(),
        c.adminToken().isEmpty() ? Optional.empty() : Optional.of(c.adminToken()), c.sigstore(), c.name(),
        NO_CHANGE);
  }

  /** Starts a registry with these settings; the clock, when a test clock, is in the result. */
  Managed start() {
    FakeRegistry.Builder b = FakeRegistry.builder();
    if (testClock) {
      b.clock(clockStart.map(TestClock::at).orElseGet(TestClock::atNow));
    }
    b.https(https);
    seeds.forEach(b::seed);
    adminToken.ifPresent(b::adminToken);
    b.sigstore(sigstore);
    customizer.accept(b);
    FakeRegistry registry = b.start();
    return new Managed(registry, registry.clock() instanceof TestClock tc ? tc : null);
  }

  /** Like {@link #describe()}: never the admin token. */
  @Override
  public String toString() {
    return describe();
  }

  String describe() {
    StringBuilder s = new StringBuilder("@FakeRegistryConfig(");
    s.append("https = ").append(https).append(", testClock = ").append(testClock);
    clockStart.ifPresent(c -> s.append(", clockStart = \"").append(c).append('"'));
    if (!seeds.isEmpty()) {
      s.append(", seed = ").append(seeds);
    }
    if (sigstore) {
      s.append(", sigstore = true");
    }
    if (!name.isEmpty()) {
      s.append(", name = \"").append(name).append('"');
    }
    return s.append(')').toString();
  }
}
