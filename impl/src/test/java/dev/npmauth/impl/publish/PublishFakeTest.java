package dev.npmauth.impl.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.NpmRegistryClient;
import dev.npmauth.PackageName;
import dev.npmauth.credentials.CredentialSource;
import dev.npmauth.impl.json.Json;
import dev.npmauth.impl.testing.Tarballs;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.publish.Access;
import dev.npmauth.publish.PublishOutcome;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.publish.PublishResult;
import dev.npmauth.registry.RegistryErrorKind;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.testkit.TokenSpec;
import dev.npmauth.testkit.TrustedPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fake")
class PublishFakeTest {
  @TempDir
  Path dir;
  private FakeRegistry fake;

  @BeforeEach
  void start() {
    fake = FakeRegistry.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void publishThroughTrustedPublishingStoresTheExactBytes() throws Exception {
    fake.trust(TrustedPublisher.github("@acme/widgets", "acme/widgets", "release.yml"));
    Path tgz = Tarballs.simple(dir, "@acme/widgets", "1.0.0");
    String integrity = "sha512-" + Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(tgz)));
    try (NpmRegistryClient client = TestClients.client(fake,
        fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")))) {
      PublishResult result = client.publisher().publish(PublishRequest.builder(tgz).tag("next").access(Access.PUBLIC).build());
      assertThat(result.outcome()).isEqualTo(PublishOutcome.PUBLISHED);
      assertThat(result.packageName()).isEqualTo(PackageName.of("@acme/widgets"));
      assertThat(result.integrity()).isEqualTo(integrity);
      assertThat(result.credential().orElseThrow().source()).isEqualTo(CredentialSource.TRUSTED_PUBLISHING);
    }
    assertThat(fake.versions("@acme/widgets")).containsExactly("1.0.0");
    assertThat(fake.tarball("@acme/widgets", "1.0.0")).hasValueSatisfying(bytes ->
        assertThat(bytes).isEqualTo(readAll(tgz)));
    Map<String, Object> packument = Json.readObject(fake.packument("@acme/widgets").orElseThrow());
    assertThat(Json.object(packument, "dist-tags").orElseThrow()).containsEntry("next", "1.0.0");
    @SuppressWarnings("unchecked")
    Map<String, Object> dist = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        packument.get("versions")).get("1.0.0")).get("dist");
    assertThat(dist).containsEntry("integrity", integrity);
    RecordedRequest put = fake.journal().stream().filter(r -> r.method().equals("PUT")).findFirst().orElseThrow();
    assertThat(put.path()).isEqualTo("/@acme%2fwidgets");
    assertThat(put.header("content-length")).contains(String.valueOf(put.bodyBytes()));
    assertThat(put.header("npm-command")).contains("publish");
  }

  private static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void dryRunResolvesTheCredentialAndSendsNothing() throws Exception {
    String token = fake.createToken(TokenSpec.readWrite("alice").allPackages());
    Path tgz = Tarballs.simple(dir, "demo-pkg", "1.0.0");
    try (NpmRegistryClient client = TestClients.client(fake, Map.of("NPM_TOKEN", token))) {
      PublishResult result = client.publisher().publish(PublishRequest.builder(tgz).dryRun(true).build());
      assertThat(result.outcome()).isEqualTo(PublishOutcome.DRY_RUN);
      assertThat(result.credential().orElseThrow().source()).isEqualTo(CredentialSource.NPM_TOKEN);
    }
    assertThat(fake.journal()).extracting(RecordedRequest::method).containsOnly("GET");
    assertThat(fake.versions("demo-pkg")).isEmpty();
  }

  @Test
  void exchangedTokenCannotPublishAnotherPackage() throws Exception {
    fake.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    fake.trust(TrustedPublisher.github("other-pkg", "acme/widgets", "release.yml"));
    Path tgz = Tarballs.simple(dir, "other-pkg", "1.0.0");
    try (NpmRegistryClient client = TestClients.client(fake,
        fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")))) {
      var demoToken = client.trustedPublishing().exchange(PackageName.of("demo-pkg"));
      assertThatThrownBy(() -> client.publisher().publish(PublishRequest.builder(tgz)
          .credentials(dev.npmauth.credentials.PublishCredentialProvider.fixed(demoToken)).build()))
          .isInstanceOf(RegistryException.class)
          .satisfies(e -> assertThat(((RegistryException) e).status()).isIn(401, 403));
    }
    assertThat(fake.versions("other-pkg")).isEmpty();
  }
}
