package dev.npmauth.impl.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.provenance.AttestationKind;
import dev.npmauth.provenance.AttestationsResult;
import dev.npmauth.provenance.AttestationsVerifier;
import dev.npmauth.provenance.CheckName;
import dev.npmauth.provenance.FulcioExtension;
import dev.npmauth.provenance.NpmPackageVersion;
import dev.npmauth.provenance.ProvenancePolicy;
import dev.npmauth.provenance.RegistryKeys;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.provenance.VerificationPolicy;
import dev.npmauth.provenance.Verifiers;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link ProvenancePolicy} on real npm attestations from the shared conformance data. */
@Tag("conformance")
class ProvenancePolicyTest {
  private Path npm;
  private AttestationsVerifier verifier;
  private RegistryKeys keys;

  @BeforeEach
  void setUp() throws Exception {
    npm = ConformanceCases.root().resolve("npm");
    verifier = Verifiers.attestationsVerifier(
        TrustedRoots.fromFile(npm.resolve("trusted-roots/production.trusted_root.json")));
    keys = RegistryKeys.parse(ConformanceCases.read(npm.resolve("keys/public-registry.keys.json")));
  }

  private AttestationsResult verify(String id, NpmPackageVersion version, ProvenancePolicy policy) {
    return verifier.verify(ConformanceCases.read(npm.resolve("attestations/" + id + ".json")),
        version, keys, policy);
  }

  private NpmPackageVersion pkg(String id) {
    return NpmPackageVersion.parse(ConformanceCases.read(npm.resolve("packages/" + id + ".json")));
  }

  @Test
  void packageRepositoryFieldIsTheDefaultExpectation() {
    NpmPackageVersion v = pkg("gundam-visor-cli-v1-tag")
        .withRepository("git+https://github.com/ramonpetgrave64/gundam-visor.git");
    AttestationsResult r = verify("gundam-visor-cli-v1-tag", v, ProvenancePolicy.defaults());
    assertThat(r.failedCheck()).isEmpty();
    assertThat(r.verified()).isTrue();
    assertThat(r.provenanceCertificate().orElseThrow().sourceRepositoryUri())
        .contains("https://github.com/ramonpetgrave64/gundam-visor");
    assertThat(r.attestations()).extracting(a -> a.kind())
        .containsExactlyInAnyOrder(AttestationKind.PUBLISH, AttestationKind.PROVENANCE);
  }

  @Test
  void provenanceFromAnotherRepositoryFails() {
    NpmPackageVersion v = pkg("gundam-visor-cli-v1-tag").withRepository("github:someone/else");
    AttestationsResult r = verify("gundam-visor-cli-v1-tag", v, ProvenancePolicy.defaults());
    assertThat(r.failedCheck().orElseThrow().name()).isEqualTo(CheckName.NPM_PROVENANCE_POLICY);
    assertThat(r.failedCheck().orElseThrow().detail()).contains("https://github.com/someone/else");
  }

  @Test
  void unknownRepositoryWithoutIdentityFailsUnlessAnyIdentityIsAccepted() {
    NpmPackageVersion v = pkg("gundam-visor-cli-v1-tag");
    AttestationsResult strict = verify("gundam-visor-cli-v1-tag", v, ProvenancePolicy.defaults());
    assertThat(strict.failedCheck().orElseThrow().detail()).contains("no expected repository");
    AttestationsResult lax = verify("gundam-visor-cli-v1-tag", v,
        ProvenancePolicy.builder().acceptAnyIdentity().build());
    assertThat(lax.verified()).isTrue();
  }

  @Test
  void workflowRefAndBuilderArePinned() {
    NpmPackageVersion v = pkg("gundam-visor-cli-v1-tag");
    ProvenancePolicy.Builder base = ProvenancePolicy.builder()
        .repository("https://github.com/ramonpetgrave64/gundam-visor");
    assertThat(verify("gundam-visor-cli-v1-tag", v, base.workflowPath(".github/workflows/npm-publish.yml")
        .ref("refs/tags/v1.0.1").builderId("https://github.com/actions/runner/github-hosted").build())
        .verified()).isTrue();
    assertThat(verify("gundam-visor-cli-v1-tag", v, ProvenancePolicy.builder()
        .repository("https://github.com/ramonpetgrave64/gundam-visor")
        .workflowPath(".github/workflows/other.yml").build()).failedCheck().orElseThrow().detail())
        .contains("workflow");
    assertThat(verify("gundam-visor-cli-v1-tag", v, ProvenancePolicy.builder()
        .repository("https://github.com/ramonpetgrave64/gundam-visor").ref("refs/heads/main").build())
        .failedCheck().orElseThrow().detail()).contains("ref");
    assertThat(verify("gundam-visor-cli-v1-tag", v, ProvenancePolicy.builder()
        .repository("https://github.com/ramonpetgrave64/gundam-visor")
        .builderId("https://github.com/actions/runner/self-hosted").build())
        .failedCheck().orElseThrow().detail()).contains("builder");
  }

