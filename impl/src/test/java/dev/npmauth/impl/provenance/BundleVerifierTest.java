package dev.npmauth.impl.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.provenance.Artifact;
import dev.npmauth.provenance.BundleParseException;
import dev.npmauth.provenance.BundleVerifier;
import dev.npmauth.provenance.Check;
import dev.npmauth.provenance.CheckName;
import dev.npmauth.provenance.CheckStatus;
import dev.npmauth.provenance.FulcioExtension;
import dev.npmauth.provenance.PublicKeyMaterial;
import dev.npmauth.provenance.SigstoreBundle;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.provenance.VerificationPolicy;
import dev.npmauth.provenance.VerificationResult;
import dev.npmauth.provenance.Verifiers;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole-bundle verification against a generated Sigstore (no shared data needed). */
class BundleVerifierTest {
  static final String SAN =
      "https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1.0.0";
  static final byte[] ARTIFACT = "hello, npm\n".getBytes(StandardCharsets.UTF_8);

  private FakeSigstore sigstore;
  private BundleVerifier verifier;

  @BeforeEach
  void setUp() throws Exception {
    sigstore = new FakeSigstore();
    verifier = Verifiers.bundleVerifier(TrustedRoots.parse(sigstore.trustedRoot()));
  }

  private VerificationResult verify(FakeSigstore.Leaf spec, boolean v03, VerificationPolicy p)
      throws Exception {
    return verifier.verify(sigstore.sign(ARTIFACT, spec, v03).bundleJson, Artifact.ofBytes(ARTIFACT), p);
  }

  private static VerificationPolicy exact() {
    return VerificationPolicy.keyless(FakeSigstore.ISSUER, SAN);
  }

