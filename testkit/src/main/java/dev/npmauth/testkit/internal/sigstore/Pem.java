package dev.npmauth.testkit.internal.sigstore;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads the PEM certificates and public keys clients hand to Fulcio and Rekor, and checks
 * signatures made with them (ECDSA P-256/P-384 or RSA, over SHA-256).
 *
 * <p>Internal to the testkit; not API.
 */
final class Pem {
  private Pem() {}

  /** The DER of the first PEM object ({@code CERTIFICATE} or {@code PUBLIC KEY}) in the text. */
  static byte[] decode(String text) {
    try (PemReader reader = new PemReader(new StringReader(text))) {
      PemObject o = reader.readPemObject();
      if (o == null || !("CERTIFICATE".equals(o.getType()) || "PUBLIC KEY".equals(o.getType()))) {
        throw SigstoreErrors.rekor(400, "expected a PEM CERTIFICATE or PUBLIC KEY");
      }
      return o.getContent();
    } catch (IOException | RuntimeException e) {
      if (e instanceof dev.npmauth.testkit.internal.http.HttpError h) {
        throw h;
      }
      throw SigstoreErrors.rekor(400, "not PEM: " + e.getClass().getSimpleName());
    }
  }

  /** Whether DER bytes are a certificate (else a SubjectPublicKeyInfo). */
  static boolean isCertificate(byte[] der) {
    try {
      // Certificate ::= SEQUENCE {tbs, algorithm, signature}; SubjectPublicKeyInfo has two parts.
      return org.bouncycastle.asn1.ASN1Sequence.getInstance(der).size() == 3;
    } catch (RuntimeException e) {
      throw SigstoreErrors.rekor(400, "not a DER certificate or public key");
    }
  }

  /** The public key of a DER certificate or SubjectPublicKeyInfo. */
  static PublicKey publicKey(byte[] der) {
    try {
      if (isCertificate(der)) {
        X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new java.io.ByteArrayInputStream(der));
        return c.getPublicKey();
      }
      String alg = SubjectPublicKeyInfo.getInstance(der).getAlgorithm().getAlgorithm()
          .equals(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : "EC";
      return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw SigstoreErrors.rekor(400, "cannot read the public key: " + e.getClass().getSimpleName());
    }
  }

  /** Whether {@code signature} (DER ECDSA, or PKCS#1 RSA) signs {@code data} under {@code key}. */
  static boolean verify(PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature s = Signature.getInstance("RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA");
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
