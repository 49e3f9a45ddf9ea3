package dev.npmauth.impl.provenance;

import dev.npmauth.provenance.FulcioCertificateInfo;
import dev.npmauth.provenance.FulcioExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/** A parsed X.509 certificate with what verification reads from it, decoded once. */
final class Certificates {
  static final String OID_USERNAME_SAN = FulcioExtension.ARC + ".7";

  private static final java.util.Set<ASN1ObjectIdentifier> UNDERSTOOD_CRITICAL = java.util.Set.of(
      Extension.keyUsage, Extension.extendedKeyUsage, Extension.basicConstraints,
      Extension.subjectAlternativeName, Extension.certificatePolicies);

  private Certificates() {
  }

  /** One certificate: the BouncyCastle structure, the original DER, the decoded key. */
  static final class Cert {
    final byte[] der;
    final X509CertificateHolder holder;
    final PublicKey publicKey;
    final byte[] subjectKeyId;
    final byte[] authorityKeyId;
    final BasicConstraints basicConstraints;
    final Instant notBefore;
    final Instant notAfter;
    final boolean selfIssued;
    /** The key as a trusted EC key, for certificates of the trusted root (made on first use). */
    private volatile TrustedEcKey trustedKey;

    Cert(byte[] der, X509CertificateHolder holder, PublicKey publicKey) {
      this.der = der;
      this.holder = holder;
      this.publicKey = publicKey;
      Extensions exts = holder.getExtensions();
      SubjectKeyIdentifier ski =
          exts == null ? null : SubjectKeyIdentifier.fromExtensions(exts);
      this.subjectKeyId = ski == null ? null : ski.getKeyIdentifier();
      AuthorityKeyIdentifier aki =
          exts == null ? null : AuthorityKeyIdentifier.fromExtensions(exts);
      this.authorityKeyId = aki == null || aki.getKeyIdentifierObject() == null ? null
          : aki.getKeyIdentifierObject().getOctets();
      this.basicConstraints = exts == null ? null : BasicConstraints.fromExtensions(exts);
      this.notBefore = holder.getNotBefore().toInstant();
      this.notAfter = holder.getNotAfter().toInstant();
      this.selfIssued = holder.getSubject().equals(holder.getIssuer());
    }

    boolean validAt(Instant t) {
      return !t.isBefore(notBefore) && !t.isAfter(notAfter);
    }

    boolean isCa() {
      return basicConstraints != null && basicConstraints.isCA();
    }

    /** Whether {@code issuer} names and identifies the issuer of this certificate. */
    boolean couldBeIssuedBy(Cert issuer) {
      if (!holder.getIssuer().equals(issuer.holder.getSubject())) {
        return false;
      }
      return authorityKeyId == null || issuer.subjectKeyId == null
          || Bytes.equal(authorityKeyId, issuer.subjectKeyId);
    }

    /** Whether {@code issuer}'s key verifies this certificate's signature. */
    boolean signedBy(PublicKey issuerKey) {
      return Crypto.verifyCertificate(holder, issuerKey);
    }

    /** Whether {@code issuer}, a certificate of the trusted root, verifies this signature. */
    boolean signedBy(Cert issuer) {
      return Crypto.verifyCertificate(holder, issuer.publicKey, issuer.trustedKey());
    }

    /** This (trusted-root) certificate's key as a trusted EC key; null if not EC. */
    TrustedEcKey trustedKey() {
      TrustedEcKey k = trustedKey;
      if (k == null) {
        synchronized (this) {
          k = trustedKey;
          if (k == null) {
            k = TrustedEcKey.of(publicKey);
            if (k == null) {
              return null;
            }
            trustedKey = k;
          }
        }
      }
      return k;
    }

    X509Certificate toJca() throws CertificateException {
      return new JcaX509CertificateConverter().setProvider(Crypto.BC).getCertificate(holder);
    }
  }

  /** Parses DER; the key must decode too. */
  static Cert parse(byte[] der) throws GeneralSecurityException {
    X509CertificateHolder holder;
    try {
      holder = new X509CertificateHolder(der);
    } catch (IOException | RuntimeException e) {
      throw new GeneralSecurityException("not a DER X.509 certificate: " + e.getMessage(), e);
    }
    try {
      // BouncyCastle decodes name strings lazily: a UTF8String that is not UTF-8 would throw
      // IllegalArgumentException later, from toString() or a JCA getter, not here
      holder.getSubject().toString();
      holder.getIssuer().toString();
    } catch (RuntimeException e) {
      throw new GeneralSecurityException("certificate names do not decode: " + e.getMessage(), e);
    }
    PublicKey key;
    try {
      key = Crypto.decodeSpki(holder.getSubjectPublicKeyInfo());
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException("certificate key does not decode: " + e.getMessage(), e);
    }
    try {
      return new Cert(der, holder, key);
    } catch (RuntimeException e) {
      // BouncyCastle decodes extension values lazily and throws IllegalArgumentException (or
      // IllegalStateException) for a malformed key identifier or basic constraints
      throw new GeneralSecurityException("certificate extensions do not decode: " + e.getMessage(),
          e);
    }
  }

