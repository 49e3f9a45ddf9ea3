package dev.npmauth.impl.provenance;

import static dev.npmauth.impl.provenance.JsonTree.optArray;
import static dev.npmauth.impl.provenance.JsonTree.optObject;
import static dev.npmauth.impl.provenance.JsonTree.optString;
import static dev.npmauth.impl.provenance.JsonTree.reqObject;
import static dev.npmauth.impl.provenance.JsonTree.reqString;

import dev.npmauth.impl.provenance.Bundle.TlogEntry;
import dev.npmauth.impl.provenance.JsonTree.ShapeException;
import dev.npmauth.provenance.Artifact;
import dev.npmauth.provenance.HashAlgorithm;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Checks that a Rekor entry body ({@code canonicalizedBody}) records this bundle: the same
 * signature, the same digest (artifact or DSSE payload) and the same signer (certificate or
 * key). Supports hashedrekord 0.0.1/0.0.2, intoto 0.0.2 and dsse 0.0.1/0.0.2.
 */
final class TlogBodies {
  private TlogBodies() {
  }

  /** Who signed: the leaf certificate's DER (keyless) or the managed key's SPKI DER. */
  static final class Signer {
    final byte[] certificateDer;
    final byte[] keySpki;

    Signer(byte[] certificateDer, byte[] keySpki) {
      this.certificateDer = certificateDer;
      this.keySpki = keySpki;
    }
  }

  /** Null when the body records the bundle, else why not. */
  static String problem(TlogEntry entry, Bundle bundle, Signer signer, Artifact artifact) {
    try {
      Map<String, Object> body = JsonTree.parseObject(entry.canonicalizedBody);
      String kind = reqString(body, "kind", "body");
      String apiVersion = reqString(body, "apiVersion", "body");
      if (!kind.equals(entry.kind) || !apiVersion.equals(entry.kindVersion)) {
        return "the body is " + kind + " " + apiVersion + " but the entry says " + entry.kind + " "
            + entry.kindVersion;
      }
      Map<String, Object> spec = reqObject(body, "spec", "body");
      switch (kind + " " + apiVersion) {
        case "hashedrekord 0.0.1":
          return hashedRekord001(spec, bundle, signer, artifact);
        case "hashedrekord 0.0.2":
          return hashedRekord002(reqObject(spec, "hashedRekordV002", "body.spec"), bundle, signer,
              artifact);
        case "intoto 0.0.2":
          return intoto002(reqObject(spec, "content", "body.spec"), bundle, signer);
        case "dsse 0.0.1":
          return dsse001(spec, bundle, signer);
        case "dsse 0.0.2":
          return dsse002(reqObject(spec, "dsseV002", "body.spec"), bundle, signer);
        default:
          return "unsupported entry kind " + kind + " " + apiVersion;
      }
    } catch (ShapeException e) {
      return "the body is malformed: " + e.getMessage();
    }
  }

  private static String hashedRekord001(Map<String, Object> spec, Bundle b, Signer signer,
      Artifact artifact) throws ShapeException {
    if (b.messageSignature == null) {
      return "a hashedrekord 0.0.1 entry cannot record a DSSE envelope";
    }
    Map<String, Object> hash = reqObject(reqObject(spec, "data", "spec"), "hash", "spec.data");
    String alg = reqString(hash, "algorithm", "spec.data.hash");
    byte[] value = hex(reqString(hash, "value", "spec.data.hash"), "spec.data.hash.value");
    HashAlgorithm a = HashAlgorithm.fromShortName(alg).orElse(null);
    if (a == null || a != b.messageSignature.digestAlgorithm) {
      return "the entry hashes with '" + alg + "', the bundle with "
          + b.messageSignature.digestAlgorithmName;
    }
    if (!artifact.digestEquals(a, value)) {
      return "the entry's digest " + Bytes.hex(value) + " is not the artifact's "
          + a.shortName() + " digest";
    }
    Map<String, Object> sig = reqObject(spec, "signature", "spec");
    byte[] content = b64(reqString(sig, "content", "spec.signature"), "spec.signature.content");
    if (!Bytes.equal(content, b.messageSignature.signature)) {
      return "the entry's signature differs from the bundle's";
    }
    Map<String, Object> pk = reqObject(sig, "publicKey", "spec.signature");
    return pemSigner(reqString(pk, "content", "spec.signature.publicKey"), signer);
  }

