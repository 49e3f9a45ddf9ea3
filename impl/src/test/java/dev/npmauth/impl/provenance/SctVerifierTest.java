package dev.npmauth.impl.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.impl.provenance.Certificates.Cert;
import dev.npmauth.impl.provenance.TrustedRootImpl.LogKey;
import dev.npmauth.provenance.HashAlgorithm;
import dev.npmauth.provenance.ValidityWindow;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

class SctVerifierTest {
  private final FakeSigstore sigstore = new FakeSigstore();

  private LogKey ctLog(KeyPair key, Instant start) {
    return new LogKey("https://fake-ct.test", HashAlgorithm.SHA2_256, "PKIX_ECDSA_P256_SHA_256",
        key.getPublic(), FakeSigstore.sha256(key.getPublic().getEncoded()), null,
        ValidityWindow.from(start));
  }

  private Cert[] leafAndIssuer(FakeSigstore.Leaf spec) throws Exception {
    X509CertificateHolder leaf = sigstore.issue(spec, FakeSigstore.ec());
    return new Cert[] {Certificates.parse(leaf.getEncoded()), Certificates.parse(sigstore.ca.getEncoded())};
  }

  @Test
  void embeddedSctVerifiesWithTheCtLogKey() throws Exception {
    Cert[] c = leafAndIssuer(new FakeSigstore.Leaf());
    SctVerifier.Outcome o = SctVerifier.verify(c[0], c[1], List.of(ctLog(sigstore.ctKey, sigstore.caStart)));
    assertThat(o.problem).isNull();
    assertThat(o.verified).isEqualTo(1);
  }

  @Test
  void precertificateIsTheTbsWithoutTheSctExtension() throws Exception {
    FakeSigstore.Leaf spec = new FakeSigstore.Leaf();
    KeyPair key = FakeSigstore.ec();
    X509CertificateHolder leaf = sigstore.issue(spec, key);
    Extension sct = leaf.getExtension(new ASN1ObjectIdentifier(SctVerifier.OID_SCT_LIST));
    byte[] rebuilt = SctVerifier.precertificateTbs(Certificates.parse(leaf.getEncoded()), sct);
    assertThat(rebuilt).isNotEqualTo(leaf.toASN1Structure().getTBSCertificate().getEncoded());
    // the rebuilt TBS parses back without the SCT extension and with everything else
    org.bouncycastle.asn1.x509.TBSCertificate tbs =
        org.bouncycastle.asn1.x509.TBSCertificate.getInstance(rebuilt);
    assertThat(tbs.getExtensions().getExtension(sct.getExtnId())).isNull();
    assertThat(tbs.getExtensions().getExtensionOIDs()).hasSize(
        leaf.getExtensions().getExtensionOIDs().length - 1);
    assertThat(tbs.getSerialNumber().getValue()).isEqualTo(leaf.getSerialNumber());
  }

  @Test
  void wrongCtKeyFails() throws Exception {
    Cert[] c = leafAndIssuer(new FakeSigstore.Leaf());
    KeyPair other = FakeSigstore.ec();
    // same log id, different key: the signature must not verify
    LogKey impostor = new LogKey("https://fake-ct.test", HashAlgorithm.SHA2_256,
        "PKIX_ECDSA_P256_SHA_256", other.getPublic(),
        FakeSigstore.sha256(sigstore.ctKey.getPublic().getEncoded()), null,
        ValidityWindow.from(sigstore.caStart));
    assertThat(SctVerifier.verify(c[0], c[1], List.of(impostor)).problem).contains("does not verify");
    assertThat(SctVerifier.verify(c[0], c[1], List.of(ctLog(other, sigstore.caStart))).problem)
        .contains("not from a trusted CT log");
  }

  @Test
  void ctKeyNotYetValidAtTheSctTimeFails() throws Exception {
    Cert[] c = leafAndIssuer(new FakeSigstore.Leaf());
    LogKey late = ctLog(sigstore.ctKey, Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(SctVerifier.verify(c[0], c[1], List.of(late)).problem).contains("valid at");
  }

  @Test
  void wrongIssuerKeyHashFails() throws Exception {
    Cert[] c = leafAndIssuer(new FakeSigstore.Leaf());
    FakeSigstore otherCa = new FakeSigstore();
    Cert wrongIssuer = Certificates.parse(otherCa.ca.getEncoded());
    assertThat(SctVerifier.verify(c[0], wrongIssuer, List.of(ctLog(sigstore.ctKey, sigstore.caStart))).problem)
        .isNotNull();
  }

  @Test
  void certificateWithoutSctFails() throws Exception {
    FakeSigstore.Leaf spec = new FakeSigstore.Leaf();
    spec.sct = false;
    Cert[] c = leafAndIssuer(spec);
    assertThat(SctVerifier.verify(c[0], c[1], List.of(ctLog(sigstore.ctKey, sigstore.caStart))).problem)
        .contains("no embedded SCT");
  }

  @Test
  void sctListParsingRejectsTruncationAndLengthMismatch() throws Exception {
    X509CertificateHolder leaf = sigstore.issue(new FakeSigstore.Leaf(), FakeSigstore.ec());
    byte[] list = ASN1OctetString.getInstance(leaf.getExtension(
        new ASN1ObjectIdentifier(SctVerifier.OID_SCT_LIST)).getExtnValue().getOctets()).getOctets();
    List<SctVerifier.Sct> scts = SctVerifier.parseList(list);
    assertThat(scts).hasSize(1);
    assertThat(scts.get(0).hashAlgorithm).isEqualTo(4);
    assertThat(scts.get(0).signatureAlgorithm).isEqualTo(3);
    assertThat(scts.get(0).logId).isEqualTo(FakeSigstore.sha256(sigstore.ctKey.getPublic().getEncoded()));
    byte[] truncated = java.util.Arrays.copyOf(list, list.length - 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SctVerifier.parseList(truncated))
        .isInstanceOf(SctVerifier.MalformedSct.class);
  }

  @Test
  void sctExtensionsAreCoveredByTheSignature() {
    SctVerifier.Sct plain = new SctVerifier.Sct(0, new byte[32], 5, new byte[0], 4, 3, new byte[0]);
    SctVerifier.Sct withExt = new SctVerifier.Sct(0, new byte[32], 5, new byte[] {9, 9}, 4, 3,
        new byte[0]);
    byte[] a = SctVerifier.signedData(plain, new byte[32], new byte[] {1});
    byte[] b = SctVerifier.signedData(withExt, new byte[32], new byte[] {1});
    assertThat(b).hasSize(a.length + 2);
    assertThat(b[b.length - 3]).isEqualTo((byte) 2); // extensions length low byte
    assertThat(b[b.length - 1]).isEqualTo((byte) 9);
  }
}