  /**
   * Checks the leaf's intended use: no critical extension it does not know, key usage (if
   * present) allows digital signatures and the extended key usage (if present) includes code
   * signing.
   *
   * @return null when fine, else why not
   */
  static String leafUsageProblem(Cert leaf) {
    Extensions exts = leaf.holder.getExtensions();
    if (exts == null) {
      return null;
    }
    // RFC 5280: a critical extension the verifier does not understand rejects the certificate;
    // this also keeps CT precertificates (critical poison extension) out
    for (ASN1ObjectIdentifier oid : exts.getCriticalExtensionOIDs()) {
      if (!UNDERSTOOD_CRITICAL.contains(oid)) {
        return "the signing certificate has an unknown critical extension " + oid.getId();
      }
    }
    KeyUsage ku;
    ExtendedKeyUsage eku;
    try {
      ku = KeyUsage.fromExtensions(exts);
      eku = ExtendedKeyUsage.fromExtensions(exts);
    } catch (RuntimeException e) {
      return "the signing certificate's key usage or extended key usage does not decode: "
          + e.getMessage();
    }
    if (ku != null && !ku.hasUsages(KeyUsage.digitalSignature)) {
      return "the signing certificate's key usage does not allow digital signatures";
    }
    if (eku != null && !eku.hasKeyPurposeId(KeyPurposeId.id_kp_codeSigning)) {
      return "the signing certificate's extended key usage lacks code signing";
    }
    return null;
  }

  /** Reads the SAN and Fulcio extensions. */
  static FulcioCertificateInfo fulcioInfo(Cert cert) {
    Extensions exts = cert.holder.getExtensions();
    Map<FulcioExtension, String> values = new EnumMap<>(FulcioExtension.class);
    String san = "";
    if (exts != null) {
      for (ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
        String id = oid.getId();
        if (!id.startsWith(FulcioExtension.ARC + ".")) {
          continue;
        }
        FulcioExtension fe = FulcioExtension.fromOid(id).orElse(null);
        if (fe == null) {
          continue;
        }
        byte[] raw = exts.getExtension(oid).getExtnValue().getOctets();
        String text = fe.derEncoded() ? derString(raw) : new String(raw, StandardCharsets.UTF_8);
        if (text != null) {
          values.put(fe, text);
        }
      }
      san = subjectAlternativeName(exts);
    }
    return new FulcioCertificateInfo(san, values, cert.notBefore, cert.notAfter,
        cert.holder.getSerialNumber().toString(16));
  }

  private static String derString(byte[] raw) {
    try {
      ASN1Primitive p = ASN1Primitive.fromByteArray(raw);
      return p instanceof ASN1String ? ((ASN1String) p).getString() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The first URI, e-mail or Fulcio username otherName in the SAN extension; "" if none. */
  static String subjectAlternativeName(Extensions exts) {
    GeneralNames names;
    try {
      names = GeneralNames.fromExtensions(exts, Extension.subjectAlternativeName);
    } catch (RuntimeException e) {
      return "";
    }
    if (names == null) {
      return "";
    }
    for (GeneralName name : names.getNames()) {
      switch (name.getTagNo()) {
        case GeneralName.uniformResourceIdentifier:
        case GeneralName.rfc822Name:
          return ((ASN1String) name.getName()).getString();
        case GeneralName.otherName:
          String other = otherName(name.getName());
          if (other != null) {
            return other;
          }
          break;
        default:
          break;
      }
    }
    return "";
  }

  private static String otherName(ASN1Encodable value) {
    try {
      ASN1Sequence seq = ASN1Sequence.getInstance(value);
      ASN1ObjectIdentifier type = ASN1ObjectIdentifier.getInstance(seq.getObjectAt(0));
      if (!OID_USERNAME_SAN.equals(type.getId())) {
        return null;
      }
      ASN1Encodable inner =
          ASN1TaggedObject.getInstance(seq.getObjectAt(1)).getExplicitBaseObject();
      return inner instanceof ASN1String ? ((ASN1String) inner).getString() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
