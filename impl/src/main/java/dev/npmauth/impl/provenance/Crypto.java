package dev.npmauth.impl.provenance;

import dev.npmauth.provenance.HashAlgorithm;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * The one crypto provider (BouncyCastle) and the few operations verification needs: decode a
 * public key, verify a signature over data or over a precomputed digest.
 */
final class Crypto {
  static final Provider BC = new BouncyCastleProvider();

  private Crypto() {
  }

  /** A key's type as far as signature verification cares. */
  enum KeyKind { EC, RSA, ED25519, OTHER }

  static KeyKind kind(PublicKey key) {
    if (key instanceof ECPublicKey) {
      return KeyKind.EC;
    }
    if (key instanceof RSAPublicKey) {
      return KeyKind.RSA;
    }
    String alg = key.getAlgorithm();
    if ("Ed25519".equalsIgnoreCase(alg) || "EdDSA".equalsIgnoreCase(alg)) {
      return KeyKind.ED25519;
    }
    return KeyKind.OTHER;
  }

  /** The hash an ECDSA key of this size is used with by Sigstore (P-256/SHA-256, ...). */
  static HashAlgorithm defaultHash(PublicKey key) {
    if (key instanceof ECPublicKey) {
      int bits = ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
      if (bits > 384) {
        return HashAlgorithm.SHA2_512;
      }
      if (bits > 256) {
        return HashAlgorithm.SHA2_384;
      }
    }
    return HashAlgorithm.SHA2_256;
  }

  /** Decodes DER SubjectPublicKeyInfo. */
  static PublicKey decodeSpki(byte[] der) throws GeneralSecurityException {
    try {
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(der);
      if (spki == null) {
        throw new GeneralSecurityException("empty key");
      }
      return decodeSpki(spki);
    } catch (RuntimeException e) {
      throw new GeneralSecurityException(
          "not a decodable SubjectPublicKeyInfo: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes a SubjectPublicKeyInfo with BouncyCastle's own key converters (no JCA lookup per
   * call); falls back to the JCA converter for algorithms BouncyCastle has no direct converter for.
   */
  static PublicKey decodeSpki(SubjectPublicKeyInfo spki) throws GeneralSecurityException {
    try {
      PublicKey key = BouncyCastleProvider.getPublicKey(spki);
      if (key != null) {
        return key;
      }
      return new JcaPEMKeyConverter().setProvider(BC).getPublicKey(spki);
    } catch (IOException | RuntimeException e) {
      throw new GeneralSecurityException(
          "not a decodable SubjectPublicKeyInfo: " + e.getMessage(), e);
    }
  }

  /** Decodes a raw PKCS#1 RSAPublicKey (trusted-root key details {@code PKCS1_RSA_*}). */
  static PublicKey decodePkcs1Rsa(byte[] der) throws GeneralSecurityException {
    try {
      org.bouncycastle.asn1.pkcs.RSAPublicKey k =
          org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
      return KeyFactory.getInstance("RSA", BC)
          .generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent()));
    } catch (RuntimeException e) {
      throw new GeneralSecurityException("not a decodable PKCS#1 RSA key: " + e.getMessage(), e);
    }
  }

  /**
   * Verifies a signature over data with the scheme Sigstore uses for the key: ECDSA with the
   * given hash (DER signature), RSA PKCS#1 v1.5 with the given hash, or pure Ed25519. Any
   * malformed input is a failed verification, never an exception.
   */
  static boolean verify(PublicKey key, HashAlgorithm hash, byte[] data, byte[] signature) {
    String alg;
    switch (kind(key)) {
      case EC:
        alg = hashName(hash) + "withECDSA";
        break;
      case RSA:
        alg = hashName(hash) + "withRSA";
        break;
      case ED25519:
        alg = "Ed25519";
        break;
      default:
        return false;
    }
    return run(alg, key, data, signature);
  }

  /**
   * Verifies a signature over a precomputed digest (the artifact is known only by its digest).
   * Ed25519 cannot do this and fails.
   */
  static boolean verifyDigest(PublicKey key, HashAlgorithm hash, byte[] digest, byte[] signature) {
    switch (kind(key)) {
      case EC:
        return run("NONEwithECDSA", key, digest, signature);
      case RSA:
        try {
          byte[] info = new DigestInfo(new AlgorithmIdentifier(digestOid(hash), DERNull.INSTANCE),
              digest).getEncoded(ASN1Encoding.DER);
          return run("NONEwithRSA", key, info, signature);
        } catch (IOException e) {
          return false;
        }
      default:
        return false;
    }
  }

  /**
   * Verifies a certificate's signature with the issuer's key. The common Sigstore algorithms go
   * straight to a {@link Signature}; anything else through BouncyCastle's content verifiers.
   */
  static boolean verifyCertificate(X509CertificateHolder cert, PublicKey issuerKey) {
    return verifyCertificate(cert, issuerKey, null);
  }

  /**
   * As {@link #verifyCertificate(X509CertificateHolder, PublicKey)}, with the issuer's key as a
   * trusted EC key (null if it is not one) for ECDSA signatures.
   */
  static boolean verifyCertificate(X509CertificateHolder cert, PublicKey issuerKey,
      TrustedEcKey trusted) {
    if (cert.toASN1Structure().getSignature().getPadBits() != 0) {
      return false; // a signature that is not whole bytes is no signature (BouncyCastle would throw)
    }
    AlgorithmIdentifier sigAlg = cert.getSignatureAlgorithm();
    String oid = sigAlg.getAlgorithm().getId();
    String name = CERT_SIGNATURE_ALGORITHMS.get(oid);
    boolean plainParameters = sigAlg.getParameters() == null
        || DERNull.INSTANCE.equals(sigAlg.getParameters());
    if (name != null && plainParameters) {
      try {
        byte[] tbs = cert.toASN1Structure().getTBSCertificate().getEncoded(ASN1Encoding.DER);
        HashAlgorithm ecdsaHash = trusted == null ? null : ECDSA_HASHES.get(oid);
        if (ecdsaHash != null) {
          return trusted.verify(ecdsaHash, tbs, cert.getSignature());
        }
        return run(name, issuerKey, tbs, cert.getSignature());
      } catch (IOException e) {
        return false;
      }
    }
    try {
      return cert.isSignatureValid(
          new JcaContentVerifierProviderBuilder().setProvider(BC).build(issuerKey));
    } catch (OperatorCreationException | CertException | RuntimeException e) {
      return false;
    }
  }