  private static String hashedRekord002(Map<String, Object> spec, Bundle b, Signer signer,
      Artifact artifact) throws ShapeException {
    Map<String, Object> data = reqObject(spec, "data", "spec");
    String alg = reqString(data, "algorithm", "spec.data");
    HashAlgorithm a = HashAlgorithm.fromSigstoreName(alg).orElse(null);
    byte[] digest = b64(reqString(data, "digest", "spec.data"), "spec.data.digest");
    if (a == null) {
      return "the entry uses unsupported hash '" + alg + "'";
    }
    byte[] bundleSig;
    if (b.messageSignature != null) {
      if (a != b.messageSignature.digestAlgorithm) {
        return "the entry hashes with " + alg + ", the bundle with "
            + b.messageSignature.digestAlgorithmName;
      }
      if (!artifact.digestEquals(a, digest)) {
        return "the entry's digest is not the artifact's " + a.shortName() + " digest";
      }
      bundleSig = b.messageSignature.signature;
    } else {
      byte[] pae = Dsse.pae(b.dsse.payloadType, b.dsse.payload);
      if (!Bytes.equal(Bytes.digest(a, pae), digest)) {
        return "the entry's digest is not the hash of the DSSE envelope's PAE";
      }
      bundleSig = b.signatureBytes();
    }
    Map<String, Object> sig = reqObject(spec, "signature", "spec");
    byte[] content = b64(reqString(sig, "content", "spec.signature"), "spec.signature.content");
    if (!Bytes.equal(content, bundleSig)) {
      return "the entry's signature differs from the bundle's";
    }
    return verifierSigner(reqObject(sig, "verifier", "spec.signature"), signer);
  }

  private static String intoto002(Map<String, Object> content, Bundle b, Signer signer)
      throws ShapeException {
    if (b.dsse == null) {
      return "an intoto entry cannot record a message signature";
    }
    Map<String, Object> env = reqObject(content, "envelope", "spec.content");
    String payloadType = optString(env, "payloadType", "spec.content.envelope");
    if (payloadType != null && !payloadType.equals(b.dsse.payloadType)) {
      return "the entry's payload type differs from the envelope's";
    }
    List<Object> sigs = optArray(env, "signatures", "spec.content.envelope");
    if (sigs == null || sigs.size() != 1) {
      return "the entry must record exactly one signature";
    }
    Map<String, Object> s = JsonTree.object(sigs.get(0), "spec.content.envelope.signatures[0]");
    // The intoto type stores the signature base64-encoded twice.
    byte[] once = b64(reqString(s, "sig", "signatures[0]"), "signatures[0].sig");
    byte[] sig = b64(new String(once, StandardCharsets.US_ASCII), "signatures[0].sig (inner)");
    if (!Bytes.equal(sig, b.signatureBytes())) {
      return "the entry's signature differs from the envelope's";
    }
    String problem = payloadHash(reqObject(content, "payloadHash", "spec.content"), b);
    if (problem != null) {
      return problem;
    }
    return pemSigner(reqString(s, "publicKey", "signatures[0]"), signer);
  }

  private static String dsse001(Map<String, Object> spec, Bundle b, Signer signer)
      throws ShapeException {
    if (b.dsse == null) {
      return "a dsse entry cannot record a message signature";
    }
    List<Object> sigs = optArray(spec, "signatures", "spec");
    if (sigs == null || sigs.size() != 1) {
      return "the entry must record exactly one signature";
    }
    Map<String, Object> s = JsonTree.object(sigs.get(0), "spec.signatures[0]");
    byte[] sig = b64(reqString(s, "signature", "signatures[0]"), "signatures[0].signature");
    if (!Bytes.equal(sig, b.signatureBytes())) {
      return "the entry's signature differs from the envelope's";
    }
    String problem = payloadHash(reqObject(spec, "payloadHash", "spec"), b);
    if (problem != null) {
      return problem;
    }
    return pemSigner(reqString(s, "verifier", "signatures[0]"), signer);
  }

