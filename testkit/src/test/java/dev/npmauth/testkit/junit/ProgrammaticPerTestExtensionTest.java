package dev.npmauth.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.testkit.FakeRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An instance @RegisterExtension: a registry per test, closed after it. */
@Tag("fake")
class ProgrammaticPerTestExtensionTest {
  static final List<FakeRegistry> seen = new CopyOnWriteArrayList<>();

  @RegisterExtension
  FakeRegistryExtension fake = FakeRegistryExtension.builder().build();

  @AfterAll
  static void allClosed() {
    assertThat(seen).hasSize(2).doesNotHaveDuplicates()
        .allSatisfy(r -> assertThat(r.toString()).contains("closed"));
  }

  @Test
  void theParameterIsTheExtensionsRegistry(FakeRegistry registry) {
    assertThat(registry).isSameAs(fake.registry());
    assertThatThrownBy(fake::clock).hasMessageContaining(".testClock(");
    seen.add(registry);
  }

  @Test
  void anotherTestGetsAnother(FakeRegistry registry) {
    assertThat(registry).isSameAs(fake.registry());
    seen.add(registry);
  }
}
