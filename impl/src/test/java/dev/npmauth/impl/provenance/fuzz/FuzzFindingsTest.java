package dev.npmauth.impl.provenance.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.impl.provenance.fuzz.FuzzSeeds.BundleSeed;
import dev.npmauth.provenance.CheckName;
import dev.npmauth.provenance.TrustedRootException;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.provenance.VerificationResult;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the fuzz targets found, pinned as plain tests: certificates whose extension values are
 * not what their OID promises (a key identifier that is a tagged object, basic constraints with a
 * stray tag). BouncyCastle decodes those lazily and throws {@link IllegalArgumentException}; it
 * escaped {@link TrustedRoots#parse} instead of a {@link TrustedRootException}, and in a bundle
 * it reached the verifier's last-resort handler instead of a named failed check.
 */
@Tag("fuzz")
class FuzzFindingsTest {
  private static final byte[] TAGGED_KEY_ID = der(new DERTaggedObject(0,
      new DEROctetString(new byte[] {1, 2, 3, 4})));
  private static final byte[] STRAY_TAG = {0x30, 0x03, (byte) 0x82, 0x01, 0x00};
  /** A UTF8String whose bytes are not UTF-8 (0xC3 0x28), as the fuzzer found it in a subject. */
  private static final org.bouncycastle.asn1.ASN1Encodable NOT_UTF8 = utf8StringOf(
      new byte[] {0x0C, 0x02, (byte) 0xC3, 0x28});

  @Test
  void trustedRootWithAMalformedSubjectKeyIdentifierIsATrustedRootException() throws Exception {
    String root = rootWithCa(certificate(Extension.subjectKeyIdentifier, TAGGED_KEY_ID));
    assertThatThrownBy(() -> TrustedRoots.parse(root.getBytes(UTF_8)))
        .isInstanceOf(TrustedRootException.class)
        .hasMessageContaining("certificateAuthorities[0]");
  }

  @Test
  void trustedRootWithMalformedBasicConstraintsIsATrustedRootException() throws Exception {
    String root = rootWithCa(certificate(Extension.basicConstraints, STRAY_TAG));
    assertThatThrownBy(() -> TrustedRoots.parse(root.getBytes(UTF_8)))
        .isInstanceOf(TrustedRootException.class);
  }

  @Test
  void trustedRootWithACertificateNameThatIsNotUtf8IsATrustedRootException() throws Exception {
    String root = rootWithCa(certificateNamed(new X500Name(new org.bouncycastle.asn1.x500.RDN[] {
        new org.bouncycastle.asn1.x500.RDN(org.bouncycastle.asn1.x500.style.BCStyle.CN,
            NOT_UTF8)})));
    assertThatThrownBy(() -> TrustedRoots.parse(root.getBytes(UTF_8)))
        .isInstanceOf(TrustedRootException.class)
        .hasMessageContaining("certificateAuthorities[0]")
        .hasMessageContaining("names do not decode");
  }

  @Test
  void aCaSignatureThatIsNotWholeBytesIsAChainProblemNotAnUncheckedException() throws Exception {
    // Found by the trusted-root target: BouncyCastle's getSignature() threw IllegalStateException.
    org.bouncycastle.asn1.x509.Certificate ca = org.bouncycastle.asn1.x509.Certificate.getInstance(
        certificate(Extension.subjectKeyIdentifier, der(new DEROctetString(new byte[] {1, 2, 3, 4}))));
    byte[] padded = der(new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
        ca.getTBSCertificate(), ca.getSignatureAlgorithm(),
        new org.bouncycastle.asn1.DERBitString(ca.getSignature().getBytes(), 1)}));
    // a chain of two with the same name, so the first one's signature is checked with the second's key
    String root = rootWithCa(padded, certificate(Extension.subjectKeyIdentifier,
        der(new DEROctetString(new byte[] {5, 6, 7, 8}))));
    // The chain is kept with its problem noted (as for any chain that does not verify): parsing
    // neither fails nor lets BouncyCastle's exception out.
    assertThatCode(() -> TrustedRoots.parse(root.getBytes(UTF_8))).doesNotThrowAnyException();
    // Found by the same target later: printing the parsed root called BouncyCastle's toString() of
    // that certificate, whose getSignature() threw. The authority names its chain by subject.
    String printed = TrustedRoots.parse(root.getBytes(UTF_8)).certificateAuthorities().toString();
    assertThat(printed).contains("certificates=[CN=finding,O=fuzz (serial 2), CN=finding,O=fuzz (serial 2)]");
  }

  @Test
  void leafWithAMalformedAuthorityKeyIdentifierFailsTheCertificateChainCheck() throws Exception {
    VerificationResult r = verifyWithLeaf(certificate(Extension.authorityKeyIdentifier,
        TAGGED_KEY_ID));
    Invariants.bundle(r, "malformed authority key identifier");
    assertThat(r.failedCheck().orElseThrow().name()).isEqualTo(CheckName.CERTIFICATE_CHAIN);
    assertThat(r.failedCheck().orElseThrow().detail()).contains("do not decode");
  }

  @Test
  void leafWithMalformedKeyUsageFailsTheCertificateChainCheck() throws Exception {
    VerificationResult r = verifyWithLeaf(certificate(Extension.keyUsage, TAGGED_KEY_ID));
    Invariants.bundle(r, "malformed key usage");
    assertThat(r.failedCheck().orElseThrow().name()).isEqualTo(CheckName.CERTIFICATE_CHAIN);
    assertThat(r.failedCheck().orElseThrow().detail()).contains("does not decode");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anIntegratedTimeLaterThanAnyInstantIsAParseFailureNotAnUnexpectedError() {
    // Found by the bundle-mutation target in CI: the SET check's Instant.ofEpochSecond threw
    // DateTimeException, which surfaced as "SET FAILED: unexpected error".
    FuzzSeeds seeds = FuzzSeeds.get();
    BundleSeed seed = seeds.bundles.get(0);
    for (String time : List.of(String.valueOf(Instant.MAX.getEpochSecond() + 1), String.valueOf(Long.MAX_VALUE))) {
      Map<String, Object> tree = (Map<String, Object>) JsonMutator.parse(seed.json());
      Map<String, Object> vm = (Map<String, Object>) tree.get("verificationMaterial");
      ((Map<String, Object>) ((List<Object>) vm.get("tlogEntries")).get(0)).put("integratedTime", time);

      VerificationResult r = seeds.roots.get(seed.root()).verifier().verify(JsonMutator.write(tree),
          seed.artifact(), seed.policy());

      Invariants.bundle(r, "integratedTime " + time);
      assertThat(r.failedCheck().orElseThrow().name()).isEqualTo(CheckName.BUNDLE_PARSE);
      assertThat(r.failedCheck().orElseThrow().detail())
          .contains("integratedTime is " + time + " seconds, later than any time can be");
    }
  }

  /** The fake registry's seed bundle with its signing certificate replaced. */
  @SuppressWarnings("unchecked")
  private static VerificationResult verifyWithLeaf(byte[] leaf) {
    FuzzSeeds seeds = FuzzSeeds.get();
    BundleSeed seed = seeds.bundles.get(0);
    Map<String, Object> tree = (Map<String, Object>) JsonMutator.parse(seed.json());
    Map<String, Object> vm = (Map<String, Object>) tree.get("verificationMaterial");
    vm.remove("x509CertificateChain");
    vm.put("certificate", Map.of("rawBytes", Base64.getEncoder().encodeToString(leaf)));
    return seeds.roots.get(seed.root()).verifier().verify(JsonMutator.write(tree),
        seed.artifact(), seed.policy());
  }

  private static String rootWithCa(byte[]... chain) {
    StringBuilder certificates = new StringBuilder();
    for (byte[] der : chain) {
      certificates.append(certificates.length() == 0 ? "" : ",")
          .append("{\"rawBytes\":\"").append(Base64.getEncoder().encodeToString(der)).append("\"}");
    }
    return "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\","
        + "\"certificateAuthorities\":[{\"uri\":\"https://ca.test\",\"certChain\":{"
        + "\"certificates\":[" + certificates + "]},\"validFor\":{\"start\":\"2024-01-01T00:00:00Z\"}}]}";
  }

  /** A self-signed certificate with one extension whose value is the given bytes. */
  private static byte[] certificate(org.bouncycastle.asn1.ASN1ObjectIdentifier oid, byte[] value)
      throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = g.generateKeyPair();
    X500Name name = new X500Name("O=fuzz,CN=finding");
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.TWO,
        Date.from(start), Date.from(start.plusSeconds(86400L * 3650)), name, key.getPublic());
    b.addExtension(oid, false, value);
    return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
        .getEncoded();
  }

  private static org.bouncycastle.asn1.ASN1Encodable utf8StringOf(byte[] der) {
    try {
      return org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A self-signed certificate with the given subject and issuer name. */
  private static byte[] certificateNamed(X500Name name) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = g.generateKeyPair();
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.TWO,
        Date.from(start), Date.from(start.plusSeconds(86400L * 3650)), name, key.getPublic());
    return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
        .getEncoded();
  }

  private static byte[] der(org.bouncycastle.asn1.ASN1Object o) {
    try {
      return o.getEncoded("DER");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
