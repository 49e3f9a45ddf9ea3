package dev.npmauth.testkit.internal.sigstore;

import static dev.npmauth.testkit.internal.sigstore.SigningKeys.b64;
import static dev.npmauth.testkit.internal.sigstore.SigningKeys.sha256;
import static dev.npmauth.testkit.internal.sigstore.SigningKeys.sign;
import static dev.npmauth.testkit.internal.sigstore.SigningKeys.utf8;

import dev.npmauth.testkit.internal.json.Json;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A fake Rekor (v1) log: entries are appended to an RFC 6962 Merkle tree; each gets a signed
 * entry timestamp (the log's ECDSA signature over the canonical JSON of body, integrated time,
 * log id and index) and an inclusion proof against a checkpoint (a C2SP signed note) of the tree
 * as it is right after the append.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class TransparencyLog {
  /** The log's host name: its key name in checkpoints and its base URL's host. */
  public static final String HOST = "rekor.fake-sigstore.test";
  private static final long TREE_ID = 4242424242L;

  private final KeyPair key;
  private final byte[] logId;
  private final List<byte[]> leaves = new ArrayList<>();

  public TransparencyLog(SecureRandom random) {
    this.key = SigningKeys.ecP256(random);
    this.logId = sha256(key.getPublic().getEncoded());
  }

  /** The log's public key, DER {@code SubjectPublicKeyInfo}. */
  public byte[] publicKey() {
    return key.getPublic().getEncoded();
  }

  /** The log id: SHA-256 of the public key's DER. */
  public byte[] logId() {
    return logId.clone();
  }

  /**
   * Appends an entry and returns its {@code TransparencyLogEntry} (bundle JSON shape).
   *
   * @param kind the Rekor kind, e.g. {@code intoto}
   * @param version the kind's version, e.g. {@code 0.0.2}
   * @param body the canonicalized body
   * @param integratedTime when the log integrated it
   */
  public synchronized Map<String, Object> append(String kind, String version, byte[] body,
      Instant integratedTime) {
    long index = leaves.size();
    leaves.add(leafHash(body));
    long size = leaves.size();
    long time = integratedTime.getEpochSecond();
    String setPayload = "{\"body\":\"" + b64(body) + "\",\"integratedTime\":" + time
        + ",\"logID\":\"" + SigningKeys.hex(logId) + "\",\"logIndex\":" + index + "}";
    byte[] set = sign(key.getPrivate(), utf8(setPayload));
    byte[] root = root(0, (int) size);
    List<Object> hashes = new ArrayList<>();
    for (byte[] h : path((int) index, 0, (int) size)) {
      hashes.add(b64(h));
    }
    String note = HOST + " - " + TREE_ID + "\n" + size + "\n" + b64(root) + "\nTimestamp: "
        + integratedTime.toEpochMilli() * 1_000_000L + "\n";
    byte[] noteSig = sign(key.getPrivate(), utf8(note));
    byte[] blob = new byte[4 + noteSig.length];
    System.arraycopy(logId, 0, blob, 0, 4);
    System.arraycopy(noteSig, 0, blob, 4, noteSig.length);
    String envelope = note + "\n\u2014 " + HOST + " " + b64(blob) + "\n";
    return Json.object(
        "logIndex", String.valueOf(index),
        "logId", Json.object("keyId", b64(logId)),
        "kindVersion", Json.object("kind", kind, "version", version),
        "integratedTime", String.valueOf(time),
        "inclusionPromise", Json.object("signedEntryTimestamp", b64(set)),
        "inclusionProof", Json.object(
            "logIndex", String.valueOf(index),
            "rootHash", b64(root),
            "treeSize", String.valueOf(size),
            "hashes", hashes,
            "checkpoint", Json.object("envelope", envelope)),
        "canonicalizedBody", b64(body));
  }

  private static byte[] leafHash(byte[] body) {
    return sha256(new byte[] {0}, body);
  }

  private static byte[] node(byte[] left, byte[] right) {
    return sha256(new byte[] {1}, left, right);
  }

  /** MTH(D[lo:hi]) of RFC 6962 section 2.1. */
  private byte[] root(int lo, int hi) {
    int n = hi - lo;
    if (n == 1) {
      return leaves.get(lo);
    }
    int k = Integer.highestOneBit(n - 1);
    return node(root(lo, lo + k), root(lo + k, hi));
  }

  /** PATH(m, D[lo:hi]) of RFC 6962 section 2.1.1, leaf to root. */
  private List<byte[]> path(int m, int lo, int hi) {
    int n = hi - lo;
    List<byte[]> out = new ArrayList<>();
    if (n <= 1) {
      return out;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m < k) {
      out.addAll(path(m, lo, lo + k));
      out.add(root(lo + k, hi));
    } else {
      out.addAll(path(m - k, lo + k, hi));
      out.add(root(lo, lo + k));
    }
    return out;
  }

  /** The log as a trusted root's {@code tlogs[]} entry, valid from {@code start}. */
  public Map<String, Object> trustedRootEntry(Instant start) {
    return Json.object(
        "baseUrl", "https://" + HOST,
        "hashAlgorithm", "SHA2_256",
        "publicKey", Json.object(
            "rawBytes", b64(publicKey()),
            "keyDetails", "PKIX_ECDSA_P256_SHA_256",
            "validFor", Json.object("start", start.toString())),
        "logId", Json.object("keyId", b64(logId)));
  }

  @Override
  public String toString() {
    return "TransparencyLog[" + HOST + ", " + Arrays.hashCode(logId) + "]";
  }
}
