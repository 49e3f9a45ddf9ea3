package dev.npmauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void secretNeverPrintsItsValue() {
    Secret secret = Secret.of("canary-abc123");
    assertThat(secret.toString()).doesNotContain("canary").contains("13 chars");
    assertThat(String.valueOf(secret)).doesNotContain("abc123");
    assertThat(secret.reveal()).isEqualTo("canary-abc123");
  }

  @Test
  void credentialPrintsKindAndExpiryButNotTheToken() {
    Credential credential = new Credential(CredentialKind.OIDC_EXCHANGED, Secret.of("canary-xyz"),
        Optional.of(Instant.parse("2026-01-01T00:00:00Z")), Optional.of(PackageName.of("demo-pkg")));
    assertThat(credential.toString()).contains("OIDC_EXCHANGED", "2026-01-01T00:00:00Z", "demo-pkg")
        .doesNotContain("canary-xyz");
    assertThat(credential.authorizationHeaderValue()).isEqualTo("Bearer canary-xyz");
  }

  @Test
  void sessionCredentialLastsTwoHours() {
    Instant login = Instant.parse("2026-01-01T10:00:00Z");
    Credential session = Credential.session(Secret.of("s"), login);
    assertThat(session.expiresAt()).contains(login.plus(Duration.ofHours(2)));
    assertThat(session.isExpired(Clock.fixed(login.plus(Duration.ofMinutes(119)), ZoneOffset.UTC))).isFalse();
    assertThat(session.isExpired(Clock.fixed(login.plus(Duration.ofMinutes(120)), ZoneOffset.UTC))).isTrue();
    assertThat(session.expiresWithin(Duration.ofMinutes(30), Clock.fixed(login.plus(Duration.ofMinutes(95)),
        ZoneOffset.UTC))).isTrue();
  }

  @Test
  void emptySecretIsRefused() {
    assertThatThrownBy(() -> Secret.of("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retryPolicyBacksOffExponentiallyUpToTheCap() {
    RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(350), Duration.ofSeconds(5),
        Sleeper.system());
    assertThat(policy.backoffBefore(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoffBefore(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoffBefore(3)).isEqualTo(Duration.ofMillis(350));
    assertThatThrownBy(() -> new RetryPolicy(11, Duration.ZERO, Duration.ZERO, Duration.ZERO, Sleeper.system()))
        .hasMessageContaining("between 0 and 10");
  }
}
