package dev.npmauth.impl.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.provenance.FulcioCertificateInfo;
import dev.npmauth.provenance.FulcioExtension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

class FulcioCertificatesTest {
  private final FakeSigstore sigstore = new FakeSigstore();

  private FulcioCertificateInfo info(FakeSigstore.Leaf spec) throws Exception {
    return Certificates.fulcioInfo(Certificates.parse(
        sigstore.issue(spec, FakeSigstore.ec()).getEncoded()));
  }

  @Test
  void rawAndDerExtensionsDecodeToText() throws Exception {
    FakeSigstore.Leaf spec = new FakeSigstore.Leaf();
    spec.extensions.put(5, "acme/widget");
    spec.extensions.put(11, "github-hosted");
    FulcioCertificateInfo i = info(spec);
    assertThat(i.get(FulcioExtension.ISSUER_V1)).contains(FakeSigstore.ISSUER);
    assertThat(i.get(FulcioExtension.ISSUER)).contains(FakeSigstore.ISSUER);
    assertThat(i.get(FulcioExtension.GITHUB_WORKFLOW_REPOSITORY)).contains("acme/widget");
    assertThat(i.runnerEnvironment()).contains("github-hosted");
    assertThat(i.sourceRepositoryUri()).contains("https://github.com/acme/widget");
    assertThat(i.sourceRepositoryRef()).contains("refs/tags/v1.0.0");
    assertThat(i.buildConfigUri()).contains(
        "https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1.0.0");
    assertThat(i.subjectAlternativeName()).isEqualTo(
        "https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1.0.0");
  }

  @Test
  void issuerFallsBackToTheDeprecatedExtension() throws Exception {
    FakeSigstore.Leaf spec = new FakeSigstore.Leaf();
    spec.extensions.remove(8);
    spec.extensions.put(1, "https://accounts.example");
    assertThat(info(spec).issuer()).contains("https://accounts.example");
  }

  @Test
  void oldGithubCertificateDerivesTheRepositoryFromTheWorkflowRepository() throws Exception {
    FakeSigstore.Leaf spec = new FakeSigstore.Leaf();
    spec.extensions.clear();
    spec.extensions.put(1, FakeSigstore.ISSUER);
    spec.extensions.put(5, "sigstore/sigstore-js");
    spec.extensions.put(6, "refs/tags/v1.0.0");
    FulcioCertificateInfo i = info(spec);
    assertThat(i.sourceRepositoryUri()).contains("https://github.com/sigstore/sigstore-js");
    assertThat(i.sourceRepositoryRef()).contains("refs/tags/v1.0.0");
    assertThat(i.get(FulcioExtension.SOURCE_REPOSITORY_URI)).isEmpty();
  }

  @Test
  void emailAndUsernameSansAreRead() throws Exception {
    FakeSigstore.Leaf spec = new FakeSigstore.Leaf();
    spec.san = new GeneralName(GeneralName.rfc822Name, "dev@example.com");
    assertThat(info(spec).subjectAlternativeName()).isEqualTo("dev@example.com");
    spec.san = FakeSigstore.usernameSan("octocat!example.com");
    assertThat(info(spec).subjectAlternativeName()).isEqualTo("octocat!example.com");
  }

  @Test
  void extensionOidsAreTheFulcioArc() {
    assertThat(FulcioExtension.SOURCE_REPOSITORY_URI.oid()).isEqualTo("1.3.6.1.4.1.57264.1.12");
    assertThat(FulcioExtension.fromOid("1.3.6.1.4.1.57264.1.9")).contains(FulcioExtension.BUILD_SIGNER_URI);
    assertThat(FulcioExtension.fromOid("1.3.6.1.4.1.57264.1.7")).isEmpty();
    assertThat(FulcioExtension.GITHUB_WORKFLOW_REF.derEncoded()).isFalse();
    assertThat(FulcioExtension.ISSUER.derEncoded()).isTrue();
  }
}
