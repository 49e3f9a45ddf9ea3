package dev.npmauth.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The public-key signature checks that verifying one bundle cannot do without, taken out of the
 * bundle and its trusted root so they can be timed alone (the floor under any verifier): the
 * artifact signature (message signature over the digest, or DSSE over its PAE), the leaf
 * certificate's signature by its issuing CA, one embedded SCT by its CT log, every signed entry
 * timestamp and checkpoint signature by the Rekor log, and every RFC 3161 timestamp by its TSA.
 * Each check is verified once here; one that does not verify is an error, so the floor is made
 * of the real checks with the real keys and signatures.
 */
final class SignatureChecks {
  static final Provider BC = new BouncyCastleProvider();

  /**
   * One signature check: a key (decoded for each provider, and its SubjectPublicKeyInfo), the JCA
   * algorithm, the signed bytes and the signature. {@code bundleKey} marks the signing key that
   * comes with the bundle (its certificate's, or the managed key): a verifier meets it for the
   * first time, so the floor decodes it again for every check, while the trusted root's keys are
   * decoded once.
   */
  record Check(String what, String algorithm, PublicKey jdkKey, PublicKey bcKey, byte[] spki,
      boolean bundleKey, byte[] data, byte[] signature) {
  }

  private SignatureChecks() {
  }

  /** The checks one bundle needs, against its trusted root. */
  @SuppressWarnings("unchecked")
  static List<Check> of(byte[] bundleJson, byte[] trustedRootJson, String publicKeyPem)
      throws Exception {
    Map<String, Object> b = (Map<String, Object>) VerifyCorpus.json(bundleJson);
    Map<String, Object> root = (Map<String, Object>) VerifyCorpus.json(trustedRootJson);
    Map<String, Object> vm = map(b.get("verificationMaterial"));
    List<Check> out = new ArrayList<>();

    // the signing key: the leaf certificate's, or the managed key
    X509CertificateHolder leaf = null;
    byte[] signingSpki;
    if (vm.get("certificate") != null) {
      leaf = new X509CertificateHolder(b64(map(vm.get("certificate")).get("rawBytes")));
    } else if (vm.get("x509CertificateChain") != null) {
      leaf = new X509CertificateHolder(b64(map(list(map(vm.get("x509CertificateChain"))
          .get("certificates")).get(0)).get("rawBytes")));
    }
    if (leaf != null) {
      signingSpki = leaf.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
    } else {
      String pem = publicKeyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      signingSpki = Base64.getDecoder().decode(pem);
    }
    String signingHash = hashFor(signingSpki);

    // 1. the artifact signature
    if (b.get("messageSignature") != null) {
      Map<String, Object> ms = map(b.get("messageSignature"));
      byte[] digest = b64(map(ms.get("messageDigest")).get("digest"));
      String alg = algorithm(signingSpki).equals("RSA") ? null : "NONEwithECDSA";
      if (alg == null) {
        throw new IllegalStateException("RSA message signatures are not in the corpus");
      }
      out.add(bundleKey(check("artifact signature", alg, signingSpki, digest,
          b64(ms.get("signature")))));
    } else {
      Map<String, Object> env = map(b.get("dsseEnvelope"));
      byte[] payload = b64(env.get("payload"));
      String type = (String) env.get("payloadType");
      out.add(bundleKey(check("DSSE signature", signingHash, signingSpki, pae(type, payload),
          b64(map(list(env.get("signatures")).get(0)).get("sig")))));
    }

    // 2. the leaf certificate's signature, 3. one embedded SCT
    if (leaf != null) {
      X509CertificateHolder issuer = null;
      Check leafCheck = null;
      for (Object ca : list(root.get("certificateAuthorities"))) {
        for (Object c : list(map(map(ca).get("certChain")).get("certificates"))) {
          X509CertificateHolder candidate = new X509CertificateHolder(b64(map(c).get("rawBytes")));
          if (!candidate.getSubject().equals(leaf.getIssuer())) {
            continue;
          }
          Check k = check("leaf certificate signature", certAlgorithm(leaf),
              candidate.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER),
              leaf.toASN1Structure().getTBSCertificate().getEncoded(ASN1Encoding.DER),
              leaf.getSignature(), false);
          if (k != null) {
            issuer = candidate;
            leafCheck = k;
            break;
          }
        }
        if (issuer != null) {
          break;
        }
      }
      if (leafCheck == null) {
        throw new IllegalStateException("no CA of the trusted root signed the leaf");
      }
      out.add(leafCheck);
      out.add(sct(leaf, issuer, root));
    }