  private static String dsse002(Map<String, Object> spec, Bundle b, Signer signer)
      throws ShapeException {
    if (b.dsse == null) {
      return "a dsse entry cannot record a message signature";
    }
    Map<String, Object> ph = reqObject(spec, "payloadHash", "spec");
    HashAlgorithm a = HashAlgorithm.fromSigstoreName(reqString(ph, "algorithm", "spec.payloadHash"))
        .orElse(null);
    byte[] digest = b64(reqString(ph, "digest", "spec.payloadHash"), "spec.payloadHash.digest");
    if (a == null || !Bytes.equal(Bytes.digest(a, b.dsse.payload), digest)) {
      return "the entry's payload hash is not the hash of the envelope's payload";
    }
    List<Object> sigs = optArray(spec, "signatures", "spec");
    if (sigs == null || sigs.size() != 1) {
      return "the entry must record exactly one signature";
    }
    Map<String, Object> s = JsonTree.object(sigs.get(0), "spec.signatures[0]");
    byte[] sig = b64(reqString(s, "content", "signatures[0]"), "signatures[0].content");
    if (!Bytes.equal(sig, b.signatureBytes())) {
      return "the entry's signature differs from the envelope's";
    }
    return verifierSigner(reqObject(s, "verifier", "signatures[0]"), signer);
  }

  private static String payloadHash(Map<String, Object> ph, Bundle b) throws ShapeException {
    String alg = reqString(ph, "algorithm", "payloadHash");
    HashAlgorithm a = HashAlgorithm.fromShortName(alg).orElse(null);
    byte[] value = hex(reqString(ph, "value", "payloadHash"), "payloadHash.value");
    if (a == null || !Bytes.equal(Bytes.digest(a, b.dsse.payload), value)) {
      return "the entry's payload hash is not the hash of the envelope's payload";
    }
    return null;
  }

  /** A Rekor v2 {@code verifier}: {@code x509Certificate} or {@code publicKey}. */
  private static String verifierSigner(Map<String, Object> verifier, Signer signer)
      throws ShapeException {
    Map<String, Object> cert = optObject(verifier, "x509Certificate", "verifier");
    if (cert != null) {
      byte[] der = JsonTree.reqBytes(cert, "rawBytes", "verifier.x509Certificate");
      return Bytes.equal(der, signer.certificateDer) ? null
          : "the entry's certificate is not the bundle's signing certificate";
    }
    Map<String, Object> key = optObject(verifier, "publicKey", "verifier");
    if (key != null) {
      byte[] spki = JsonTree.reqBytes(key, "rawBytes", "verifier.publicKey");
      return signer.certificateDer == null && Bytes.equal(spki, signer.keySpki) ? null
          : "the entry's public key is not the bundle's signing key";
    }
    return "the entry names no verifier";
  }

  /** A base64-encoded PEM certificate or public key, compared with the signer. */
  private static String pemSigner(String base64Pem, Signer signer) throws ShapeException {
    String pem = new String(b64(base64Pem, "publicKey"), StandardCharsets.UTF_8);
    PemObject obj;
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      obj = reader.readPemObject();
    } catch (IOException | RuntimeException e) {
      return "the entry's signer is not PEM";
    }
    if (obj == null) {
      return "the entry's signer is not PEM";
    }
    if ("CERTIFICATE".equals(obj.getType())) {
      return Bytes.equal(obj.getContent(), signer.certificateDer) ? null
          : "the entry's certificate is not the bundle's signing certificate";
    }
    if ("PUBLIC KEY".equals(obj.getType())) {
      return signer.certificateDer == null && Bytes.equal(obj.getContent(), signer.keySpki) ? null
          : "the entry's public key is not the bundle's signing key";
    }
    return "the entry's signer is a PEM " + obj.getType();
  }

  private static byte[] b64(String text, String path) throws ShapeException {
    try {
      return Bytes.base64(text);
    } catch (IllegalArgumentException e) {
      throw new ShapeException(path + " is not base64");
    }
  }

  private static byte[] hex(String text, String path) throws ShapeException {
    byte[] b = Bytes.fromHex(text);
    if (b == null) {
      throw new ShapeException(path + " is not hex");
    }
    return b;
  }
}
