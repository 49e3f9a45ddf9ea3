package dev.npmauth.testkit.internal.sigstore;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * An RFC 3161 timestamp authority, like Sigstore's {@code timestamp-authority}: a CA and a
 * signing leaf (extended key usage timeStamping, critical) that answer time-stamp requests with
 * granted {@code TimeStampResp}s, SHA-256 imprints only.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class TimestampAuthority {
  private static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2");

  private final KeyPair rootKey;
  private final KeyPair leafKey;
  private final X509CertificateHolder root;
  private final X509CertificateHolder leaf;
  private final AtomicLong serials = new AtomicLong(1);

  public TimestampAuthority(SecureRandom random, Instant start) {
    this.rootKey = SigningKeys.ecP256(random);
    this.leafKey = SigningKeys.ecP256(random);
    Instant end = start.plus(Duration.ofDays(3650));
    X500Name rootName = new X500Name("O=npmauth-testkit,CN=fake-tsa-root");
    X500Name leafName = new X500Name("O=npmauth-testkit,CN=fake-tsa");
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder r = new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE,
          Date.from(start), Date.from(end), rootName, rootKey.getPublic());
      r.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      r.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      r.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(rootKey.getPublic()));
      this.root = r.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKey.getPrivate()));
      X509v3CertificateBuilder l = new JcaX509v3CertificateBuilder(rootName, BigInteger.TWO,
          Date.from(start), Date.from(end), leafName, leafKey.getPublic());
      l.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      l.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
      l.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(leafKey.getPublic()));
      l.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(rootKey.getPublic()));
      this.leaf = l.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKey.getPrivate()));
    } catch (IOException | OperatorCreationException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot make the fake timestamp authority", e);
    }
  }

  /** The chain a trusted root lists: signing leaf first, root last. */
  public List<byte[]> chain() {
    try {
      return List.of(leaf.getEncoded(), root.getEncoded());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Answers a time-stamp request at {@code now}.
   *
   * @return the DER {@code TimeStampResp}
   * @throws dev.npmauth.testkit.internal.http.HttpError 400 when the request is not a SHA-256 one
   */
  public byte[] stamp(TimeStampRequest request, Instant now) {
    if (!TSPAlgorithms.SHA256.equals(request.getMessageImprintAlgOID())) {
      throw SigstoreErrors.rekor(400, "the fake timestamp authority takes SHA-256 message imprints only");
    }
    try {
      TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
          new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", leafKey.getPrivate(),
              new JcaX509CertificateConverter().getCertificate(leaf)),
          new JcaDigestCalculatorProviderBuilder().build().get(
              new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                  org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256)),
          POLICY);
      if (request.getCertReq()) {
        tokens.addCertificates(new JcaCertStore(List.of(new JcaX509CertificateConverter().getCertificate(leaf))));
      }
      TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
      return responses.generateGrantedResponse(request, BigInteger.valueOf(serials.getAndIncrement()),
          Date.from(now)).getEncoded();
    } catch (TSPException | OperatorCreationException | IOException
        | java.security.cert.CertificateException e) {
      throw SigstoreErrors.rekor(400, "cannot answer the time-stamp request: " + e.getMessage());
    }
  }
}
