package dev.npmauth.impl.provenance.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.NpmRegistryClient;
import dev.npmauth.impl.json.Json;
import dev.npmauth.impl.testing.Tarballs;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.provenance.NpmPackageVersion;
import dev.npmauth.provenance.ProvenancePolicy;
import dev.npmauth.provenance.RegistryKeys;
import dev.npmauth.provenance.TrustedRoot;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.provenance.Verifiers;
import dev.npmauth.provenance.sign.ProvenanceException;
import dev.npmauth.provenance.sign.ProvenanceFailure;
import dev.npmauth.publish.Access;
import dev.npmauth.publish.PublishOutcome;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.publish.PublishResult;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.TrustedPublisher;
import dev.npmauth.testkit.sigstore.FakeSigstore;
import dev.npmauth.verify.PackageVerification;
import dev.npmauth.verify.VerifyOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated GitHub Actions run publishes with provenance through the SDK: trusted publishing
 * for the registry, keyless signing at the fake Sigstore (URLs from the environment, as the
 * standalone fake's env file gives them), and the fake registry serving the attestations.
 */
@Tag("fake")
class ProvenancePublishFakeTest {
  static final String PKG = "@acme/widgets";
  static final String WORKFLOW = "https://github.com/acme/widgets/.github/workflows/release.yml@refs/heads/main";

  @TempDir
  Path dir;
  private FakeRegistry fake;
  private FakeSigstore sigstore;

  @BeforeEach
  void start() {
    fake = FakeRegistry.builder().sigstore(true).start();
    sigstore = fake.sigstore().orElseThrow();
    fake.trust(TrustedPublisher.github(PKG, "acme/widgets", "release.yml"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private Map<String, String> job() {
    Map<String, String> env = new HashMap<>(fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")));
    env.put("NPMAUTH_FULCIO_URL", sigstore.fulcioUrl().toString());
    env.put("NPMAUTH_REKOR_URL", sigstore.rekorUrl().toString());
    return env;
  }

  private Path tarball() throws Exception {
    return Tarballs.write(dir, "widgets-1.2.0.tgz", "{\"name\":\"" + PKG + "\",\"version\":\"1.2.0\","
        + "\"repository\":{\"type\":\"git\",\"url\":\"git+https://github.com/acme/widgets.git\"}}",
        Map.of("index.js", "module.exports = 42\n"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void publishWithProvenanceFromGitHubActionsIsServedAsNpmAttestationsAndVerifies() throws Exception {
    PublishResult result;
    try (NpmRegistryClient client = TestClients.client(fake, job())) {
      result = client.publisher().publish(PublishRequest.builder(tarball()).access(Access.PUBLIC).provenance(true).build());
    }
    assertThat(result.outcome()).isEqualTo(PublishOutcome.PUBLISHED);
    assertThat(result.provenance()).hasValueSatisfying(p -> {
      assertThat(p.signerIdentity()).isEqualTo(WORKFLOW);
      assertThat(p.rekorUrl()).isEqualTo(sigstore.rekorUrl());
    });
    assertThat(sigstore.logEntries()).hasSize(1);

    // The registry keeps the bundle as it was attached and serves it with its publish attestation.
    String attestations = fake.attestations(PKG, "1.2.0").orElseThrow();
    List<Map<String, Object>> entries = (List<Map<String, Object>>) Json.readObject(attestations).get("attestations");
    assertThat(entries).extracting(e -> e.get("predicateType")).containsExactly(
        "https://github.com/npm/attestation/tree/main/specs/publish/v0.1", "https://slsa.dev/provenance/v1");
    assertThat(entries.get(1).get("bundle")).isEqualTo(Json.readObject(result.provenance().orElseThrow().bundleJson()));
    HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        fake.url().resolve("-/npm/v1/attestations/@acme%2fwidgets@1.2.0")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(Json.readObject(served.body())).isEqualTo(Json.readObject(attestations));

    Map<String, Object> packument = Json.readObject(fake.packument(PKG).orElseThrow());
    Map<String, Object> dist = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        packument.get("versions")).get("1.2.0")).get("dist");
    Map<String, Object> listed = (Map<String, Object>) dist.get("attestations");
    assertThat(listed.get("url")).isEqualTo(fake.url() + "-/npm/v1/attestations/@acme/widgets@1.2.0");
    assertThat(listed.get("provenance")).isEqualTo(Map.of("predicateType", "https://slsa.dev/provenance/v1"));

    // One trusted root (the fake Sigstore's, which also names the registry's log) verifies both.
    TrustedRoot root = TrustedRoots.parse(sigstore.trustedRoot());
    try (NpmRegistryClient client = TestClients.client(fake, Map.of())) {
      PackageVerification verification = client.verification().verify(PKG, "1.2.0", VerifyOptions.builder()
          .trustedRoot(root)
          .policy(ProvenancePolicy.builder().workflowPath(".github/workflows/release.yml").ref("refs/heads/main")
              .requireProvenance(true).requirePublishAttestation(true).build())
          .requireAttestations(true).build());
      assertThat(verification.verified()).as(verification.render()).isTrue();

      PackageVerification otherWorkflow = client.verification().verify(PKG, "1.2.0", VerifyOptions.builder()
          .trustedRoot(root).policy(ProvenancePolicy.builder().workflowPath(".github/workflows/other.yml").build())
          .requireAttestations(true).build());
      assertThat(otherWorkflow.verified()).as(otherWorkflow.render()).isFalse();
    }

    // A tampered provenance in the response is rejected.
    NpmPackageVersion version = NpmPackageVersion.parse(Json.write(((Map<String, Object>) packument.get("versions"))
        .get("1.2.0")).getBytes(StandardCharsets.UTF_8));
    RegistryKeys keys = RegistryKeys.parse(fake.signingKeysJson().getBytes(StandardCharsets.UTF_8));
    ProvenancePolicy policy = ProvenancePolicy.builder().repository("https://github.com/acme/widgets").build();
    assertThat(Verifiers.attestationsVerifier(root).verify(attestations.getBytes(StandardCharsets.UTF_8), version,
        keys, policy).verified()).isTrue();
    Map<String, Object> tampered = Json.readObject(attestations);
    Map<String, Object> envelope = (Map<String, Object>) ((Map<String, Object>) ((List<Map<String, Object>>)
        tampered.get("attestations")).get(1).get("bundle")).get("dsseEnvelope");
    String statement = new String(Base64.getDecoder().decode((String) envelope.get("payload")), StandardCharsets.UTF_8);
    envelope.put("payload", Base64.getEncoder().encodeToString(
        statement.replace("github-hosted", "self-hosted").getBytes(StandardCharsets.UTF_8)));
    assertThat(Verifiers.attestationsVerifier(root).verify(Json.write(tampered).getBytes(StandardCharsets.UTF_8),
        version, keys, policy).verified()).isFalse();
  }

  @Test
  void aDryRunSignsNothing() throws Exception {
    try (NpmRegistryClient client = TestClients.client(fake, job())) {
      PublishResult result = client.publisher().publish(
          PublishRequest.builder(tarball()).access(Access.PUBLIC).provenance(true).dryRun(true).build());
      assertThat(result.outcome()).isEqualTo(PublishOutcome.DRY_RUN);
      assertThat(result.provenance()).isEmpty();
    }
    assertThat(sigstore.journal()).isEmpty();
    assertThat(fake.versions(PKG)).isEmpty();
  }

  @Test
  void aNewPackageWithoutPublicAccessGetsNoProvenanceAndIsNotPublished() throws Exception {
    try (NpmRegistryClient client = TestClients.client(fake, job())) {
      assertThatThrownBy(() -> client.publisher().publish(PublishRequest.builder(tarball()).provenance(true).build()))
          .isInstanceOfSatisfying(ProvenanceException.class,
              e -> assertThat(e.reason()).isEqualTo(ProvenanceFailure.PACKAGE_NOT_PUBLIC));
    }
    assertThat(sigstore.journal()).isEmpty();
    assertThat(fake.versions(PKG)).isEmpty();
  }

  @Test
  void provenanceIsGeneratedOrGivenNotBoth() {
    assertThatThrownBy(() -> PublishRequest.builder(Path.of("x.tgz")).provenance(true).provenanceBundle("{}").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
  }

  @Test
  void aFailedSigningPublishesNothing() throws Exception {
    Map<String, String> env = job();
    env.put("NPMAUTH_REKOR_URL", URI.create(sigstore.url() + "no-rekor-here").toString());
    try (NpmRegistryClient client = TestClients.client(fake, env)) {
      assertThatThrownBy(() -> client.publisher().publish(
          PublishRequest.builder(tarball()).access(Access.PUBLIC).provenance(true).build()))
          .isInstanceOfSatisfying(ProvenanceException.class, e -> {
            assertThat(e.reason()).isEqualTo(ProvenanceFailure.REKOR_REFUSED);
            assertThat(e.status()).contains(404);
          });
    }
    assertThat(fake.versions(PKG)).isEmpty();
  }
}
