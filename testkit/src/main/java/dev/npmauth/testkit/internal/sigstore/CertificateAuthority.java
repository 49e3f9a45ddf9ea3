package dev.npmauth.testkit.internal.sigstore;

import static dev.npmauth.testkit.internal.sigstore.SigningKeys.b64;
import static dev.npmauth.testkit.internal.sigstore.SigningKeys.sha256;
import static dev.npmauth.testkit.internal.sigstore.SigningKeys.sign;

import dev.npmauth.testkit.internal.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A fake Fulcio with its certificate transparency log: a self-signed CA that issues ten-minute
 * code-signing certificates for a CI workflow identity, with the Fulcio extensions (OID arc
 * 1.3.6.1.4.1.57264.1) and an embedded signed certificate timestamp (RFC 6962, over the
 * precertificate TBS).
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class CertificateAuthority {
  static final String FULCIO_ARC = "1.3.6.1.4.1.57264.1";
  private static final String SCT_LIST_OID = "1.3.6.1.4.1.11129.2.4.2";

  private final SecureRandom random;
  private final KeyPair caKey;
  private final KeyPair ctKey;
  private final X509CertificateHolder ca;
  private final Instant start;

  public CertificateAuthority(SecureRandom random, Instant start) {
    this.random = random;
    this.start = start;
    this.caKey = SigningKeys.ecP256(random);
    this.ctKey = SigningKeys.ecP256(random);
    X500Name subject = new X500Name("O=fake-sigstore.test,CN=fake-fulcio");
    try {
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
          Date.from(start), Date.from(start.plusSeconds(86_400L * 3650)), subject,
          caKey.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      this.ca = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate()));
    } catch (CertIOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make the fake Fulcio CA", e);
    }
  }

  /** What a workflow identity certificate says. */
  public record Identity(String subjectAlternativeName, String issuer,
      Map<Integer, String> extensions) {}

  /**
   * Issues a leaf for {@code leafKey}, valid ten minutes from {@code notBefore}, with an SCT.
   *
   * @return the DER certificate
   */
  public byte[] issue(Identity identity, PublicKey leafKey, Instant notBefore) {
    BigInteger serial = new BigInteger(96, random);
    try {
      X509CertificateHolder pre = leaf(identity, leafKey, notBefore, serial, null);
      byte[] sct = sctList(pre, notBefore.toEpochMilli());
      return leaf(identity, leafKey, notBefore, serial, sct).getEncoded();
    } catch (IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue a fake Fulcio certificate", e);
    }
  }

  private X509CertificateHolder leaf(Identity id, PublicKey leafKey, Instant notBefore,
      BigInteger serial, byte[] sctList) throws IOException, OperatorCreationException {
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.getSubject(), serial,
        Date.from(notBefore), Date.from(notBefore.plusSeconds(600)), new X500Name(""), leafKey);
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    b.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(
        new GeneralName(GeneralName.uniformResourceIdentifier, id.subjectAlternativeName())));
    Map<Integer, String> ext = new LinkedHashMap<>();
    ext.put(1, id.issuer());
    ext.put(8, id.issuer());
    ext.putAll(id.extensions());
    for (Map.Entry<Integer, String> e : ext.entrySet()) {
      // .1 to .6 are raw strings; .8 and later are DER UTF8String (Fulcio's oid-info.md).
      byte[] value = e.getKey() <= 6 ? e.getValue().getBytes(StandardCharsets.UTF_8)
          : new DERUTF8String(e.getValue()).getEncoded();
      b.addExtension(new ASN1ObjectIdentifier(FULCIO_ARC + "." + e.getKey()), false, value);
    }
    if (sctList != null) {
      b.addExtension(new ASN1ObjectIdentifier(SCT_LIST_OID), false, new DEROctetString(sctList));
    }
    return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate()));
  }

  /** An RFC 6962 SignedCertificateTimestampList with one SCT over the precertificate. */
  private byte[] sctList(X509CertificateHolder pre, long timestampMillis) throws IOException {
    byte[] tbs = pre.toASN1Structure().getTBSCertificate().getEncoded();
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    signed.write(0); // v1
    signed.write(0); // certificate_timestamp
    writeLong(signed, timestampMillis);
    signed.write(new byte[] {0, 1}); // precert_entry
    signed.write(sha256(ca.getSubjectPublicKeyInfo().getEncoded()));
    signed.write(new byte[] {(byte) (tbs.length >> 16), (byte) (tbs.length >> 8), (byte) tbs.length});
    signed.write(tbs);
    signed.write(new byte[] {0, 0}); // no extensions
    byte[] sig = sign(ctKey.getPrivate(), signed.toByteArray());
    ByteArrayOutputStream sct = new ByteArrayOutputStream();
    sct.write(0);
    sct.write(sha256(ctKey.getPublic().getEncoded()));
    writeLong(sct, timestampMillis);
    sct.write(new byte[] {0, 0, 4, 3, (byte) (sig.length >> 8), (byte) sig.length});
    sct.write(sig);
    byte[] one = sct.toByteArray();
    ByteArrayOutputStream list = new ByteArrayOutputStream();
    int total = one.length + 2;
    list.write(new byte[] {(byte) (total >> 8), (byte) total, (byte) (one.length >> 8),
        (byte) one.length});
    list.write(one);
    return list.toByteArray();
  }

  private static void writeLong(ByteArrayOutputStream out, long v) {
    for (int i = 7; i >= 0; i--) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }

  /** The CA as a trusted root's {@code certificateAuthorities[]} entry. */
  public Map<String, Object> trustedRootEntry() {
    try {
      return Json.object(
          "subject", Json.object("organization", "fake-sigstore.test", "commonName", "fake-fulcio"),
          "uri", "https://fulcio.fake-sigstore.test",
          "certChain", Json.object("certificates",
              java.util.List.of(Json.object("rawBytes", b64(ca.getEncoded())))),
          "validFor", Json.object("start", start.toString()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The CT log as a trusted root's {@code ctlogs[]} entry. */
  public Map<String, Object> ctLogEntry() {
    byte[] spki = ctKey.getPublic().getEncoded();
    return Json.object(
        "baseUrl", "https://ctfe.fake-sigstore.test",
        "hashAlgorithm", "SHA2_256",
        "publicKey", Json.object(
            "rawBytes", b64(spki),
            "keyDetails", "PKIX_ECDSA_P256_SHA_256",
            "validFor", Json.object("start", start.toString())),
        "logId", Json.object("keyId", b64(sha256(spki))));
  }
}
