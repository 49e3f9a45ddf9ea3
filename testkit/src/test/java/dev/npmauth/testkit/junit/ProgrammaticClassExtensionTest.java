package dev.npmauth.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static @RegisterExtension: one registry for the class, given to every injection point. */
@Tag("fake")
class ProgrammaticClassExtensionTest {
  static final Instant START = Instant.parse("2026-02-01T00:00:00Z");

  @RegisterExtension
  static FakeRegistryExtension fake = FakeRegistryExtension.builder()
      .https(true)
      .testClock(START)
      .configure(b -> b.adminToken("admin-from-configure"))
      .build();

  static FakeRegistry seenInBeforeAll;
  FakeRegistry field;

  @BeforeAll
  static void beforeAll(FakeRegistry registry) {
    assertThat(registry).isSameAs(fake.registry());
    seenInBeforeAll = registry;
  }

  @AfterAll
  static void afterAll() {
    assertThat(fake.registry()).isSameAs(seenInBeforeAll);
  }

  @Test
  void everyInjectionPointGetsTheClassRegistry(FakeRegistry registry, TestClock clock) {
    assertThat(registry).isSameAs(fake.registry()).isSameAs(field).isSameAs(seenInBeforeAll);
    assertThat(clock).isSameAs(fake.clock());
  }

  @Test
  void theBuildersSettingsApply() {
    assertThat(fake.registry().url().getScheme()).isEqualTo("https");
    assertThat(fake.registry().adminToken()).isEqualTo("admin-from-configure");
    TestClock clock = fake.clock();
    clock.set(START);
    clock.advance(Duration.ofMinutes(1));
    assertThat(fake.registry().clock().instant()).isEqualTo(START.plusSeconds(60));
  }

  @Test
  void aDeclarativeExtensionHasNoRegistryAccessor() {
    assertThatThrownBy(() -> new FakeRegistryExtension().registry()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@RegisterExtension");
    assertThatThrownBy(() -> FakeRegistryExtension.builder().build().registry())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no fake registry yet");
  }
}
