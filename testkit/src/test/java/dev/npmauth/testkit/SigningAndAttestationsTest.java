package dev.npmauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The registry's signatures and attestations, checked with the JDK alone from the formats
 * (npm's signed message, DSSE PAE, Rekor's SET payload, RFC 6962 inclusion proofs).
 */
@Tag("fake")
@SuppressWarnings("unchecked")
class SigningAndAttestationsTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private FakeRegistry registry;
  private TestHttp http;
  private String admin;

  @BeforeEach
  void start() {
    registry = FakeRegistry.builder().clock(new MutableClock(NOW)).start();
    http = new TestHttp(registry.url());
    admin = TestHttp.bearer(registry.adminToken());
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private void publish(String name, String version, byte[] tgz, String provenance) throws Exception {
    Map<String, Object> doc = Packages.publishDoc(name, version, tgz, "public");
    if (provenance != null) {
      Map<String, Object> attachments = (Map<String, Object>) doc.get("_attachments");
      Map<String, Object> sigstore = new LinkedHashMap<>();
      sigstore.put("content_type", "application/vnd.dev.sigstore.bundle.v0.3+json");
      sigstore.put("data", provenance);
      sigstore.put("length", provenance.length());
      attachments.put(name + "-" + version + ".sigstore", sigstore);
    }
    HttpResponse<String> put = http.put(Packages.path(name), TestHttp.toJson(doc), "authorization", admin);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
  }

  private static PublicKey key(String base64Spki) throws Exception {
    return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64Spki)));
  }

  private static boolean verifies(PublicKey key, byte[] message, byte[] derSignature) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initVerify(key);
    s.update(message);
    return s.verify(derSignature);
  }

  private Map<String, Object> dist(String name, String version, String accept) throws Exception {
    Map<String, Object> doc = TestHttp.json(http.get(Packages.path(name), "accept", accept).body());
    return TestHttp.object(TestHttp.object(TestHttp.object(doc, "versions"), version), "dist");
  }

  @Test
  void keysEndpointListsTheSigningKeyInNpmsShape() throws Exception {
    HttpResponse<String> r = http.get("/-/npm/v1/keys");

    assertThat(r.statusCode()).isEqualTo(200);
    List<Object> keys = TestHttp.list(TestHttp.json(r.body()), "keys");
    assertThat(keys).hasSize(1);
    Map<String, Object> k = (Map<String, Object>) keys.get(0);
    assertThat(k).containsEntry("expires", null).containsEntry("keytype", "ecdsa-sha2-nistp256")
        .containsEntry("scheme", "ecdsa-sha2-nistp256")
        .containsEntry("keyid", registry.signingKey().keyId())
        .containsEntry("key", registry.signingKey().publicKeyBase64());
    assertThat((String) k.get("keyid")).matches("SHA256:[A-Za-z0-9+/]{43}");
  }

  @Test
  void everyStoredVersionIsSignedOverNameVersionAndIntegrityInBothPackuments() throws Exception {
    byte[] tgz = Packages.tarball("@acme/widgets", "1.0.0", 100);
    publish("@acme/widgets", "1.0.0", tgz, null);
    PublicKey key = key(registry.signingKey().publicKeyBase64());
    byte[] message = ("@acme/widgets@1.0.0:" + Packages.integrity(tgz)).getBytes(StandardCharsets.UTF_8);

    for (String accept : List.of("application/json", TestHttp.NPM_ACCEPT)) {
      Map<String, Object> dist = dist("@acme/widgets", "1.0.0", accept);
      List<Object> signatures = TestHttp.list(dist, "signatures");
      assertThat(signatures).hasSize(1);
      Map<String, Object> sig = (Map<String, Object>) signatures.get(0);
      assertThat(sig).containsEntry("keyid", registry.signingKey().keyId());
      assertThat(verifies(key, message, Base64.getDecoder().decode((String) sig.get("sig")))).isTrue();
      assertThat(dist).doesNotContainKey("attestations");
    }
    assertThat(http.get("/-/npm/v1/attestations/@acme%2fwidgets@1.0.0").statusCode()).isEqualTo(404);
  }

  @Test
  void provenanceThatCameWithThePublishIsServedWithTheRegistrysPublishAttestation() throws Exception {
    byte[] tgz = Packages.tarball("@acme/widgets", "2.0.0", 100);
    String provenance = registry.provenanceBundle(tgz, "@acme/widgets", "2.0.0",
        GitHubRun.of("acme/widgets", "release.yml"));
    publish("@acme/widgets", "2.0.0", tgz, provenance);

    Map<String, Object> dist = dist("@acme/widgets", "2.0.0", "application/json");
    assertThat(TestHttp.object(dist, "attestations")).containsEntry("url",
        registry.url() + "-/npm/v1/attestations/@acme/widgets@2.0.0");
    assertThat(TestHttp.object(TestHttp.object(dist, "attestations"), "provenance"))
        .containsEntry("predicateType", "https://slsa.dev/provenance/v1");

    HttpResponse<String> escaped = http.get("/-/npm/v1/attestations/@acme%2fwidgets@2.0.0");
    HttpResponse<String> plain = http.get("/-/npm/v1/attestations/@acme/widgets@2.0.0");
    assertThat(escaped.statusCode()).isEqualTo(200);
    assertThat(plain.body()).isEqualTo(escaped.body());
    List<Object> attestations = TestHttp.list(TestHttp.json(escaped.body()), "attestations");
    assertThat(attestations).extracting(a -> ((Map<String, Object>) a).get("predicateType")).containsExactly(
        "https://github.com/npm/attestation/tree/main/specs/publish/v0.1", "https://slsa.dev/provenance/v1");
    assertThat(TestHttp.toJson(((Map<String, Object>) attestations.get(1)).get("bundle")))
        .isEqualTo(TestHttp.toJson(TestHttp.json(provenance)));

    Map<String, Object> bundle = TestHttp.object((Map<String, Object>) attestations.get(0), "bundle");
    assertThat(bundle).containsEntry("mediaType", "application/vnd.dev.sigstore.bundle+json;version=0.2");
    Map<String, Object> material = TestHttp.object(bundle, "verificationMaterial");
    assertThat(TestHttp.object(material, "publicKey")).containsEntry("hint", registry.signingKey().keyId());
    Map<String, Object> envelope = TestHttp.object(bundle, "dsseEnvelope");
    byte[] payload = Base64.getDecoder().decode((String) envelope.get("payload"));
    Map<String, Object> signature = (Map<String, Object>) TestHttp.list(envelope, "signatures").get(0);
    assertThat(signature).containsEntry("keyid", registry.signingKey().keyId());
    String type = "application/vnd.in-toto+json";
    byte[] pae = concat(("DSSEv1 " + type.length() + " " + type + " " + payload.length + " ")
        .getBytes(StandardCharsets.UTF_8), payload);
    assertThat(verifies(key(registry.signingKey().publicKeyBase64()), pae,
        Base64.getDecoder().decode((String) signature.get("sig")))).isTrue();

    Map<String, Object> statement = TestHttp.json(new String(payload, StandardCharsets.UTF_8));
    assertThat(statement).containsEntry("_type", "https://in-toto.io/Statement/v0.1")
        .containsEntry("predicateType", "https://github.com/npm/attestation/tree/main/specs/publish/v0.1");
    Map<String, Object> subject = (Map<String, Object>) TestHttp.list(statement, "subject").get(0);
    assertThat(subject).containsEntry("name", "pkg:npm/%40acme/widgets@2.0.0");
    assertThat(TestHttp.object(subject, "digest")).containsEntry("sha512",
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(tgz)));
    assertThat(TestHttp.object(statement, "predicate")).containsEntry("name", "@acme/widgets")
        .containsEntry("version", "2.0.0");

    Map<String, Object> entry = (Map<String, Object>) TestHttp.list(material, "tlogEntries").get(0);
    assertThat(entry).containsEntry("integratedTime", String.valueOf(NOW.getEpochSecond()));
    assertThat(TestHttp.object(entry, "kindVersion")).containsEntry("kind", "intoto").containsEntry("version", "0.0.2");
    Map<String, Object> root = TestHttp.json(registry.sigstoreTrustedRoot());
    Map<String, Object> tlog = (Map<String, Object>) TestHttp.list(root, "tlogs").get(0);
    PublicKey logKey = key((String) TestHttp.object(tlog, "publicKey").get("rawBytes"));
    byte[] logId = Base64.getDecoder().decode((String) TestHttp.object(tlog, "logId").get("keyId"));
    String setPayload = "{\"body\":\"" + entry.get("canonicalizedBody") + "\",\"integratedTime\":"
        + entry.get("integratedTime") + ",\"logID\":\"" + HexFormat.of().formatHex(logId)
        + "\",\"logIndex\":" + entry.get("logIndex") + "}";
    assertThat(verifies(logKey, setPayload.getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(
        (String) TestHttp.object(entry, "inclusionPromise").get("signedEntryTimestamp")))).isTrue();

    Map<String, Object> proof = TestHttp.object(entry, "inclusionProof");
    byte[] body = Base64.getDecoder().decode((String) entry.get("canonicalizedBody"));
    byte[] computed = rootFromProof(Long.parseLong((String) proof.get("logIndex")),
        Long.parseLong((String) proof.get("treeSize")), sha256(new byte[] {0}, body),
        TestHttp.list(proof, "hashes").stream().map(h -> Base64.getDecoder().decode((String) h)).toList());
    assertThat(Base64.getEncoder().encodeToString(computed)).isEqualTo(proof.get("rootHash"));
    String note = (String) TestHttp.object(proof, "checkpoint").get("envelope");
    String[] parts = note.split("\n\n", 2);
    assertThat(parts[0].split("\n")[2]).isEqualTo(proof.get("rootHash"));
    String sigLine = parts[1].trim();
    assertThat(sigLine).startsWith("\u2014 rekor.fake-sigstore.test ");
    byte[] blob = Base64.getDecoder().decode(sigLine.substring(sigLine.lastIndexOf(' ') + 1));
    assertThat(Arrays.copyOf(blob, 4)).isEqualTo(Arrays.copyOf(logId, 4));
    assertThat(verifies(logKey, (parts[0] + "\n").getBytes(StandardCharsets.UTF_8),
        Arrays.copyOfRange(blob, 4, blob.length))).isTrue();
  }

  @Test
  void inclusionProofsHoldForEveryEntryAsTheLogGrows() throws Exception {
    for (int i = 0; i < 7; i++) {
      byte[] tgz = Packages.tarball("p" + i, "1.0.0", 10);
      publish("p" + i, "1.0.0", tgz, registry.provenanceBundle(tgz, "p" + i, "1.0.0",
          GitHubRun.of("acme/p", "release.yml")));
    }
    for (int i = 0; i < 7; i++) {
      for (Object a : TestHttp.list(TestHttp.json(registry.attestations("p" + i, "1.0.0").orElseThrow()),
          "attestations")) {
        Map<String, Object> entry = (Map<String, Object>) TestHttp.list(TestHttp.object(TestHttp.object(
            (Map<String, Object>) a, "bundle"), "verificationMaterial"), "tlogEntries").get(0);
        Map<String, Object> proof = TestHttp.object(entry, "inclusionProof");
        byte[] body = Base64.getDecoder().decode((String) entry.get("canonicalizedBody"));
        byte[] computed = rootFromProof(Long.parseLong((String) proof.get("logIndex")),
            Long.parseLong((String) proof.get("treeSize")), sha256(new byte[] {0}, body),
            TestHttp.list(proof, "hashes").stream().map(h -> Base64.getDecoder().decode((String) h)).toList());
        assertThat(Base64.getEncoder().encodeToString(computed)).isEqualTo(proof.get("rootHash"));
      }
    }
  }

  @Test
  void tamperHooksChangeWhatIsServedAndOnlyTheAdminMayUseTheHttpHook() throws Exception {
    byte[] tgz = Packages.tarball("demo", "1.0.0", 10);
    publish("demo", "1.0.0", tgz, null);
    String sigBefore = (String) ((Map<String, Object>) TestHttp.list(dist("demo", "1.0.0", "application/json"),
        "signatures").get(0)).get("sig");

    String user = TestHttp.bearer(registry.createToken(TokenSpec.readWrite("alice")));
    HttpResponse<String> refused = http.send(http.request("/-/testkit/tamper", "authorization", user,
        "content-type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"package\":\"demo\",\"version\":\"1.0.0\",\"what\":\"signature\"}")).build());
    assertThat(refused.statusCode()).isEqualTo(403);
    HttpResponse<String> done = http.send(http.request("/-/testkit/tamper", "authorization", admin,
        "content-type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"package\":\"demo\",\"version\":\"1.0.0\",\"what\":\"signature\"}")).build());
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    String sigAfter = (String) ((Map<String, Object>) TestHttp.list(dist("demo", "1.0.0", "application/json"),
        "signatures").get(0)).get("sig");
    assertThat(sigAfter).isNotEqualTo(sigBefore);

    byte[] evil = "evil".getBytes(StandardCharsets.UTF_8);
    registry.replaceTarball("demo", "1.0.0", evil);
    assertThat(registry.tarball("demo", "1.0.0")).hasValue(evil);
    assertThat(dist("demo", "1.0.0", "application/json")).containsEntry("integrity", Packages.integrity(evil));
    registry.removeSignatures("demo", "1.0.0");
    assertThat(dist("demo", "1.0.0", "application/json")).doesNotContainKey("signatures");
  }

  /** RFC 9162 section 2.1.3.2: the root an inclusion proof leads to. */
  private static byte[] rootFromProof(long index, long size, byte[] leaf, List<byte[]> path) {
    long fn = index;
    long sn = size - 1;
    byte[] r = leaf;
    for (byte[] p : path) {
      assertThat(sn).isNotZero();
      if ((fn & 1) == 1 || fn == sn) {
        r = sha256(new byte[] {1}, p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = sha256(new byte[] {1}, r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    assertThat(sn).isZero();
    return r;
  }

  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
