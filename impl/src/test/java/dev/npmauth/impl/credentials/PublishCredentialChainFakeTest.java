package dev.npmauth.impl.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.PackageName;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.credentials.CredentialSource;
import dev.npmauth.credentials.NoCredentialException;
import dev.npmauth.credentials.ResolvedCredential;
import dev.npmauth.credentials.SourceAttempt;
import dev.npmauth.impl.testing.MutableClock;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.oidc.TrustedPublishingFailure;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.TokenSpec;
import dev.npmauth.testkit.TrustedPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fake")
class PublishCredentialChainFakeTest {
  private static final PackageName DEMO = PackageName.of("demo-pkg");
  private FakeRegistry fake;

  @BeforeEach
  void start() {
    fake = FakeRegistry.start();
    fake.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private long exchangeCount() {
    return fake.journal().stream().filter(r -> r.path().contains("/oidc/token/exchange/")).count();
  }

  @Test
  void trustedPublishingComesFirstEvenWhenATokenIsSet() {
    Map<String, String> env = new HashMap<>(fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")));
    env.put("NPM_TOKEN", fake.createToken(TokenSpec.readWrite("alice").allPackages()));
    try (NpmRegistryClient client = TestClients.client(fake, env)) {
      ResolvedCredential resolved = client.publishCredentials().resolve(DEMO);
      assertThat(resolved.source()).isEqualTo(CredentialSource.TRUSTED_PUBLISHING);
      assertThat(resolved.explain()).contains("trusted publishing (OIDC)", "GitHub Actions");
    }
  }

  @Test
  void refusedExchangeFallsBackToNpmTokenAndSaysWhy() {
    Map<String, String> env = new HashMap<>(fake.githubActionsRun(GitHubRun.of("acme/widgets", "nightly.yml")));
    env.put("NPM_TOKEN", fake.createToken(TokenSpec.readWrite("alice").packages("demo-pkg")));
    try (NpmRegistryClient client = TestClients.client(fake, env)) {
      ResolvedCredential resolved = client.publishCredentials().resolve(DEMO);
      assertThat(resolved.source()).isEqualTo(CredentialSource.NPM_TOKEN);
      assertThat(resolved.attempts()).extracting(SourceAttempt::source).containsExactly(
          CredentialSource.TRUSTED_PUBLISHING, CredentialSource.NODE_AUTH_TOKEN, CredentialSource.NPM_TOKEN);
      assertThat(resolved.attempts().get(0).trustedPublishingFailure())
          .contains(TrustedPublishingFailure.NO_MATCHING_TRUSTED_PUBLISHER);
      assertThat(resolved.attempts().get(1).detail()).isEqualTo("not set");
      assertThat(client.whoami(resolved.credential())).isEqualTo("alice");
    }
  }

  @Test
  void nodeAuthTokenWinsOverNpmToken() {
    Map<String, String> env = Map.of("NODE_AUTH_TOKEN", fake.createToken(TokenSpec.readWrite("node").allPackages()),
        "NPM_TOKEN", fake.createToken(TokenSpec.readWrite("npm").allPackages()));
    try (NpmRegistryClient client = TestClients.client(fake, env)) {
      ResolvedCredential resolved = client.publishCredentials().resolve(DEMO);
      assertThat(resolved.source()).isEqualTo(CredentialSource.NODE_AUTH_TOKEN);
      assertThat(client.whoami(resolved.credential())).isEqualTo("node");
      assertThat(resolved.attempts().get(0).trustedPublishingFailure()).contains(TrustedPublishingFailure.NOT_IN_CI);
    }
  }

  @Test
  void npmrcTokenWithVariableIsFoundAsNpmWouldFindIt(@TempDir Path dir) throws Exception {
    String token = fake.createToken(TokenSpec.readWrite("carol").allPackages());
    String nerf = "//" + fake.url().getRawAuthority() + "/";
    Files.writeString(dir.resolve(".npmrc"), nerf + ":_authToken=${MY_NPM_TOKEN}\n");
    Environment env = Environment.of(Map.of("MY_NPM_TOKEN", token));
    try (NpmRegistryClient client = NpmRegistryClient.builder().registry(fake.url().toString()).environment(env)
        .npmConfig(NpmConfig.load(env, dir)).build()) {
      ResolvedCredential resolved = client.publishCredentials().resolve(DEMO);
      assertThat(resolved.source()).isEqualTo(CredentialSource.NPMRC);
      assertThat(resolved.attempts().get(3).detail()).contains(nerf + ":_authToken", dir.resolve(".npmrc").toString());
      assertThat(client.whoami(resolved.credential())).isEqualTo("carol");
    }
    try (NpmRegistryClient client = NpmRegistryClient.builder().registry(fake.url().toString())
        .environment(Environment.empty()).npmConfig(NpmConfig.load(Environment.empty(), dir)).build()) {
      assertThatThrownBy(() -> client.publishCredentials().resolve(DEMO))
          .isInstanceOf(NoCredentialException.class)
          .hasMessageContaining("refers to ${MY_NPM_TOKEN}, which is not set");
    }
  }

  @Test
  void withoutAnySourceTheErrorExplainsEachOne() {
    try (NpmRegistryClient client = TestClients.client(fake, Map.of())) {
      assertThatThrownBy(() -> client.publishCredentials().resolve(DEMO))
          .isInstanceOf(NoCredentialException.class)
          .hasMessageContaining("trusted publishing (OIDC): not running in GitHub Actions")
          .hasMessageContaining("environment variable NODE_AUTH_TOKEN: not set")
          .hasMessageContaining("environment variable NPM_TOKEN: not set")
          .hasMessageContaining(".npmrc: no _authToken")
          .satisfies(e -> assertThat(((NoCredentialException) e).attempts()).hasSize(4));
    }
  }

  @Test
  void exchangedTokenIsReusedPerPackageUntilShortlyBeforeItExpires() {
    MutableClock clock = new MutableClock(Instant.now());
    try (FakeRegistry timed = FakeRegistry.builder().clock(clock).start()) {
      timed.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
      Map<String, String> env = timed.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml"));
      try (NpmRegistryClient client = TestClients.builder(timed, env).clock(clock).build()) {
        ResolvedCredential first = client.publishCredentials().resolve(DEMO);
        assertThat(client.publishCredentials().resolve(DEMO)).isSameAs(first);
        Instant expires = first.credential().expiresAt().orElseThrow();
        clock.advance(Duration.between(clock.instant(), expires).minus(Duration.ofSeconds(30)));
        ResolvedCredential second = client.publishCredentials().resolve(DEMO);
        assertThat(second).isNotSameAs(first);
        assertThat(second.credential().secret()).isNotEqualTo(first.credential().secret());
      }
      assertThat(timed.journal().stream().filter(r -> r.path().contains("/oidc/token/exchange/")).count()).isEqualTo(2);
    }
    assertThat(exchangeCount()).isZero();
  }
}
