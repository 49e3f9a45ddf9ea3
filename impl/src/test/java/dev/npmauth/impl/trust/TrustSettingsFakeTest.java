package dev.npmauth.impl.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.Credential;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.PackageName;
import dev.npmauth.Secret;
import dev.npmauth.impl.testing.Tarballs;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.oidc.TrustedPublishingException;
import dev.npmauth.oidc.TrustedPublishingFailure;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.registry.OtpRequiredException;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.session.TwoFactor;
import dev.npmauth.testkit.CircleCiRun;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.GitLabRun;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.testkit.TrustSetting;
import dev.npmauth.testkit.TrustedPublisher;
import dev.npmauth.testkit.TwoFactorMode;
import dev.npmauth.testkit.UserSpec;
import dev.npmauth.trust.CircleCiClaims;
import dev.npmauth.trust.GitHubClaims;
import dev.npmauth.trust.GitLabClaims;
import dev.npmauth.trust.TrustConfiguration;
import dev.npmauth.trust.TrustPermission;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trusted publisher settings made through the SDK are what the fake's OIDC exchange matches. */
@Tag("fake")
class TrustSettingsFakeTest {
  private static final PackageName DEMO = PackageName.of("demo-pkg");
  private static final String ORG = "11111111-1111-4111-8111-111111111111";
  private static final String PROJECT = "22222222-2222-4222-8222-222222222222";
  private static final String PIPELINE = "33333333-3333-4333-8333-333333333333";

  @TempDir
  Path dir;

  private FakeRegistry fake;
  private NpmRegistryClient client;
  private Credential alice;

  @BeforeEach
  void start() throws Exception {
    fake = FakeRegistry.start();
    fake.createUser(UserSpec.of("alice", "pw-alice-1").twoFactor(TwoFactorMode.AUTH_AND_WRITES));
    client = TestClients.client(fake, Map.of());
    alice = Credential.session(Secret.of(fake.loginSession("alice")), fake.clock().instant());
    client.publisher().publish(PublishRequest.builder(Tarballs.simple(dir, "demo-pkg", "1.0.0"))
        .credentials(name -> new dev.npmauth.credentials.ResolvedCredential(alice,
            dev.npmauth.credentials.CredentialSource.NPMRC, List.of()))
        .otp(Secret.of(fake.otp("alice"))).build());
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private TwoFactor otp() {
    return TwoFactor.code(Secret.of(fake.otp("alice")));
  }

  @Test
  void githubSettingIsCreatedListedHonouredByTheExchangeAndRevoked() throws Exception {
    List<TrustConfiguration> created = client.trust().create(alice, DEMO,
        new GitHubClaims("acme/widgets", "release.yml", Optional.empty()), EnumSet.of(TrustPermission.PUBLISH), otp());
    assertThat(created).singleElement().satisfies(c -> {
      assertThat(c.id()).isPresent();
      assertThat(c.claims()).isEqualTo(new GitHubClaims("acme/widgets", "release.yml", Optional.empty()));
      assertThat(c.permissions()).containsExactly(TrustPermission.PUBLISH);
    });
    String id = created.get(0).id().orElseThrow();
    assertThat(fake.trustSettings("demo-pkg")).containsExactly(
        new TrustSetting(id, TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml")));
    assertThat(client.trust().list(alice, DEMO, TwoFactor.none())).extracting(TrustConfiguration::id)
        .containsExactly(Optional.of(id));

    Map<String, String> job = fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml"));
    try (NpmRegistryClient ci = TestClients.client(fake, job)) {
      ci.publisher().publish(PublishRequest.builder(Tarballs.simple(dir, "demo-pkg", "1.1.0")).build());
    }
    assertThat(fake.versions("demo-pkg")).containsExactly("1.0.0", "1.1.0");

    client.trust().revoke(alice, DEMO, id, otp());
    assertThat(fake.trustSettings("demo-pkg")).isEmpty();
    try (NpmRegistryClient ci = TestClients.client(fake, fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")))) {
      assertThatThrownBy(() -> ci.trustedPublishing().exchange(DEMO))
          .isInstanceOfSatisfying(TrustedPublishingException.class,
              e -> assertThat(e.reason()).isEqualTo(TrustedPublishingFailure.NO_MATCHING_TRUSTED_PUBLISHER));
    }
    assertThat(fake.journal()).filteredOn(r -> r.path().contains("/trust"))
        .extracting(RecordedRequest::method).containsExactly("POST", "GET", "DELETE");
    assertThat(fake.journal()).filteredOn(r -> r.path().contains("/trust"))
        .allSatisfy(r -> assertThat(r.header("npm-command")).hasValue("trust"));
  }

  @Test
  void gitlabAndCircleciSettingsAreHonouredToo() throws Exception {
    client.trust().create(alice, DEMO, new GitLabClaims("acme/widgets", ".gitlab-ci.yml", Optional.empty()),
        EnumSet.of(TrustPermission.PUBLISH, TrustPermission.STAGED_PUBLISH), otp());
    assertThat(fake.trustedPublishers("demo-pkg")).containsExactly(
        TrustedPublisher.gitlab("demo-pkg", "acme/widgets", ".gitlab-ci.yml")
            .permissions(TrustedPublisher.CREATE_PACKAGE, TrustedPublisher.CREATE_STAGED_PACKAGE));
    try (NpmRegistryClient ci = TestClients.client(fake, fake.gitlabRun(GitLabRun.of("acme/widgets", ".gitlab-ci.yml")))) {
      assertThat(ci.trustedPublishing().exchange(DEMO).secret()).isNotNull();
    }
    String id = fake.trustSettings("demo-pkg").get(0).id();
    client.trust().revoke(alice, DEMO, id, otp());

    client.trust().create(alice, DEMO, new CircleCiClaims(ORG, PROJECT, PIPELINE, "github.com/acme/widgets", List.of()),
        Set.of(TrustPermission.PUBLISH), otp());
    try (NpmRegistryClient ci = TestClients.client(fake, fake.circleCiRun(CircleCiRun.of(ORG, PROJECT, PIPELINE,
        "github.com/acme/widgets")))) {
      assertThat(ci.trustedPublishing().exchange(DEMO).boundPackage()).hasValue(DEMO);
    }
  }

  @Test
  void theRegistrysRulesComeBackAsTypedErrors() {
    GitHubClaims claims = new GitHubClaims("acme/widgets", "release.yml", Optional.empty());
    assertThatThrownBy(() -> client.trust().create(alice, DEMO, claims, Set.of(TrustPermission.PUBLISH), TwoFactor.none()))
        .isInstanceOf(OtpRequiredException.class);
    client.trust().create(alice, DEMO, claims, Set.of(TrustPermission.PUBLISH), otp());
    assertThatThrownBy(() -> client.trust().create(alice, DEMO, claims, Set.of(TrustPermission.PUBLISH), otp()))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessageContaining("one per package");
    assertThatThrownBy(() -> client.trust().create(alice, PackageName.of("missing-pkg"), claims,
        Set.of(TrustPermission.PUBLISH), otp()))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> client.trust().revoke(alice, DEMO, "no-such-id", otp()))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> client.trust().create(alice, DEMO, claims, Set.of(), otp()))
        .hasMessageContaining("At least one permission");
  }
}
