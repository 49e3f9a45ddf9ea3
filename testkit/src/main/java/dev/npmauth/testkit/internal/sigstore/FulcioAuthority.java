package dev.npmauth.testkit.internal.sigstore;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A Fulcio-like certificate authority: a self-signed root, an intermediate that issues the
 * leaves, and ten-minute code-signing leaves for a workflow identity, carrying the Fulcio
 * extensions (OID arc 1.3.6.1.4.1.57264.1: {@code .1}-{@code .6} as raw strings, {@code .8} and
 * later as DER UTF8String, as Fulcio's {@code oid-info.md} defines them) and an embedded SCT of a
 * {@link CtLog} over the precertificate TBS.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class FulcioAuthority {
  /** Fulcio's leaf lifetime. */
  public static final Duration LEAF_LIFETIME = Duration.ofMinutes(10);
  static final String FULCIO_ARC = "1.3.6.1.4.1.57264.1";
  private static final ASN1ObjectIdentifier SCT_LIST = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");

  /** The organization the CA's names carry unless another is given. */
  public static final String ORGANIZATION = "npmauth-testkit";

  private final SecureRandom random;
  private final CtLog ctLog;
  private final String organization;
  private final KeyPair rootKey;
  private final KeyPair intermediateKey;
  private final X509CertificateHolder root;
  private final X509CertificateHolder intermediate;

  /**
   * Makes the root and intermediate, valid ten years from {@code start}, named for
   * {@link #ORGANIZATION}.
   *
   * @param start when the CA becomes valid
   */
  public FulcioAuthority(SecureRandom random, CtLog ctLog, Instant start) {
    this(random, ctLog, start, ORGANIZATION);
  }

  /**
   * Makes the root and intermediate, valid ten years from {@code start}, with names {@code
   * O=<organization>,CN=fake-fulcio-root} and {@code ...,CN=fake-fulcio-intermediate} (two CAs in
   * one trusted root should differ in organization).
   *
   * @param start when the CA becomes valid
   */
  public FulcioAuthority(SecureRandom random, CtLog ctLog, Instant start, String organization) {
    this.random = random;
    this.ctLog = ctLog;
    this.organization = organization;
    this.rootKey = SigningKeys.ecP256(random);
    this.intermediateKey = SigningKeys.ecP256(random);
    Instant end = start.plus(Duration.ofDays(3650));
    X500Name rootName = new X500Name("O=" + organization + ",CN=fake-fulcio-root");
    X500Name intermediateName = new X500Name("O=" + organization + ",CN=fake-fulcio-intermediate");
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder r = new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE,
          Date.from(start), Date.from(end), rootName, rootKey.getPublic());
      r.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
      r.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      r.addExtension(Extension.subjectKeyIdentifier, false,
          utils.createSubjectKeyIdentifier(rootKey.getPublic()));
      this.root = r.build(signer(rootKey));

      X509v3CertificateBuilder i = new JcaX509v3CertificateBuilder(rootName, BigInteger.TWO,
          Date.from(start), Date.from(end), intermediateName, intermediateKey.getPublic());
      i.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      i.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      i.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
      i.addExtension(Extension.subjectKeyIdentifier, false,
          utils.createSubjectKeyIdentifier(intermediateKey.getPublic()));
      i.addExtension(Extension.authorityKeyIdentifier, false,
          utils.createAuthorityKeyIdentifier(rootKey.getPublic()));
      this.intermediate = i.build(signer(rootKey));
    } catch (IOException | OperatorCreationException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot make the fake Fulcio CA", e);
    }
  }

  /** Who a leaf is for: its URI subject alternative name and Fulcio extension values by OID suffix. */
  public record Identity(String subjectAlternativeName, Map<Integer, String> extensions) {
    public Identity {
      extensions = Map.copyOf(extensions);
    }
  }

  /**
   * Issues a leaf for {@code key}, valid {@link #LEAF_LIFETIME} from {@code notBefore}, with an
   * embedded SCT stamped at {@code notBefore}.
   *
   * @return the chain, DER: leaf, intermediate, root
   */
  public List<byte[]> issue(Identity identity, PublicKey key, Instant notBefore) {
    BigInteger serial = new BigInteger(128, random);
    try {
      X509CertificateHolder pre = leaf(identity, key, notBefore, serial, null);
      byte[] scts = ctLog.sctList(intermediate.getSubjectPublicKeyInfo().getEncoded(),
          pre.toASN1Structure().getTBSCertificate().getEncoded(), notBefore);
      X509CertificateHolder leaf = leaf(identity, key, notBefore, serial, scts);
      return List.of(leaf.getEncoded(), intermediate.getEncoded(), root.getEncoded());
    } catch (IOException | OperatorCreationException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot issue a fake Fulcio certificate", e);
    }
  }

  private X509CertificateHolder leaf(Identity id, PublicKey key, Instant notBefore, BigInteger serial,
      byte[] scts) throws IOException, OperatorCreationException, java.security.NoSuchAlgorithmException {
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    // Fulcio leaves have an empty subject; the identity is the SAN.
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(intermediate.getSubject(), serial,
        Date.from(notBefore), Date.from(notBefore.plus(LEAF_LIFETIME)), new X500Name(""), key);
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
    b.addExtension(Extension.authorityKeyIdentifier, false,
        utils.createAuthorityKeyIdentifier(intermediateKey.getPublic()));
    b.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(
        new GeneralName(GeneralName.uniformResourceIdentifier, id.subjectAlternativeName())));
    for (Map.Entry<Integer, String> e : new java.util.TreeMap<>(id.extensions()).entrySet()) {
      byte[] value = e.getKey() <= 6 ? e.getValue().getBytes(StandardCharsets.UTF_8)
          : new DERUTF8String(e.getValue()).getEncoded();
      b.addExtension(new ASN1ObjectIdentifier(FULCIO_ARC + "." + e.getKey()), false, value);
    }
    if (scts != null) {
      b.addExtension(SCT_LIST, false, new DEROctetString(scts));
    }
    return b.build(signer(intermediateKey));
  }

  private static ContentSigner signer(KeyPair key) throws OperatorCreationException {
    return new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
  }

  /** The organization of the CA's names, as a trusted root's {@code subject} names it. */
  public String organization() {
    return organization;
  }

  /** The chain a trusted root lists: intermediate first, root last. */
  public List<byte[]> caChain() {
    try {
      return List.of(intermediate.getEncoded(), root.getEncoded());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
