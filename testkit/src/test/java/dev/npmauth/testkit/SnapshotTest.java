package dev.npmauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fake")
@SuppressWarnings("unchecked")
class SnapshotTest {
  private FakeRegistry registry;
  private TestHttp http;
  private String admin;
  private byte[] first;

  @BeforeEach
  void start() throws Exception {
    registry = FakeRegistry.start();
    http = new TestHttp(registry.url());
    admin = TestHttp.bearer(registry.adminToken());
    first = Packages.tarball("demo-pkg", "1.0.0", 3000);
    publish("demo-pkg", "1.0.0", first, null);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private void publish(String name, String version, byte[] tgz, String provenance) throws Exception {
    Map<String, Object> doc = Packages.publishDoc(name, version, tgz, null);
    if (provenance != null) {
      Map<String, Object> attachments = (Map<String, Object>) doc.get("_attachments");
      Map<String, Object> sigstore = new LinkedHashMap<>();
      sigstore.put("content_type", "application/vnd.dev.sigstore.bundle.v0.3+json");
      sigstore.put("data", provenance);
      sigstore.put("length", provenance.length());
      attachments.put(name + "-" + version + ".sigstore", sigstore);
    }
    HttpResponse<String> put = http.put(Packages.path(name), TestHttp.toJson(doc), "authorization", admin);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
  }

  @Test
  void aPublishAfterTheSnapshotIsGoneAfterRestore() throws Exception {
    RegistrySnapshot clean = registry.snapshot();
    publish("demo-pkg", "1.1.0", Packages.tarball("demo-pkg", "1.1.0", 10), null);
    publish("other-pkg", "0.1.0", Packages.tarball("other-pkg", "0.1.0", 10), null);
    assertThat(registry.versions("demo-pkg")).containsExactly("1.0.0", "1.1.0");

    registry.restore(clean);

    assertThat(registry.packages()).containsExactly("demo-pkg");
    assertThat(registry.versions("demo-pkg")).containsExactly("1.0.0");
    assertThat(registry.distTags("demo-pkg")).containsExactly(Map.entry("latest", "1.0.0"));
    assertThat(http.get("/other-pkg").statusCode()).isEqualTo(404);
    assertThat(http.get("/demo-pkg/-/demo-pkg-1.1.0.tgz").statusCode()).isEqualTo(404);
    assertThat(http.getBytes("/demo-pkg/-/demo-pkg-1.0.0.tgz").body()).isEqualTo(first);
    // The same version can be published again, and the snapshot restored again.
    publish("demo-pkg", "1.1.0", Packages.tarball("demo-pkg", "1.1.0", 20), null);
    registry.restore(clean);
    assertThat(registry.versions("demo-pkg")).containsExactly("1.0.0");
  }

  @Test
  void tokensUsersTrustTagsAndTheStageComeBackAsTheyWere() throws Exception {
    String kept = registry.createToken(TokenSpec.readWrite("alice"));
    String revokedLater = registry.createToken(TokenSpec.readWrite("bob"));
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    RegistrySnapshot snapshot = registry.snapshot();

    String createdLater = registry.createToken(TokenSpec.readWrite("carol"));
    String keyOfBob = registry.tokensOf("bob").get(0).key();
    assertThat(http.send(http.request("/-/npm/v1/tokens/token/" + keyOfBob, "authorization",
        TestHttp.bearer(revokedLater)).DELETE().build()).statusCode()).isIn(200, 204);
    registry.createUser(UserSpec.of("dave", "pw-" + System.nanoTime()));
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/other", "release.yml"));
    assertThat(http.put("/-/package/demo-pkg/dist-tags/beta", "\"1.0.0\"", "authorization", admin).statusCode())
        .isIn(200, 201, 204);
    Map<String, Object> staged = Packages.publishDoc("demo-pkg", "2.0.0", Packages.tarball("demo-pkg", "2.0.0", 10), null);
    HttpResponse<String> stage = http.send(http.request("/-/stage/package/demo-pkg", "authorization", admin,
        "content-type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestHttp.toJson(staged))).build());
    assertThat(stage.statusCode()).as(stage.body()).isEqualTo(201);
    assertThat(registry.stagedVersions()).hasSize(1);

    registry.restore(snapshot);

    assertThat(registry.tokenWorks(kept)).isTrue();
    assertThat(registry.tokenWorks(revokedLater)).isTrue();
    assertThat(registry.tokenWorks(createdLater)).isFalse();
    assertThat(registry.tokenWorks(registry.adminToken())).isTrue();
    assertThatThrownBy(() -> registry.otp("dave")).hasMessageContaining("no user");
    registry.createUser(UserSpec.of("dave", "pw2-" + System.nanoTime()));
    assertThat(registry.trustedPublishers("demo-pkg"))
        .containsExactly(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    assertThat(registry.distTags("demo-pkg")).doesNotContainKey("beta");
    assertThat(registry.stagedVersions()).isEmpty();
  }

  @Test
  void aStagedVersionInTheSnapshotComesBackWithItsTarball() throws Exception {
    byte[] tgz = Packages.tarball("demo-pkg", "2.0.0", 500);
    Map<String, Object> staged = Packages.publishDoc("demo-pkg", "2.0.0", tgz, null);
    HttpResponse<String> stage = http.send(http.request("/-/stage/package/demo-pkg", "authorization", admin,
        "content-type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestHttp.toJson(staged))).build());
    String id = (String) TestHttp.json(stage.body()).get("stageId");
    RegistrySnapshot snapshot = registry.snapshot();
    assertThat(http.post("/-/stage/" + id + "/approve", "authorization", admin).statusCode()).isEqualTo(200);
    assertThat(registry.versions("demo-pkg")).containsExactly("1.0.0", "2.0.0");

    registry.restore(snapshot);

    assertThat(registry.versions("demo-pkg")).containsExactly("1.0.0");
    assertThat(registry.stagedVersions()).containsExactly(Map.entry(id, "demo-pkg@2.0.0"));
    assertThat(http.getBytes("/-/stage/" + id + "/tarball", "authorization", admin).body()).isEqualTo(tgz);
    assertThat(http.post("/-/stage/" + id + "/approve", "authorization", admin).statusCode()).isEqualTo(200);
    assertThat(registry.tarball("demo-pkg", "2.0.0")).hasValue(tgz);
  }

  @Test
  void tamperingAfterTheSnapshotIsUndoneBecauseTarballsWereCopied() throws Exception {
    String integrity = Packages.integrity(first);
    RegistrySnapshot snapshot = registry.snapshot();
    registry.replaceTarball("demo-pkg", "1.0.0", new byte[] {1, 2, 3});
    assertThat(registry.packument("demo-pkg").orElseThrow()).doesNotContain(integrity);

    registry.restore(snapshot);

    assertThat(registry.tarball("demo-pkg", "1.0.0")).hasValue(first);
    assertThat(registry.packument("demo-pkg").orElseThrow()).contains(integrity);
  }

  @Test
  void attestationsOfAVersionPublishedAfterTheSnapshotAreGone() throws Exception {
    RegistrySnapshot snapshot = registry.snapshot();
    byte[] tgz = Packages.tarball("demo-pkg", "1.2.0", 10);
    publish("demo-pkg", "1.2.0", tgz, registry.provenanceBundle(tgz, "demo-pkg", "1.2.0",
        GitHubRun.of("acme/widgets", "release.yml")));
    assertThat(registry.attestations("demo-pkg", "1.2.0")).isPresent();

    registry.restore(snapshot);

    assertThat(registry.attestations("demo-pkg", "1.2.0")).isEmpty();
    assertThat(http.get("/-/npm/v1/attestations/demo-pkg@1.2.0").statusCode()).isEqualTo(404);
  }

  @Test
  void theSnapshotOfAnotherRegistryIsRefused() {
    try (FakeRegistry other = FakeRegistry.start()) {
      RegistrySnapshot foreign = other.snapshot();
      assertThatThrownBy(() -> registry.restore(foreign)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("the registry that took it");
    }
  }

  @Test
  void itsToStringCountsWithoutSecrets() {
    registry.createToken(TokenSpec.readWrite("alice"));
    RegistrySnapshot snapshot = registry.snapshot();
    assertThat(snapshot.toString()).startsWith("RegistrySnapshot[1 packages, 1 versions, 0 staged, 2 tokens, taken ")
        .doesNotContain(registry.adminToken());
  }

  @Test
  void aClosedRegistryTakesNoSnapshot() {
    RegistrySnapshot snapshot = registry.snapshot();
    registry.close();
    assertThatThrownBy(registry::snapshot).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> registry.restore(snapshot)).isInstanceOf(IllegalStateException.class);
  }
}
