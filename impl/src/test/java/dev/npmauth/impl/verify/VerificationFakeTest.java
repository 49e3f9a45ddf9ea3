package dev.npmauth.impl.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.InvalidPackageNameException;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.provenance.AttestationKind;
import dev.npmauth.provenance.CheckName;
import dev.npmauth.provenance.CheckStatus;
import dev.npmauth.provenance.ProvenancePolicy;
import dev.npmauth.provenance.TrustedRoot;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.verify.AttestationStatus;
import dev.npmauth.verify.PackageEvidence;
import dev.npmauth.verify.PackageVerification;
import dev.npmauth.verify.SignatureStatus;
import dev.npmauth.verify.Verifications;
import dev.npmauth.verify.VerifyOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code client.verification().verify(name, version)} against the fake registry. */
@Tag("fake")
class VerificationFakeTest {
  @TempDir
  Path dir;
  private FakeRegistry fake;
  private FakePackages packages;
  private VerifyOptions options;

  @BeforeEach
  void start() {
    fake = FakeRegistry.start();
    packages = new FakePackages(fake, dir);
    TrustedRoot root = TrustedRoots.parse(fake.sigstoreTrustedRoot().getBytes(StandardCharsets.UTF_8));
    options = VerifyOptions.builder().trustedRoot(root).build();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private PackageVerification verify(String name, String version, VerifyOptions o) {
    try (NpmRegistryClient client = packages.client()) {
      return client.verification().verify(name, version, o);
    }
  }

  @Test
  void versionWithProvenanceHasVerifiedSignatureAndAttestations() throws Exception {
    packages.publish("@acme/widgets", "1.0.0", true);
    fake.clearJournal();

    PackageVerification v = verify("@acme/widgets", "1.0.0", options);

    assertThat(v.verified()).as(v.render()).isTrue();
    assertThat(v.signatureStatus()).isEqualTo(SignatureStatus.VERIFIED);
    assertThat(v.attestationStatus()).isEqualTo(AttestationStatus.VERIFIED);
    assertThat(v.checks()).extracting(c -> c.name()).containsExactly(CheckName.NPM_PACKUMENT,
        CheckName.NPM_REGISTRY_KEYS, CheckName.NPM_REGISTRY_SIGNATURE, CheckName.NPM_ATTESTATIONS);
    assertThat(v.attestations().orElseThrow().attestations()).extracting(a -> a.kind())
        .containsExactly(AttestationKind.PUBLISH, AttestationKind.PROVENANCE);
    assertThat(v.attestations().orElseThrow().provenanceCertificate().orElseThrow()
        .sourceRepositoryUri()).contains("https://github.com/acme/widgets");
    assertThat(fake.journal()).extracting(RecordedRequest::path).containsExactly(
        "/@acme%2fwidgets", "/-/npm/v1/keys", "/-/npm/v1/attestations/@acme/widgets@1.0.0");
    RecordedRequest packument = fake.journal().get(0);
    assertThat(packument.header("accept")).contains("application/json");
  }

  @Test
  void versionWithoutProvenanceIsVerifiedByItsSignatureAlone() throws Exception {
    packages.publish("plain", "2.0.0", false);

    PackageVerification v = verify("plain", "2.0.0", options);

    assertThat(v.verified()).as(v.render()).isTrue();
    assertThat(v.attestationStatus()).isEqualTo(AttestationStatus.NONE);
    assertThat(v.check(CheckName.NPM_ATTESTATIONS).orElseThrow().status())
        .isEqualTo(CheckStatus.SKIPPED);
  }

  @Test
  void requiredAttestationsThatAreAbsentFail() throws Exception {
    packages.publish("plain", "2.0.0", false);

    PackageVerification v = verify("plain", "2.0.0",
        VerifyOptions.builder().requireAttestations(true).build());

    assertThat(v.verified()).isFalse();
    assertThat(v.attestationStatus()).isEqualTo(AttestationStatus.MISSING);
    assertThat(v.failedCheck().orElseThrow().detail()).contains("attestations are required");
  }

  @Test
  void corruptedSignatureIsInvalid() throws Exception {
    packages.publish("demo", "1.0.0", false);
    fake.corruptSignature("demo", "1.0.0");

    PackageVerification v = verify("demo", "1.0.0", options);

    assertThat(v.verified()).isFalse();
    assertThat(v.signatureStatus()).isEqualTo(SignatureStatus.INVALID);
    assertThat(v.failedCheck().orElseThrow().name()).isEqualTo(CheckName.NPM_REGISTRY_SIGNATURE);
    assertThat(v.failedCheck().orElseThrow().detail()).contains("demo@1.0.0", "invalid");
  }

  @Test
  void removedSignatureIsMissingWhileTheRegistryHasKeys() throws Exception {
    packages.publish("demo", "1.0.0", false);
    fake.removeSignatures("demo", "1.0.0");

    PackageVerification v = verify("demo", "1.0.0", options);

    assertThat(v.signatureStatus()).isEqualTo(SignatureStatus.MISSING);
    assertThat(v.verified()).isFalse();
  }

  @Test
  void replacedTarballBreaksTheSignatureAndThePublishAttestationSubject() throws Exception {
    packages.publish("demo", "1.0.0", true);
    fake.replaceTarball("demo", "1.0.0", "not the published bytes".getBytes(StandardCharsets.UTF_8));

    PackageVerification v = verify("demo", "1.0.0", options);

    assertThat(v.signatureStatus()).isEqualTo(SignatureStatus.INVALID);
    assertThat(v.attestationStatus()).isEqualTo(AttestationStatus.INVALID);
    // the bundles name the published tarball's sha512, not the new dist.integrity
    assertThat(v.attestations().orElseThrow().failedCheck().orElseThrow().name())
        .isEqualTo(CheckName.ARTIFACT_DIGEST);
  }

  @Test
  void provenanceFromAnotherRepositoryThanThePolicyFails() throws Exception {
    packages.publish("demo", "1.0.0", true);

    PackageVerification v = verify("demo", "1.0.0", VerifyOptions.builder()
        .trustedRoot(options.trustedRoot().orElseThrow())
        .policy(ProvenancePolicy.builder().repository("https://github.com/evil/fork").build())
        .build());

    assertThat(v.attestationStatus()).isEqualTo(AttestationStatus.INVALID);
    assertThat(v.failedCheck().orElseThrow().name()).isEqualTo(CheckName.NPM_PROVENANCE_POLICY);
    assertThat(v.failedCheck().orElseThrow().detail()).contains("evil/fork");
  }

  @Test
  void workflowAndRefPinsHoldForTheRunThatBuiltIt() throws Exception {
    packages.publish("demo", "1.0.0", true);

    PackageVerification good = verify("demo", "1.0.0", VerifyOptions.builder()
        .trustedRoot(options.trustedRoot().orElseThrow())
        .policy(ProvenancePolicy.builder().workflowPath(".github/workflows/release.yml")
            .ref("refs/heads/main").builderId("https://github.com/actions/runner/github-hosted")
            .build()).build());
    PackageVerification wrongRef = verify("demo", "1.0.0", VerifyOptions.builder()
        .trustedRoot(options.trustedRoot().orElseThrow())
        .policy(ProvenancePolicy.builder().ref("refs/tags/v1.0.0").build()).build());

    assertThat(good.verified()).as(good.render()).isTrue();
    assertThat(wrongRef.verified()).isFalse();
    assertThat(wrongRef.failedCheck().orElseThrow().detail()).contains("refs/tags/v1.0.0");
  }

  @Test
  void attestationsAgainstTheWrongTrustedRootAreInvalid() throws Exception {
    packages.publish("demo", "1.0.0", true);

    PackageVerification v = verify("demo", "1.0.0", VerifyOptions.defaults());

    assertThat(v.signatureStatus()).isEqualTo(SignatureStatus.VERIFIED);
    assertThat(v.attestationStatus()).isEqualTo(AttestationStatus.INVALID);
    assertThat(v.verified()).isFalse();
  }

  @Test
  void unknownVersionFailsThePackumentCheckNamingTheVersions() throws Exception {
    packages.publish("demo", "1.0.0", false);

    PackageVerification v = verify("demo", "9.9.9", options);

    assertThat(v.verified()).isFalse();
    assertThat(v.failedCheck().orElseThrow().name()).isEqualTo(CheckName.NPM_PACKUMENT);
    assertThat(v.failedCheck().orElseThrow().detail()).contains("9.9.9", "1.0.0");
  }

  @Test
  void unknownPackageFailsThePackumentCheck() {
    PackageVerification v = verify("nobody-published-this", "1.0.0", options);

    assertThat(v.failedCheck().orElseThrow().name()).isEqualTo(CheckName.NPM_PACKUMENT);
    assertThat(v.failedCheck().orElseThrow().detail()).contains("404");
  }

  @Test
  void keysEndpointAnswering404MeansNoKeysSoSignaturesNameAnUnknownKey() throws Exception {
    packages.publish("demo", "1.0.0", false);
    fake.inject(Fault.on("GET", "/-/npm/v1/keys").status(404).always());

    PackageVerification v = verify("demo", "1.0.0", options);

    assertThat(v.check(CheckName.NPM_REGISTRY_KEYS).orElseThrow().status())
        .isEqualTo(CheckStatus.SKIPPED);
    assertThat(v.signatureStatus()).isEqualTo(SignatureStatus.UNKNOWN_KEY);
  }

  @Test
  void keysEndpointFailingIsAFailedKeysCheck() throws Exception {
    packages.publish("demo", "1.0.0", false);
    fake.inject(Fault.on("GET", "/-/npm/v1/keys").status(500).always());

    PackageVerification v = verify("demo", "1.0.0", options);

    assertThat(v.failedCheck().orElseThrow().name()).isEqualTo(CheckName.NPM_REGISTRY_KEYS);
    assertThat(v.signatureStatus()).isEqualTo(SignatureStatus.NOT_CHECKED);
    assertThat(v.verified()).isFalse();
  }

  @Test
  void offlineFromTheRegistrysDocumentsAgreesWithOnline() throws Exception {
    packages.publish("@acme/widgets", "1.0.0", true);
    PackageEvidence evidence = new PackageEvidence(
        fake.packument("@acme/widgets").orElseThrow().getBytes(StandardCharsets.UTF_8),
        Optional.of("1.0.0"), Optional.of(fake.signingKeysJson().getBytes(StandardCharsets.UTF_8)),
        Optional.of(fake.attestations("@acme/widgets", "1.0.0").orElseThrow()
            .getBytes(StandardCharsets.UTF_8)));

    PackageVerification offline = Verifications.offline(evidence, options);

    assertThat(offline.verified()).as(offline.render()).isTrue();
    assertThat(offline.source()).isEqualTo("offline");
    assertThat(offline.attestationStatus()).isEqualTo(AttestationStatus.VERIFIED);
  }

  @Test
  void offlineWithoutTheAttestationsDocumentSaysWhatIsMissing() throws Exception {
    packages.publish("demo", "1.0.0", true);
    PackageEvidence evidence = new PackageEvidence(
        fake.packument("demo").orElseThrow().getBytes(StandardCharsets.UTF_8), Optional.empty(),
        Optional.of(fake.signingKeysJson().getBytes(StandardCharsets.UTF_8)), Optional.empty());

    PackageVerification offline = Verifications.offline(evidence, options);

    assertThat(offline.verified()).isFalse();
    assertThat(offline.failedCheck().orElseThrow().detail())
        .contains("no attestations document was given");
  }

  @Test
  void invalidNamesAndBlankVersionsAreRefusedBeforeAnyRequest() {
    try (NpmRegistryClient client = packages.client()) {
      assertThatThrownBy(() -> client.verification().verify("Bad Name", "1.0.0"))
          .isInstanceOf(InvalidPackageNameException.class);
      assertThatThrownBy(() -> client.verification().verify("demo", " "))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    }
    assertThat(fake.journal()).isEmpty();
  }
}
