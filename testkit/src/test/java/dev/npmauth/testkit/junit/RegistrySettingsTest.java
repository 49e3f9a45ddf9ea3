package dev.npmauth.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class RegistrySettingsTest {
  @FakeRegistryConfig(clockStart = "2026-01-01T00:00:00Z", https = true)
  static final class WithStart {}

  @FakeRegistryConfig(clockStart = "yesterday")
  static final class BadStart {}

  @FakeRegistryConfig(https = true, clockStart = "2026-01-01T00:00:00Z")
  static final class SameAsWithStart {}

  @Test
  void aClockStartImpliesATestClockAndEqualAnnotationsAreEqualSettings() {
    RegistrySettings s = RegistrySettings.of(WithStart.class.getAnnotation(FakeRegistryConfig.class));
    assertThat(s.testClock()).isTrue();
    assertThat(s.clockStart()).contains(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(s).isEqualTo(RegistrySettings.of(SameAsWithStart.class.getAnnotation(FakeRegistryConfig.class)));
    assertThat(s.describe()).isEqualTo("@FakeRegistryConfig(https = true, testClock = true,"
        + " clockStart = \"2026-01-01T00:00:00Z\")");
  }

  @FakeRegistryConfig(adminToken = "canary-admin-token")
  static final class WithAdminToken {}

  @Test
  void settingsNeverShowTheAdminToken() {
    RegistrySettings s = RegistrySettings.of(WithAdminToken.class.getAnnotation(FakeRegistryConfig.class));
    assertThat(s.adminToken()).contains("canary-admin-token");
    assertThat(s.toString()).doesNotContain("canary");
    assertThat(s.describe()).doesNotContain("canary");
  }

  @Test
  void aBadClockStartSaysWhatIsExpected() {
    assertThatThrownBy(() -> RegistrySettings.of(BadStart.class.getAnnotation(FakeRegistryConfig.class)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("not an ISO-8601 instant like 2026-01-01T00:00:00Z");
  }

  @Test
  void aTestClockFromARegistryWithoutOneIsRefusedWithTheFix() {
    try (Managed m = RegistrySettings.DEFAULTS.start()) {
      assertThat(m.clock()).isNull();
      assertThatThrownBy(() -> {
        java.lang.reflect.Method clockOf = FakeRegistryExtension.class.getDeclaredMethod("clockOf", Managed.class,
            RegistrySettings.class, String.class);
        clockOf.setAccessible(true);
        try {
          clockOf.invoke(null, m, RegistrySettings.DEFAULTS, "parameter clock of test");
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw e.getCause();
        }
      }).hasMessageContaining("add @FakeRegistryConfig(testClock = true)");
    }
  }
}
