package dev.npmauth.impl.provenance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
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
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A throw-away Sigstore for unit tests: a CA, a Rekor key and a CT log key, all generated, that
 * issue Fulcio-style leaf certificates (with SCTs and Fulcio extensions) and produce v0.1 (SET)
 * or v0.3 (SET + inclusion proof + checkpoint) bundles with hashedrekord entries. Written from
 * the formats (RFC 6962, the Rekor SET payload, C2SP signed notes), not from the verifier's code.
 */
final class FakeSigstore {
  static final String REKOR_HOST = "fake-rekor.test";
  static final String ISSUER = "https://token.actions.githubusercontent.com";
  static final String FULCIO_ARC = "1.3.6.1.4.1.57264.1";

  final KeyPair caKey = ec();
  final KeyPair rekorKey = ec();
  final KeyPair ctKey = ec();
  final Instant caStart = Instant.parse("2024-01-01T00:00:00Z");
  final X509CertificateHolder ca;

  FakeSigstore() {
    try {
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("O=fake,CN=fake-ca"),
          BigInteger.ONE, Date.from(caStart), Date.from(caStart.plusSeconds(86400L * 3650)),
          new X500Name("O=fake,CN=fake-ca"), caKey.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
      ca = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate()));
    } catch (IOException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the leaf certificate says. */
  static final class Leaf {
    GeneralName san = new GeneralName(GeneralName.uniformResourceIdentifier,
        "https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1.0.0");
    final Map<Integer, String> extensions = new LinkedHashMap<>();
    Instant notBefore = Instant.parse("2024-06-01T12:00:00Z");
    boolean sct = true;
    boolean codeSigning = true;
    long integratedAfterNotBefore = 60;
    boolean precertificatePoison;

    Leaf() {
      extensions.put(1, ISSUER);
      extensions.put(8, ISSUER);
      extensions.put(9, "https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1.0.0");
      extensions.put(12, "https://github.com/acme/widget");
      extensions.put(14, "refs/tags/v1.0.0");
      extensions.put(18, "https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1.0.0");
    }
  }

  /** A signed artifact: the bundle and what went into it. */
  static final class Signed {
    final byte[] bundleJson;
    final X509CertificateHolder leaf;
    final KeyPair leafKey;

    Signed(byte[] bundleJson, X509CertificateHolder leaf, KeyPair leafKey) {
      this.bundleJson = bundleJson;
      this.leaf = leaf;
      this.leafKey = leafKey;
    }
  }

  /** A leaf issued by the CA, with an SCT by the CT key embedded when asked. */
  X509CertificateHolder issue(Leaf spec, KeyPair leafKey) throws Exception {
    BigInteger serial = new BigInteger(64, new SecureRandom());
    X509CertificateHolder pre = leafCert(spec, leafKey, serial, null);
    if (!spec.sct) {
      return pre;
    }
    byte[] sctList = sctList(pre, spec.notBefore.toEpochMilli());
    return leafCert(spec, leafKey, serial, sctList);
  }

  private X509CertificateHolder leafCert(Leaf spec, KeyPair leafKey, BigInteger serial,
      byte[] sctList) throws Exception {
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.getSubject(), serial,
        Date.from(spec.notBefore), Date.from(spec.notBefore.plusSeconds(600)), new X500Name(""),
        leafKey.getPublic());
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
        spec.codeSigning ? KeyPurposeId.id_kp_codeSigning : KeyPurposeId.id_kp_emailProtection));
    b.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(spec.san));
    for (Map.Entry<Integer, String> e : spec.extensions.entrySet()) {
      byte[] value = e.getKey() <= 6 ? e.getValue().getBytes(StandardCharsets.UTF_8)
          : new DERUTF8String(e.getValue()).getEncoded();
      b.addExtension(new ASN1ObjectIdentifier(FULCIO_ARC + "." + e.getKey()), false, value);
    }
    if (spec.precertificatePoison) {
      b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3"), true,
          org.bouncycastle.asn1.DERNull.INSTANCE);
    }
    if (sctList != null) {
      b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"), false,
          new DEROctetString(sctList));
    }
    return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate()));
  }

  /** RFC 6962: an SCT over the precertificate (the TBS without the SCT extension). */
  private byte[] sctList(X509CertificateHolder pre, long timestamp) throws Exception {
    byte[] tbs = pre.toASN1Structure().getTBSCertificate().getEncoded();
    byte[] issuerKeyHash = sha256(ca.getSubjectPublicKeyInfo().getEncoded());
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    signed.write(0);
    signed.write(0);
    writeLong(signed, timestamp);
    signed.write(new byte[] {0, 1});
    signed.write(issuerKeyHash);
    signed.write(new byte[] {(byte) (tbs.length >> 16), (byte) (tbs.length >> 8), (byte) tbs.length});
    signed.write(tbs);
    signed.write(new byte[] {0, 0});
    byte[] sig = sign(ctKey.getPrivate(), signed.toByteArray());
    ByteArrayOutputStream sct = new ByteArrayOutputStream();
    sct.write(0);
    sct.write(sha256(ctKey.getPublic().getEncoded()));
    writeLong(sct, timestamp);
    sct.write(new byte[] {0, 0, 4, 3, (byte) (sig.length >> 8), (byte) sig.length});
    sct.write(sig);
    byte[] one = sct.toByteArray();
    ByteArrayOutputStream list = new ByteArrayOutputStream();
    int total = one.length + 2;
    list.write(new byte[] {(byte) (total >> 8), (byte) total, (byte) (one.length >> 8), (byte) one.length});
    list.write(one);
    return list.toByteArray();
  }

  /** Signs the artifact and logs it: a v0.1 bundle (SET only) or v0.3 (SET, proof, checkpoint). */
  Signed sign(byte[] artifact, Leaf spec, boolean v03) throws Exception {
    KeyPair leafKey = ec();
    X509CertificateHolder leaf = issue(spec, leafKey);
    byte[] signature = sign(leafKey.getPrivate(), artifact);
    byte[] digest = sha256(artifact);
    String pem = pem("CERTIFICATE", leaf.getEncoded());
    String body = "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":"
        + "{\"algorithm\":\"sha256\",\"value\":\"" + HexFormat.of().formatHex(digest) + "\"}},"
        + "\"signature\":{\"content\":\"" + b64(signature) + "\",\"publicKey\":{\"content\":\""
        + b64(pem.getBytes(StandardCharsets.UTF_8)) + "\"}}}}";
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    long integratedTime = spec.notBefore.getEpochSecond() + spec.integratedAfterNotBefore;
    long logIndex = 4242;
    byte[] logId = sha256(rekorKey.getPublic().getEncoded());
    String setPayload = "{\"body\":\"" + b64(bodyBytes) + "\",\"integratedTime\":" + integratedTime
        + ",\"logID\":\"" + HexFormat.of().formatHex(logId) + "\",\"logIndex\":" + logIndex + "}";
    byte[] set = sign(rekorKey.getPrivate(), setPayload.getBytes(StandardCharsets.UTF_8));
    StringBuilder entry = new StringBuilder();
    entry.append("{\"logIndex\":\"").append(logIndex).append("\",\"logId\":{\"keyId\":\"")
        .append(b64(logId)).append("\"},\"kindVersion\":{\"kind\":\"hashedrekord\",\"version\":\"0.0.1\"},")
        .append("\"integratedTime\":\"").append(integratedTime).append("\",")
        .append("\"inclusionPromise\":{\"signedEntryTimestamp\":\"").append(b64(set)).append("\"},");
    if (v03) {
      // A tree of three leaves; ours is the last, so its audit path is the hash of the first two.
      byte[] l0 = leafHash("zero".getBytes(StandardCharsets.UTF_8));
      byte[] l1 = leafHash("one".getBytes(StandardCharsets.UTF_8));
      byte[] left = nodeHash(l0, l1);
      byte[] root = nodeHash(left, leafHash(bodyBytes));
      String note = REKOR_HOST + " - 77\n3\n" + b64(root) + "\nTimestamp: 1\n";
      byte[] noteSig = sign(rekorKey.getPrivate(), note.getBytes(StandardCharsets.UTF_8));
      byte[] blob = new byte[4 + noteSig.length];
      System.arraycopy(logId, 0, blob, 0, 4);
      System.arraycopy(noteSig, 0, blob, 4, noteSig.length);
      String envelope = note + "\n\u2014 " + REKOR_HOST + " " + b64(blob) + "\n";
      entry.append("\"inclusionProof\":{\"logIndex\":\"2\",\"rootHash\":\"").append(b64(root))
          .append("\",\"treeSize\":\"3\",\"hashes\":[\"").append(b64(left)).append("\"],")
          .append("\"checkpoint\":{\"envelope\":").append(jsonString(envelope)).append("}},");
    }
    entry.append("\"canonicalizedBody\":\"").append(b64(bodyBytes)).append("\"}");
    String material = v03 ? "\"certificate\":{\"rawBytes\":\"" + b64(leaf.getEncoded()) + "\"}"
        : "\"x509CertificateChain\":{\"certificates\":[{\"rawBytes\":\"" + b64(leaf.getEncoded())
            + "\"}]}";
    String bundle = "{\"mediaType\":\"" + (v03 ? "application/vnd.dev.sigstore.bundle.v0.3+json"
        : "application/vnd.dev.sigstore.bundle+json;version=0.1") + "\","
        + "\"verificationMaterial\":{" + material + ",\"tlogEntries\":[" + entry + "]},"
        + "\"messageSignature\":{\"messageDigest\":{\"algorithm\":\"SHA2_256\",\"digest\":\""
        + b64(digest) + "\"},\"signature\":\"" + b64(signature) + "\"}}";
    return new Signed(bundle.getBytes(StandardCharsets.UTF_8), leaf, leafKey);
  }

  /** The trusted root naming this CA, Rekor key and CT key. */
  byte[] trustedRoot() throws IOException {
    String start = caStart.toString();
    String root = "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\","
        + "\"tlogs\":[" + log("https://" + REKOR_HOST, rekorKey, start) + "],"
        + "\"certificateAuthorities\":[{\"subject\":{\"organization\":\"fake\",\"commonName\":\"fake-ca\"},"
        + "\"uri\":\"https://fake-fulcio.test\",\"certChain\":{\"certificates\":[{\"rawBytes\":\""
        + b64(ca.getEncoded()) + "\"}]},\"validFor\":{\"start\":\"" + start + "\"}}],"
        + "\"ctlogs\":[" + log("https://fake-ct.test", ctKey, start) + "],"
        + "\"timestampAuthorities\":[]}";
    return root.getBytes(StandardCharsets.UTF_8);
  }

  private static String log(String url, KeyPair key, String start) {
    return "{\"baseUrl\":\"" + url + "\",\"hashAlgorithm\":\"SHA2_256\",\"publicKey\":{\"rawBytes\":\""
        + b64(key.getPublic().getEncoded()) + "\",\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\","
        + "\"validFor\":{\"start\":\"" + start + "\"}},\"logId\":{\"keyId\":\""
        + b64(sha256(key.getPublic().getEncoded())) + "\"}}";
  }

  static byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key);
    s.update(data);
    return s.sign();
  }

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] leafHash(byte[] data) {
    return sha256(new byte[] {0}, data);
  }

  static byte[] nodeHash(byte[] l, byte[] r) {
    return sha256(new byte[] {1}, l, r);
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  static String pem(String type, byte[] der) throws IOException {
    StringWriter w = new StringWriter();
    try (PemWriter pw = new PemWriter(w)) {
      pw.writeObject(new PemObject(type, der));
    }
    return w.toString();
  }

  static String jsonString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '\n') {
        sb.append("\\n");
      } else if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static void writeLong(ByteArrayOutputStream out, long v) {
    for (int i = 7; i >= 0; i--) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }

  /** An otherName SAN carrying a Fulcio username (OID .7). */
  static GeneralName usernameSan(String user) {
    List<ASN1Encodable> parts = new ArrayList<>();
    parts.add(new ASN1ObjectIdentifier(FULCIO_ARC + ".7"));
    parts.add(new DERTaggedObject(true, 0, new DERUTF8String(user)));
    return new GeneralName(GeneralName.otherName, new DERSequence(parts.toArray(new ASN1Encodable[0])));
  }
}