    // 4. per log entry: the SET and the checkpoint
    for (Object o : list(vm.get("tlogEntries"))) {
      Map<String, Object> e = map(o);
      byte[] logId = b64(map(e.get("logId")).get("keyId"));
      byte[] logKey = logKey(root, "tlogs", logId);
      if (e.get("inclusionPromise") != null) {
        String set = "{\"body\":\"" + e.get("canonicalizedBody") + "\",\"integratedTime\":"
            + e.get("integratedTime") + ",\"logID\":\"" + HexFormat.of().formatHex(logId)
            + "\",\"logIndex\":" + e.get("logIndex") + "}";
        out.add(check("signed entry timestamp", hashFor(logKey), logKey,
            set.getBytes(StandardCharsets.UTF_8),
            b64(map(e.get("inclusionPromise")).get("signedEntryTimestamp"))));
      }
      Map<String, Object> proof = e.get("inclusionProof") == null ? null
          : map(e.get("inclusionProof"));
      if (proof != null && proof.get("checkpoint") != null) {
        String envelope = (String) map(proof.get("checkpoint")).get("envelope");
        int split = envelope.indexOf("\n\n");
        byte[] note = envelope.substring(0, split + 1).getBytes(StandardCharsets.UTF_8);
        Check found = null;
        for (String line : envelope.substring(split + 2).split("\n")) {
          byte[] blob = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1));
          Check k = check("checkpoint signature", hashFor(logKey), logKey, note,
              Arrays.copyOfRange(blob, 4, blob.length), false);
          if (k != null) {
            found = k;
            break;
          }
        }
        if (found == null) {
          throw new IllegalStateException("no checkpoint line verifies with the log key");
        }
        out.add(found);
      }
    }

    // 5. RFC 3161 timestamps
    Map<String, Object> tvd = vm.get("timestampVerificationData") == null ? null
        : map(vm.get("timestampVerificationData"));
    if (tvd != null && tvd.get("rfc3161Timestamps") != null) {
      for (Object t : list(tvd.get("rfc3161Timestamps"))) {
        out.add(timestamp(b64(map(t).get("signedTimestamp")), root));
      }
    }
    return out;
  }

  private static Check sct(X509CertificateHolder leaf, X509CertificateHolder issuer,
      Map<String, Object> root) throws Exception {
    Extension ext = leaf.getExtensions().getExtension(
        new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"));
    byte[] list = ASN1OctetString.getInstance(ext.getExtnValue().getOctets()).getOctets();
    int pos = 2;
    int len = ((list[pos] & 0xff) << 8) | (list[pos + 1] & 0xff);
    byte[] sct = Arrays.copyOfRange(list, pos + 2, pos + 2 + len);
    byte[] logId = Arrays.copyOfRange(sct, 1, 33);
    byte[] timestamp = Arrays.copyOfRange(sct, 33, 41);
    int extLen = ((sct[41] & 0xff) << 8) | (sct[42] & 0xff);
    byte[] extensions = Arrays.copyOfRange(sct, 43, 43 + extLen);
    int p = 43 + extLen + 2;
    int sigLen = ((sct[p] & 0xff) << 8) | (sct[p + 1] & 0xff);
    byte[] signature = Arrays.copyOfRange(sct, p + 2, p + 2 + sigLen);
    // the precertificate's TBS: the leaf's without the SCT list extension
    ASN1EncodableVector fields = new ASN1EncodableVector();
    for (ASN1Encodable f : ASN1Sequence.getInstance(
        leaf.toASN1Structure().getTBSCertificate().toASN1Primitive())) {
      if (f instanceof ASN1TaggedObject t && t.getTagNo() == 3) {
        Extensions exts = Extensions.getInstance(t, true);
        List<Extension> kept = new ArrayList<>();
        for (ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
          if (!oid.equals(ext.getExtnId())) {
            kept.add(exts.getExtension(oid));
          }
        }
        fields.add(new DERTaggedObject(true, 3, new Extensions(kept.toArray(new Extension[0]))));
      } else {
        fields.add(f);
      }
    }
    byte[] tbs = new DERSequence(fields).getEncoded(ASN1Encoding.DER);
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    signed.write(0);
    signed.write(0);
    signed.write(timestamp);
    signed.write(0);
    signed.write(1);
    signed.write(java.security.MessageDigest.getInstance("SHA-256").digest(
        issuer.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER)));
    signed.write((tbs.length >>> 16) & 0xff);
    signed.write((tbs.length >>> 8) & 0xff);
    signed.write(tbs.length & 0xff);
    signed.write(tbs);
    signed.write((extensions.length >>> 8) & 0xff);
    signed.write(extensions.length & 0xff);
    signed.write(extensions);
    byte[] key = logKey(root, "ctlogs", logId);
    return check("SCT signature", "SHA256withECDSA", key, signed.toByteArray(), signature);
  }

  private static Check timestamp(byte[] encoded, Map<String, Object> root) throws Exception {
    TimeStampToken token;
    try {
      token = new TimeStampResponse(encoded).getTimeStampToken();
    } catch (Exception e) {
      token = new TimeStampToken(ContentInfo.getInstance(encoded));
    }
    SignerInformation signer = token.toCMSSignedData().getSignerInfos().getSigners().iterator()
        .next();
    String digest = switch (signer.getDigestAlgOID()) {
      case "2.16.840.1.101.3.4.2.2" -> "SHA384";
      case "2.16.840.1.101.3.4.2.3" -> "SHA512";
      default -> "SHA256";
    };
    for (Object tsa : list(root.get("timestampAuthorities"))) {
      Object first = list(map(map(tsa).get("certChain")).get("certificates")).get(0);
      X509CertificateHolder cert = new X509CertificateHolder(b64(map(first).get("rawBytes")));
      if (!signer.getSID().match(cert)) {
        continue;
      }
      byte[] spki = cert.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
      String alg = digest + "with" + (algorithm(spki).equals("RSA") ? "RSA" : "ECDSA");
      return check("RFC 3161 timestamp signature", alg, spki, signer.getEncodedSignedAttributes(),
          signer.getSignature());
    }
    throw new IllegalStateException("no TSA of the trusted root signed the timestamp");
  }

  private static byte[] logKey(Map<String, Object> root, String field, byte[] logId) {
    for (Object o : list(root.get(field))) {
      Map<String, Object> log = map(o);
      if (Arrays.equals(b64(map(log.get("logId")).get("keyId")), logId)) {
        return b64(map(log.get("publicKey")).get("rawBytes"));
      }
    }
    throw new IllegalStateException("log " + Base64.getEncoder().encodeToString(logId)
        + " is not in the trusted root's " + field);
  }

  private static Check check(String what, String alg, byte[] spki, byte[] data, byte[] sig)
      throws GeneralSecurityException {
    Check c = check(what, alg, spki, data, sig, true);
    return c;
  }

  /** Builds a check; verifies it with both providers (null, or an error, when it fails). */
  private static Check check(String what, String alg, byte[] spki, byte[] data, byte[] sig,
      boolean required) throws GeneralSecurityException {
    String keyAlg = algorithm(spki);
    PublicKey jdk = KeyFactory.getInstance(keyAlg).generatePublic(new X509EncodedKeySpec(spki));
    PublicKey bc = KeyFactory.getInstance(keyAlg, BC).generatePublic(new X509EncodedKeySpec(spki));
    Check c = new Check(what, keyAlg.equals("Ed25519") ? "Ed25519" : alg, jdk, bc, spki, false,
        data, sig);
    boolean ok = verify(c, Signature.getInstance(c.algorithm()), c.jdkKey())
        && verify(c, Signature.getInstance(c.algorithm(), BC), c.bcKey());
    if (!ok && required) {
      throw new IllegalStateException(what + " (" + c.algorithm() + ") does not verify");
    }
    return ok ? c : null;
  }

  private static Check bundleKey(Check c) {
    return new Check(c.what(), c.algorithm(), c.jdkKey(), c.bcKey(), c.spki(), true, c.data(),
        c.signature());
  }

  static boolean verify(Check c, Signature engine, PublicKey key) {
    try {
      engine.initVerify(key);
      engine.update(c.data());
      return engine.verify(c.signature());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The key algorithm of a SubjectPublicKeyInfo: EC, RSA or Ed25519. */
  private static String algorithm(byte[] spki) {
    String oid = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(spki).getAlgorithm()
        .getAlgorithm().getId();
    return switch (oid) {
      case "1.2.840.10045.2.1" -> "EC";
      case "1.2.840.113549.1.1.1" -> "RSA";
      case "1.3.101.112" -> "Ed25519";
      default -> throw new IllegalStateException("key algorithm " + oid);
    };
  }

  /** ECDSA with the curve's hash (P-256: SHA-256, P-384: SHA-384), Ed25519, or RSA with SHA-256. */
  private static String hashFor(byte[] spki) {
    String alg = algorithm(spki);
    if (alg.equals("Ed25519")) {
      return "Ed25519";
    }
    if (alg.equals("RSA")) {
      return "SHA256withRSA";
    }
    String curve = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(spki).getAlgorithm()
        .getParameters().toString();
    return switch (curve) {
      case "1.3.132.0.34" -> "SHA384withECDSA";
      case "1.3.132.0.35" -> "SHA512withECDSA";
      default -> "SHA256withECDSA";
    };
  }

  private static String certAlgorithm(X509CertificateHolder cert) {
    return switch (cert.getSignatureAlgorithm().getAlgorithm().getId()) {
      case "1.2.840.10045.4.3.2" -> "SHA256withECDSA";
      case "1.2.840.10045.4.3.3" -> "SHA384withECDSA";
      case "1.2.840.10045.4.3.4" -> "SHA512withECDSA";
      case "1.2.840.113549.1.1.11" -> "SHA256withRSA";
      case "1.2.840.113549.1.1.12" -> "SHA384withRSA";
      case "1.3.101.112" -> "Ed25519";
      default -> throw new IllegalStateException("certificate signature algorithm "
          + cert.getSignatureAlgorithm().getAlgorithm());
    };
  }

  private static byte[] pae(String type, byte[] payload) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] t = type.getBytes(StandardCharsets.UTF_8);
    out.write(("DSSEv1 " + t.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.write(t);
    out.write((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.write(payload);
    return out.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return o == null ? List.of() : (List<Object>) o;
  }

  private static byte[] b64(Object o) {
    return Base64.getDecoder().decode((String) o);
  }
}
