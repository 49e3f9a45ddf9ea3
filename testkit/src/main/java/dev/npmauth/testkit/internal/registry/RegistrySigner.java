package dev.npmauth.testkit.internal.registry;

import static dev.npmauth.testkit.internal.sigstore.SigningKeys.b64;
import static dev.npmauth.testkit.internal.sigstore.SigningKeys.sha256;
import static dev.npmauth.testkit.internal.sigstore.SigningKeys.utf8;

import dev.npmauth.testkit.internal.json.Json;
import dev.npmauth.testkit.internal.sigstore.FakeSigstore;
import dev.npmauth.testkit.internal.sigstore.SigningKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's signing: its own ECDSA P-256 key (listed by {@code GET /-/npm/v1/keys} with a
 * {@code SHA256:} OpenSSH-style fingerprint as keyid), the {@code dist.signatures} of each
 * version it stores (a DER signature over {@code <name>@<version>:<integrity>}), and, for
 * versions published with a provenance bundle, the attestations it serves: its own publish
 * attestation plus the provenance, with {@code dist.attestations} in the manifest.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class RegistrySigner {
  private final URI baseUrl;
  /** Made on first use, like the fake Sigstore: the first key generation loads the EC provider. */
  private KeyPair key;
  private String keyId;
  private final SecureRandom random;
  private final Instant sigstoreEpoch;
  /** Made on first use: its CA, log and CT keys cost more than the rest of a start. */
  private FakeSigstore sigstore;
  private final Map<String, List<Object>> attestations = new ConcurrentHashMap<>();

  public RegistrySigner(Clock clock, URI baseUrl) {
    this.random = OsEntropy.secureRandom();
    this.baseUrl = baseUrl;
    this.sigstoreEpoch = clock.instant().minusSeconds(86_400);
  }

  /**
   * The OpenSSH fingerprint npm uses as keyid: {@code SHA256:} + unpadded base64 of SHA-256 over
   * the SSH wire-format key (string "ecdsa-sha2-nistp256", string "nistp256", string Q).
   */
  public static String keyId(ECPublicKey key) {
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    try {
      sshString(blob, utf8("ecdsa-sha2-nistp256"));
      sshString(blob, utf8("nistp256"));
      sshString(blob, uncompressedPoint(key));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha256(blob.toByteArray()));
  }

  private static byte[] uncompressedPoint(ECPublicKey key) {
    byte[] out = new byte[65];
    out[0] = 4;
    copy32(key.getW().getAffineX(), out, 1);
    copy32(key.getW().getAffineY(), out, 33);
    return out;
  }

  private static void copy32(BigInteger v, byte[] out, int at) {
    byte[] b = v.toByteArray();
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, out, at + 32 - len, len);
  }

  private static void sshString(ByteArrayOutputStream out, byte[] s) throws IOException {
    out.write(new byte[] {(byte) (s.length >>> 24), (byte) (s.length >>> 16),
        (byte) (s.length >>> 8), (byte) s.length});
    out.write(s);
  }

  public synchronized String keyId() {
    key();
    return keyId;
  }

  private synchronized KeyPair key() {
    if (key == null) {
      key = SigningKeys.ecP256(random);
      keyId = keyId((ECPublicKey) key.getPublic());
    }
    return key;
  }

  /** The public key, base64 of DER {@code SubjectPublicKeyInfo}. */
  public String publicKeyBase64() {
    return b64(key().getPublic().getEncoded());
  }

  /** The {@code GET /-/npm/v1/keys} answer. */
  public Map<String, Object> keysDocument() {
    Map<String, Object> k = Json.object();
    k.put("expires", null);
    k.put("keyid", keyId());
    k.put("keytype", "ecdsa-sha2-nistp256");
    k.put("scheme", "ecdsa-sha2-nistp256");
    k.put("key", publicKeyBase64());
    return Json.object("keys", List.of(k));
  }

  /** The trusted root of the registry's fake Sigstore (its log, CA and CT log). */
  public Map<String, Object> trustedRoot() {
    return sigstore().trustedRoot();
  }

  /** The fake Sigstore, for tests that need provenance bundles. */
  public synchronized FakeSigstore sigstore() {
    if (sigstore == null) {
      sigstore = new FakeSigstore(random, sigstoreEpoch);
    }
    return sigstore;
  }

  /** {@code base64(DER ECDSA)} over {@code <name>@<version>:<integrity>}. */
  public String sign(String name, String version, String integrity) {
    return b64(SigningKeys.sign(key().getPrivate(), utf8(name + "@" + version + ":" + integrity)));
  }

  /**
   * Signs a version being stored: sets {@code dist.signatures}; with a provenance bundle, also
   * makes the publish attestation, keeps both, and sets {@code dist.attestations}.
   *
   * @param manifest the version manifest (changed in place)
   * @param provenanceBundle the {@code .sigstore} attachment text, or null
   * @param publishedAt the publish time (the publish attestation's integrated time)
   */
  void onPublish(String name, String version, Map<String, Object> manifest,
      String provenanceBundle, Instant publishedAt) {
    @SuppressWarnings("unchecked")
    Map<String, Object> dist = (Map<String, Object>) manifest.get("dist");
    String integrity = (String) dist.get("integrity");
    dist.put("signatures", new ArrayList<>(List.of(
        Json.object("keyid", keyId(), "sig", sign(name, version, integrity)))));
    if (provenanceBundle == null) {
      return;
    }
    Object provenance;
    try {
      provenance = Json.parse(provenanceBundle);
    } catch (IOException e) {
      return; // kept as published; not served as an attestation
    }
    String predicateType = predicateTypeOf(provenance).orElse(FakeSigstore.SLSA_V1);
    String sha512 = sha512Hex(integrity);
    Map<String, Object> publish = sigstore().publishAttestation(key(), keyId(), name, version, sha512,
        baseUrl.toString().replaceAll("/$", ""), publishedAt);
    attestations.put(name + "@" + version, List.of(
        Json.object("predicateType", FakeSigstore.PUBLISH_PREDICATE, "bundle", publish),
        Json.object("predicateType", predicateType, "bundle", provenance)));
    dist.put("attestations", Json.object(
        "url", baseUrl + "-/npm/v1/attestations/" + name + "@" + version,
        "provenance", Json.object("predicateType", predicateType)));
  }

  /**
   * Changes the provenance bundle served for a version (test hooks that tamper with the store).
   *
   * @param edit changes the bundle (a JSON object) in place
   * @return false when the version has no provenance
   */
  public synchronized boolean editProvenance(String name, String version,
      java.util.function.Consumer<Map<String, Object>> edit) {
    List<Object> list = attestations.get(name + "@" + version);
    if (list == null || list.size() < 2) {
      return false;
    }
    Map<String, Object> entry = Json.asObject(Json.deepCopy(list.get(1))).orElseThrow();
    Map<String, Object> bundle = Json.asObject(entry.get("bundle")).orElseThrow();
    edit.accept(bundle);
    List<Object> changed = new ArrayList<>(list);
    changed.set(1, entry);
    attestations.put(name + "@" + version, List.copyOf(changed));
    return true;
  }

  /** The attestation response of a version, when it was published with provenance. */
  public Optional<Map<String, Object>> attestations(String name, String version) {
    List<Object> list = attestations.get(name + "@" + version);
    return list == null ? Optional.empty()
        : Optional.of(Json.object("attestations", Json.deepCopy(list)));
  }

  private static Optional<String> predicateTypeOf(Object bundle) {
    try {
      Object dsse = Json.asObject(bundle).orElseThrow().get("dsseEnvelope");
      String payload = Json.asString(Json.asObject(dsse).orElseThrow().get("payload"))
          .orElseThrow();
      Object statement = Json.parse(new String(Base64.getDecoder().decode(payload),
          java.nio.charset.StandardCharsets.UTF_8));
      return Json.asString(Json.asObject(statement).orElseThrow().get("predicateType"));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static String sha512Hex(String integrity) {
    for (String part : integrity.trim().split("\\s+")) {
      if (part.startsWith("sha512-")) {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(part.substring(7)));
      }
    }
    throw new IllegalArgumentException("no sha512 in integrity " + integrity);
  }

  /** For snapshots: the attestations kept per {@code name@version}. */
  Map<String, List<Object>> attestationsCopy() {
    return new java.util.HashMap<>(attestations);
  }

  /** For snapshots: replaces the attestations kept per {@code name@version}. */
  void replaceAttestations(Map<String, List<Object>> replacement) {
    attestations.clear();
    attestations.putAll(replacement);
  }
}
