package dev.npmauth.impl.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.Credential;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.PackageName;
import dev.npmauth.Secret;
import dev.npmauth.credentials.PublishCredentialProvider;
import dev.npmauth.impl.testing.Tarballs;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.publish.PublishOutcome;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.publish.PublishResult;
import dev.npmauth.publish.StagedVersion;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.testkit.TokenSpec;
import dev.npmauth.testkit.TrustedPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fake")
class DistTagsAndStagingFakeTest {
  private static final PackageName SCOPED = PackageName.of("@acme/widgets");

  @TempDir
  Path dir;
  private FakeRegistry fake;
  private Credential alice;

  @BeforeEach
  void start() {
    fake = FakeRegistry.start();
    alice = Credential.granular(Secret.of(fake.createToken(TokenSpec.readWrite("alice").allPackages())));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private NpmRegistryClient client() {
    return TestClients.client(fake, Map.of());
  }

  private PublishRequest.Builder request(Path tgz) {
    return PublishRequest.builder(tgz).credentials(PublishCredentialProvider.fixed(alice));
  }

  @Test
  void distTagsAreAddedListedAndRemovedWithNpmsRequests() throws Exception {
    try (NpmRegistryClient client = client()) {
      client.publisher().publish(request(Tarballs.simple(dir, "@acme/widgets", "1.0.0")).build());
      client.publisher().publish(request(Tarballs.simple(dir, "@acme/widgets", "1.1.0-beta.0")).tag("beta").build());
      client.distTags().add(SCOPED, "1.1.0-beta.0", "next", alice, Optional.empty());
      client.distTags().add(SCOPED, "1.1.0-beta.0", "next", alice, Optional.empty()); // already there: no PUT
      assertThat(client.distTags().list(SCOPED, Optional.of(alice)))
          .containsOnly(Map.entry("latest", "1.0.0"), Map.entry("beta", "1.1.0-beta.0"), Map.entry("next", "1.1.0-beta.0"));
      client.distTags().remove(SCOPED, "beta", alice, Optional.empty());
      assertThat(fake.distTags("@acme/widgets")).doesNotContainKey("beta").containsEntry("next", "1.1.0-beta.0");

      assertThatThrownBy(() -> client.distTags().remove(SCOPED, "latest", alice, Optional.empty()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be removed");
      assertThatThrownBy(() -> client.distTags().remove(SCOPED, "nope", alice, Optional.empty()))
          .hasMessageContaining("has no dist-tag \"nope\"");
      assertThatThrownBy(() -> client.distTags().add(SCOPED, "1.0.0", "2.x", alice, Optional.empty()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("semver");
    }
    List<RecordedRequest> puts = fake.journal().stream()
        .filter(r -> r.method().equals("PUT") && r.path().contains("/dist-tags/")).toList();
    assertThat(puts).extracting(RecordedRequest::path).containsExactly("/-/package/@acme%2fwidgets/dist-tags/next");
    assertThat(puts.get(0).header("content-type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    assertThat(puts.get(0).header("npm-command")).contains("dist-tag");
  }

  @Test
  void trustedPublishingTokenCanStageButOnlyAMaintainerApproves() throws Exception {
    fake.trust(TrustedPublisher.github("@acme/widgets", "acme/widgets", "release.yml")
        .permissions(TrustedPublisher.CREATE_PACKAGE, TrustedPublisher.CREATE_STAGED_PACKAGE));
    try (NpmRegistryClient admin = client()) {
      admin.publisher().publish(request(Tarballs.simple(dir, "@acme/widgets", "1.0.0")).build());
    }
    Map<String, String> ci = fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml"));
    String stageId;
    try (NpmRegistryClient client = TestClients.client(fake, ci)) {
      PublishResult staged = client.publisher().publish(
          PublishRequest.builder(Tarballs.simple(dir, "@acme/widgets", "1.1.0")).stage(true).build());
      assertThat(staged.outcome()).isEqualTo(PublishOutcome.STAGED);
      stageId = staged.stageId().orElseThrow();
      assertThat(staged.summary()).isEqualTo("+ @acme/widgets@1.1.0 (staged with id " + stageId + ")");
      Credential oidc = client.trustedPublishing().exchange(SCOPED);
      assertThatThrownBy(() -> client.staging().approve(stageId, oidc, Optional.empty()))
          .isInstanceOf(RegistryException.class).hasMessageContaining("can only publish");
    }
    assertThat(fake.versions("@acme/widgets")).containsExactly("1.0.0");
    try (NpmRegistryClient client = client()) {
      List<StagedVersion> list = client.staging().list(Optional.of(SCOPED), alice);
      assertThat(list).singleElement().satisfies(v -> {
        assertThat(v.id()).isEqualTo(stageId);
        assertThat(v.version()).isEqualTo("1.1.0");
        assertThat(v.tag()).contains("latest");
        assertThat(v.shasum()).isPresent();
      });
      assertThat(client.staging().view(stageId, alice).packageName()).isEqualTo(SCOPED);
      Path downloaded = client.staging().download(stageId, dir.resolve("downloads"), alice);
      assertThat(downloaded.getFileName().toString()).isEqualTo("acme-widgets-1.1.0-" + stageId + ".tgz");
      assertThat(Files.readAllBytes(downloaded)).isEqualTo(Files.readAllBytes(dir.resolve("acme-widgets-1.1.0.tgz")));
      client.staging().approve(stageId, alice, Optional.empty());
      assertThat(client.staging().list(Optional.empty(), alice)).isEmpty();
    }
    assertThat(fake.versions("@acme/widgets")).containsExactly("1.0.0", "1.1.0");
    assertThat(fake.distTags("@acme/widgets")).containsEntry("latest", "1.1.0");
  }

  @Test
  void rejectedStagedVersionIsNeverPublishedAndBadIdsAreRefusedLocally() throws Exception {
    try (NpmRegistryClient client = client()) {
      PublishResult staged = client.publisher().publish(request(Tarballs.simple(dir, "demo-pkg", "1.0.0")).stage(true).build());
      client.staging().reject(staged.stageId().orElseThrow(), alice, Optional.empty());
      assertThat(fake.stagedVersions()).isEmpty();
      assertThatThrownBy(() -> client.staging().view("not-a-uuid", alice))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UUID");
      assertThatThrownBy(() -> client.staging().view("0f0e0d0c-0b0a-4908-8706-050403020100", alice))
          .isInstanceOf(RegistryException.class).hasMessageStartingWith("404");
    }
    assertThat(fake.versions("demo-pkg")).isEmpty();
  }

  @Test
  void stageListFollowsEveryPage() throws Exception {
    try (NpmRegistryClient client = client()) {
      for (int i = 0; i < 103; i++) {
        client.publisher().publish(request(Tarballs.simple(dir, "pkg-" + i, "1.0.0")).stage(true).build());
      }
      assertThat(client.staging().list(Optional.empty(), alice)).hasSize(103);
    }
    assertThat(fake.journal().stream().filter(r -> r.path().startsWith("/-/stage?")).map(RecordedRequest::path))
        .containsExactly("/-/stage?page=0&perPage=100", "/-/stage?page=1&perPage=100");
  }
}
