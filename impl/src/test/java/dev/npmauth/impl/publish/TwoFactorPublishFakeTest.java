package dev.npmauth.impl.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.Credential;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.OtpProvider;
import dev.npmauth.PackageName;
import dev.npmauth.Secret;
import dev.npmauth.credentials.PublishCredentialProvider;
import dev.npmauth.impl.testing.Tarballs;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.publish.PublishOutcome;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.registry.OtpRequiredException;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.testkit.TokenSpec;
import dev.npmauth.testkit.TwoFactorMode;
import dev.npmauth.testkit.UserSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts with two-factor authentication: writes need a one-time password unless the token bypasses 2FA. */
@Tag("fake")
class TwoFactorPublishFakeTest {
  @TempDir
  Path dir;
  private FakeRegistry fake;
  private Credential carol;

  @BeforeEach
  void start() {
    fake = FakeRegistry.start();
    fake.createUser(UserSpec.of("carol", "pw-for-carol").twoFactor(TwoFactorMode.AUTH_AND_WRITES));
    carol = Credential.granular(Secret.of(fake.createToken(TokenSpec.readWrite("carol").allPackages())));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private List<RecordedRequest> puts() {
    return fake.journal().stream().filter(r -> r.method().equals("PUT")).toList();
  }

  @Test
  void withoutAProviderTheOtpChallengeIsATypedErrorSayingSo() throws Exception {
    try (NpmRegistryClient client = TestClients.client(fake, Map.of())) {
      assertThatThrownBy(() -> client.publisher().publish(PublishRequest.builder(Tarballs.simple(dir, "demo-pkg", "1.0.0"))
          .credentials(PublishCredentialProvider.fixed(carol)).build()))
          .isInstanceOf(OtpRequiredException.class)
          .hasMessageContaining("one-time password");
    }
    assertThat(fake.versions("demo-pkg")).isEmpty();
  }

  @Test
  void theProviderIsAskedOnceAndThePublishIsRepeatedWithNpmOtp() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    OtpProvider provider = challenge -> {
      asked.incrementAndGet();
      assertThat(challenge.operation()).contains("demo-pkg");
      return Secret.of(fake.otp("carol"));
    };
    try (NpmRegistryClient client = TestClients.client(fake, Map.of())) {
      assertThat(client.publisher().publish(PublishRequest.builder(Tarballs.simple(dir, "demo-pkg", "1.0.0"))
          .credentials(PublishCredentialProvider.fixed(carol)).otpProvider(provider).build()).outcome())
          .isEqualTo(PublishOutcome.PUBLISHED);
      client.distTags().add(PackageName.of("demo-pkg"), "1.0.0", "stable", carol, Optional.of(provider));
    }
    assertThat(asked).hasValue(2);
    assertThat(puts()).extracting(RecordedRequest::status).containsExactly(401, 200, 401, 200);
    assertThat(puts().get(1).header("npm-otp")).contains("****");
    assertThat(fake.distTags("demo-pkg")).containsEntry("stable", "1.0.0");
  }

  @Test
  void anOtpGivenUpFrontIsSentWithTheFirstRequest() throws Exception {
    try (NpmRegistryClient client = TestClients.client(fake, Map.of())) {
      client.publisher().publish(PublishRequest.builder(Tarballs.simple(dir, "demo-pkg", "1.0.0"))
          .credentials(PublishCredentialProvider.fixed(carol)).otp(Secret.of(fake.otp("carol"))).build());
    }
    assertThat(puts()).extracting(RecordedRequest::status).containsExactly(200);
  }

  @Test
  void aTokenThatBypasses2faNeedsNoOtp() throws Exception {
    Credential automation = Credential.granular(Secret.of(fake.createToken(
        TokenSpec.readWrite("carol").allPackages().bypass2fa())));
    try (NpmRegistryClient client = TestClients.client(fake, Map.of())) {
      client.publisher().publish(PublishRequest.builder(Tarballs.simple(dir, "demo-pkg", "1.0.0"))
          .credentials(PublishCredentialProvider.fixed(automation)).build());
    }
    assertThat(puts()).extracting(RecordedRequest::status).containsExactly(200);
  }
}
