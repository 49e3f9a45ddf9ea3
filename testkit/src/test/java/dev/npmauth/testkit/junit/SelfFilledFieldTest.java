package dev.npmauth.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.testkit.FakeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A field the test filled itself is not replaced. */
@Tag("fake")
@WithFakeRegistry
class SelfFilledFieldTest {
  static FakeRegistry made;
  FakeRegistry own = made = FakeRegistry.builder().adminToken("self-made").start();

  @AfterEach
  void closeOwn() {
    own.close();
  }

  @Test
  void aFieldTheTestFilledItselfIsLeftAlone(FakeRegistry injected) {
    assertThat(own).isSameAs(made).isNotSameAs(injected);
    assertThat(own.adminToken()).isEqualTo("self-made");
  }
}