  @Test
  void oldCertificatesWithoutSourceRepositoryExtensionUseTheWorkflowRepository() {
    AttestationsResult r = verify("sigstore-1.0.0", pkg("sigstore-1.0.0"), ProvenancePolicy.builder()
        .repository("https://github.com/sigstore/sigstore-js")
        .workflowPath(".github/workflows/publish.yml").ref("refs/tags/v1.0.0").build());
    assertThat(r.failedCheck()).isEmpty();
  }

  @Test
  void explicitIdentityIsCheckedOnTheProvenanceCertificate() {
    NpmPackageVersion v = pkg("provenance-npm-test-ossf");
    VerificationPolicy reusable = VerificationPolicy.builder()
        .issuer("https://token.actions.githubusercontent.com")
        .subjectAlternativeNamePattern(Pattern.compile(
            "https://github\\.com/slsa-framework/slsa-github-generator/\\.github/workflows/.*@refs/tags/v.*"))
        .build();
    assertThat(verify("provenance-npm-test-ossf", v, ProvenancePolicy.builder().identity(reusable).build())
        .verified()).isTrue();
    VerificationPolicy wrong = VerificationPolicy.builder()
        .issuer("https://token.actions.githubusercontent.com")
        .requireExtension(FulcioExtension.GITHUB_WORKFLOW_REPOSITORY, "someone/else").build();
    AttestationsResult r = verify("provenance-npm-test-ossf", v, ProvenancePolicy.builder().identity(wrong).build());
    assertThat(r.failedCheck().orElseThrow().name()).isEqualTo(CheckName.IDENTITY_POLICY);
  }

  @Test
  void missingRegistryKeyFailsThePublishAttestation() {
    AttestationsResult r = verifier.verify(
        ConformanceCases.read(npm.resolve("attestations/sigstore-1.0.0.json")), pkg("sigstore-1.0.0"),
        new RegistryKeys(java.util.List.of()), ProvenancePolicy.builder().acceptAnyIdentity().build());
    assertThat(r.failedCheck().orElseThrow().name()).isEqualTo(CheckName.NPM_REGISTRY_KEY);
  }

  @Test
  void expiredRegistryKeyFailsAtTheIntegratedTime() {
    // the publish attestation was logged 2023-02-09; pretend the key expired a day earlier
    String json = "{\"keys\":[{\"expires\":\"2023-02-08T00:00:00.000Z\","
        + "\"keyid\":\"SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA\","
        + "\"keytype\":\"ecdsa-sha2-nistp256\",\"scheme\":\"ecdsa-sha2-nistp256\",\"key\":\""
        + keys.keys().get(0).keyBase64() + "\"}]}";
    AttestationsResult r = verifier.verify(
        ConformanceCases.read(npm.resolve("attestations/sigstore-1.0.0.json")), pkg("sigstore-1.0.0"),
        RegistryKeys.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        ProvenancePolicy.builder().acceptAnyIdentity().build());
    assertThat(r.failedCheck().orElseThrow().name()).isEqualTo(CheckName.NPM_REGISTRY_KEY);
    assertThat(r.failedCheck().orElseThrow().detail()).contains("expired");
  }

  @Test
  void notRequiringProvenanceAcceptsAResponseWithoutIt() {
    String onlyPublish = new String(ConformanceCases.read(npm.resolve("attestations/sigstore-1.0.0.json")),
        java.nio.charset.StandardCharsets.UTF_8);
    // keep only the publish attestation (the second entry)
    Object tree = ConformanceCases.json(onlyPublish.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    @SuppressWarnings("unchecked")
    java.util.List<Object> list = (java.util.List<Object>) ((java.util.Map<String, Object>) tree).get("attestations");
    list.remove(0);
    byte[] response = MutationTest.write(tree);
    AttestationsResult required = verifier.verify(response, pkg("sigstore-1.0.0"), keys,
        ProvenancePolicy.builder().acceptAnyIdentity().build());
    assertThat(required.failedCheck().orElseThrow().name()).isEqualTo(CheckName.NPM_PROVENANCE_PRESENT);
    AttestationsResult optional = verifier.verify(response, pkg("sigstore-1.0.0"), keys,
        ProvenancePolicy.builder().requireProvenance(false).build());
    assertThat(optional.verified()).isTrue();
  }
}