  /**
   * A CMS content verifier provider for one certificate (a timestamp authority's), for
   * BouncyCastle's {@code SignerInformation} / {@code TimeStampToken.validate}. BouncyCastle's own
   * JCA provider hands out "raw" verifiers that, after the real check, run a second signature
   * verification to reset their raw engine: for ECDSA that doubles the cost of every timestamp.
   * This one verifies once, for the algorithms of {@link #CERT_SIGNATURE_ALGORITHMS}, and
   * delegates anything else (RSA-PSS, parameters) to BouncyCastle's.
   */
  static ContentVerifierProvider cmsVerifierProvider(X509CertificateHolder cert, PublicKey key,
      TrustedEcKey trusted) throws OperatorCreationException {
    ContentVerifierProvider fallback = new JcaContentVerifierProviderBuilder().setProvider(BC)
        .build(key);
    return new ContentVerifierProvider() {
      @Override
      public boolean hasAssociatedCertificate() {
        return true;
      }

      @Override
      public X509CertificateHolder getAssociatedCertificate() {
        return cert;
      }

      @Override
      public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
        String name = CERT_SIGNATURE_ALGORITHMS.get(algorithm.getAlgorithm().getId());
        boolean plainParameters = algorithm.getParameters() == null
            || DERNull.INSTANCE.equals(algorithm.getParameters());
        if (name == null || !plainParameters) {
          return fallback.get(algorithm);
        }
        HashAlgorithm ecdsaHash =
            trusted == null ? null : ECDSA_HASHES.get(algorithm.getAlgorithm().getId());
        if (ecdsaHash != null) {
          org.bouncycastle.crypto.params.ECPublicKeyParameters k = trusted.prepared();
          if (k != null) {
            return TrustedEcKey.contentVerifier(algorithm, k, ecdsaHash);
          }
        }
        Signature signature;
        try {
          signature = Signature.getInstance(name, BC);
          signature.initVerify(key);
        } catch (GeneralSecurityException e) {
          throw new OperatorCreationException("cannot verify " + name + ": " + e.getMessage(), e);
        }
        return new OneShotVerifier(algorithm, signature);
      }
    };
  }

  /** A content verifier over one {@link Signature}, already initialised for verification. */
  private static final class OneShotVerifier implements ContentVerifier {
    private final AlgorithmIdentifier algorithm;
    private final Signature signature;

    OneShotVerifier(AlgorithmIdentifier algorithm, Signature signature) {
      this.algorithm = algorithm;
      this.signature = signature;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return algorithm;
    }

    @Override
    public OutputStream getOutputStream() {
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          try {
            signature.update(b, off, len);
          } catch (SignatureException e) {
            throw new IOException(e.getMessage(), e);
          }
        }
      };
    }

    @Override
    public boolean verify(byte[] expected) {
      try {
        return signature.verify(expected);
      } catch (SignatureException | RuntimeException e) {
        return false;
      }
    }
  }

  private static final Map<String, String> CERT_SIGNATURE_ALGORITHMS = Map.of(
      "1.2.840.10045.4.3.2", "SHA256withECDSA",
      "1.2.840.10045.4.3.3", "SHA384withECDSA",
      "1.2.840.10045.4.3.4", "SHA512withECDSA",
      "1.2.840.113549.1.1.11", "SHA256withRSA",
      "1.2.840.113549.1.1.12", "SHA384withRSA",
      "1.2.840.113549.1.1.13", "SHA512withRSA",
      "1.3.101.112", "Ed25519");

  /** The ECDSA entries of {@link #CERT_SIGNATURE_ALGORITHMS}, by their hash. */
  private static final Map<String, HashAlgorithm> ECDSA_HASHES = Map.of(
      "1.2.840.10045.4.3.2", HashAlgorithm.SHA2_256,
      "1.2.840.10045.4.3.3", HashAlgorithm.SHA2_384,
      "1.2.840.10045.4.3.4", HashAlgorithm.SHA2_512);

  /** Signature engines per thread and algorithm: looking one up costs more than reusing it. */
  private static final ThreadLocal<Map<String, Signature>> ENGINES =
      ThreadLocal.withInitial(java.util.HashMap::new);

  private static boolean run(String alg, PublicKey key, byte[] data, byte[] signature) {
    try {
      Map<String, Signature> engines = ENGINES.get();
      Signature s = engines.get(alg);
      if (s == null) {
        s = Signature.getInstance(alg, BC);
        engines.put(alg, s);
      }
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static String hashName(HashAlgorithm hash) {
    switch (hash) {
      case SHA2_384:
        return "SHA384";
      case SHA2_512:
        return "SHA512";
      default:
        return "SHA256";
    }
  }

  private static org.bouncycastle.asn1.ASN1ObjectIdentifier digestOid(HashAlgorithm hash) {
    switch (hash) {
      case SHA2_384:
        return NISTObjectIdentifiers.id_sha384;
      case SHA2_512:
        return NISTObjectIdentifiers.id_sha512;
      default:
        return NISTObjectIdentifiers.id_sha256;
    }
  }
}