  @Test
  void v01BundleWithSetVerifiesAndNamesEveryCheck() throws Exception {
    VerificationResult r = verify(new FakeSigstore.Leaf(), false, exact());
    assertThat(r.failedCheck()).isEmpty();
    assertThat(r.verified()).isTrue();
    assertThat(r.checks()).extracting(Check::name).containsExactlyElementsOf(DefaultBundleVerifier.ORDER);
    assertThat(r.check(CheckName.SET).orElseThrow().status()).isEqualTo(CheckStatus.PASSED);
    assertThat(r.check(CheckName.TLOG_INCLUSION_PROOF).orElseThrow().status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(r.timestamps()).hasSize(1);
    assertThat(r.certificate().orElseThrow().sourceRepositoryUri()).contains("https://github.com/acme/widget");
  }

  @Test
  void v03BundleWithInclusionProofAndCheckpointVerifies() throws Exception {
    VerificationResult r = verify(new FakeSigstore.Leaf(), true, exact());
    assertThat(r.failedCheck()).isEmpty();
    assertThat(r.check(CheckName.CHECKPOINT).orElseThrow().status()).isEqualTo(CheckStatus.PASSED);
    assertThat(r.check(CheckName.TLOG_INCLUSION_PROOF).orElseThrow().status()).isEqualTo(CheckStatus.PASSED);
  }

  @Test
  void digestOnlyArtifactVerifiesLikeTheBytes() throws Exception {
    byte[] bundle = sigstore.sign(ARTIFACT, new FakeSigstore.Leaf(), true).bundleJson;
    Artifact digest = Artifact.ofDigest("sha256:" + Bytes.hex(FakeSigstore.sha256(ARTIFACT)));
    assertThat(verifier.verify(bundle, digest, exact()).verified()).isTrue();
  }

  @Test
  void otherArtifactFails() throws Exception {
    byte[] bundle = sigstore.sign(ARTIFACT, new FakeSigstore.Leaf(), false).bundleJson;
    VerificationResult r = verifier.verify(bundle, Artifact.ofBytes("other".getBytes(StandardCharsets.UTF_8)), exact());
    assertThat(r.verified()).isFalse();
    assertThat(r.failedCheck().orElseThrow().name()).isEqualTo(CheckName.TLOG_BODY_MATCHES);
  }

  @Test
  void exactSanMismatchFailsIdentityPolicy() throws Exception {
    VerificationResult r = verify(new FakeSigstore.Leaf(), false,
        VerificationPolicy.keyless(FakeSigstore.ISSUER, SAN.replace("v1.0.0", "v1.0.1")));
    assertThat(r.failedCheck().orElseThrow().name()).isEqualTo(CheckName.IDENTITY_POLICY);
    assertThat(r.failedCheck().orElseThrow().detail()).contains(SAN);
  }

  @Test
  void sanPatternMustMatchTheWholeSan() throws Exception {
    FakeSigstore.Leaf spec = new FakeSigstore.Leaf();
    assertThat(verify(spec, false, VerificationPolicy.keylessMatching(FakeSigstore.ISSUER,
        Pattern.compile("https://github\\.com/acme/widget/\\.github/workflows/release\\.yml@refs/tags/v.*")))
        .verified()).isTrue();
    // a pattern that only occurs inside the SAN does not match: patterns are anchored
    VerificationResult partial = verify(spec, false, VerificationPolicy.keylessMatching(
        FakeSigstore.ISSUER, Pattern.compile("acme/widget")));
    assertThat(partial.failedCheck().orElseThrow().name()).isEqualTo(CheckName.IDENTITY_POLICY);
  }

  @Test
  void issuerMustMatchExactly() throws Exception {
    VerificationResult r = verify(new FakeSigstore.Leaf(), false,
        VerificationPolicy.keyless("https://token.actions.githubusercontent.com/", SAN));
    assertThat(r.failedCheck().orElseThrow().name()).isEqualTo(CheckName.IDENTITY_POLICY);
    assertThat(r.failedCheck().orElseThrow().detail()).contains("issuer");
  }

  @Test
  void requiredExtensionsMustBePresentWithTheExactValue() throws Exception {
    VerificationPolicy ok = VerificationPolicy.builder().issuer(FakeSigstore.ISSUER)
        .subjectAlternativeName(SAN)
        .requireExtension(FulcioExtension.SOURCE_REPOSITORY_URI, "https://github.com/acme/widget")
        .requireExtension(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/tags/v1.0.0").build();
    assertThat(verify(new FakeSigstore.Leaf(), false, ok).verified()).isTrue();
    VerificationPolicy wrong = VerificationPolicy.builder().issuer(FakeSigstore.ISSUER)
        .requireExtension(FulcioExtension.SOURCE_REPOSITORY_URI, "https://github.com/acme/other").build();
    assertThat(verify(new FakeSigstore.Leaf(), false, wrong).failedCheck().orElseThrow().detail())
        .contains("SOURCE_REPOSITORY_URI");
    VerificationPolicy absent = VerificationPolicy.builder().issuer(FakeSigstore.ISSUER)
        .requireExtension(FulcioExtension.DEPLOYMENT_ENVIRONMENT, "production").build();
    assertThat(verify(new FakeSigstore.Leaf(), false, absent).failedCheck().orElseThrow().detail())
        .contains("absent");
  }

  @Test
  void certificateWithoutSctFailsTheSctCheck() throws Exception {
    FakeSigstore.Leaf spec = new FakeSigstore.Leaf();
    spec.sct = false;
    assertThat(verify(spec, false, exact()).failedCheck().orElseThrow().name()).isEqualTo(CheckName.SCT);
  }

  @Test
  void certificateWithoutCodeSigningUsageIsRejected() throws Exception {
    FakeSigstore.Leaf spec = new FakeSigstore.Leaf();
    spec.codeSigning = false;
    Check failed = verify(spec, false, exact()).failedCheck().orElseThrow();
    assertThat(failed.name()).isEqualTo(CheckName.CERTIFICATE_CHAIN);
    assertThat(failed.detail()).contains("code signing");
  }

  @Test
  void precertificateWithCriticalPoisonIsNotASigningCertificate() throws Exception {
    FakeSigstore.Leaf spec = new FakeSigstore.Leaf();
    spec.precertificatePoison = true;
    spec.sct = false;
    Check failed = verify(spec, false, exact()).failedCheck().orElseThrow();
    assertThat(failed.name()).isEqualTo(CheckName.CERTIFICATE_CHAIN);
    assertThat(failed.detail()).contains("critical").contains("1.3.6.1.4.1.11129.2.4.3");
  }

  @Test
  void certificateFromAnotherCaDoesNotChain() throws Exception {
    FakeSigstore other = new FakeSigstore();
    byte[] bundle = other.sign(ARTIFACT, new FakeSigstore.Leaf(), false).bundleJson;
    VerificationResult r = verifier.verify(bundle, Artifact.ofBytes(ARTIFACT), exact());
    assertThat(r.verified()).isFalse();
    // the foreign Rekor key fails first: nothing of the other instance is trusted
    assertThat(r.failedCheck().orElseThrow().name()).isEqualTo(CheckName.SET);
  }

  @Test
  void certificateExpiredAtTheIntegratedTimeFails() throws Exception {
    FakeSigstore.Leaf spec = new FakeSigstore.Leaf();
    // the leaf lives ten minutes; the entry is logged after that
    spec.integratedAfterNotBefore = 601;
    Check failed = verify(spec, false, exact()).failedCheck().orElseThrow();
    assertThat(failed.name()).isEqualTo(CheckName.CERTIFICATE_VALIDITY_AT_SIGNING_TIME);
    spec.integratedAfterNotBefore = 600;
    assertThat(verify(spec, false, exact()).verified()).as("notAfter itself is inside").isTrue();
  }

  @Test
  void signingTimeBeforeTheLogKeyWindowFailsTheSet() throws Exception {
    FakeSigstore.Leaf spec = new FakeSigstore.Leaf();
    // every key of the fake root is trusted from 2024-01-01
    spec.notBefore = java.time.Instant.parse("2023-06-01T00:00:00Z");
    assertThat(verify(spec, false, exact()).failedCheck().orElseThrow().name()).isEqualTo(CheckName.SET);
  }

  @Test
  void keySignedBundleNeedsAManagedKeyPolicy() throws Exception {
    VerificationPolicy keyPolicy = VerificationPolicy.publicKey(
        PublicKeyMaterial.of(FakeSigstore.ec().getPublic()));
    VerificationResult r = verify(new FakeSigstore.Leaf(), false, keyPolicy);
    assertThat(r.failedCheck().orElseThrow().name()).isEqualTo(CheckName.PUBLIC_KEY);
  }

  @Test
  void malformedJsonIsAFailedParseCheckNotAnException() {
    VerificationResult r = verifier.verify("{\"mediaType\":".getBytes(StandardCharsets.UTF_8),
        Artifact.ofBytes(ARTIFACT), exact());
    assertThat(r.verified()).isFalse();
    assertThat(r.failedCheck().orElseThrow().name()).isEqualTo(CheckName.BUNDLE_PARSE);
    assertThat(r.checks()).filteredOn(c -> c.status() == CheckStatus.SKIPPED)
        .hasSize(DefaultBundleVerifier.ORDER.size() - 1);
  }

  @Test
  void invalidBase64AndNegativeIndexesAreParseErrors() {
    assertThatThrownBy(() -> verifier.parse(
        "{\"messageSignature\":{\"signature\":\"!!!\"}}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BundleParseException.class).hasMessageContaining("messageSignature.signature");
    assertThatThrownBy(() -> verifier.parse(("{\"verificationMaterial\":{\"tlogEntries\":"
        + "[{\"logIndex\":\"-1\"}]}}").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BundleParseException.class).hasMessageContaining("negative");
  }

  @Test
  void parsedBundleCanBeVerifiedAgain() throws Exception {
    SigstoreBundle parsed = verifier.parse(sigstore.sign(ARTIFACT, new FakeSigstore.Leaf(), true).bundleJson);
    assertThat(parsed.contentKind()).isEqualTo(SigstoreBundle.ContentKind.MESSAGE_SIGNATURE);
    assertThat(verifier.verify(parsed, Artifact.ofBytes(ARTIFACT), exact()).verified()).isTrue();
    assertThat(verifier.verify(parsed, Artifact.ofBytes(new byte[1]), exact()).verified()).isFalse();
  }

  @Test
  void policiesRejectIncompleteOrMixedIdentities() {
    assertThatThrownBy(() -> VerificationPolicy.builder().subjectAlternativeName(SAN).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issuer");
    assertThatThrownBy(() -> VerificationPolicy.builder().issuer(FakeSigstore.ISSUER).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VerificationPolicy.builder().issuer(FakeSigstore.ISSUER)
        .subjectAlternativeName(SAN).subjectAlternativeNamePattern(Pattern.compile(".*")).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
