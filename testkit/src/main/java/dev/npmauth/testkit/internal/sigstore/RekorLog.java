package dev.npmauth.testkit.internal.sigstore;

import static dev.npmauth.testkit.internal.sigstore.SigningKeys.b64;
import static dev.npmauth.testkit.internal.sigstore.SigningKeys.hex;
import static dev.npmauth.testkit.internal.sigstore.SigningKeys.sha256;
import static dev.npmauth.testkit.internal.sigstore.SigningKeys.utf8;

import dev.npmauth.testkit.internal.json.Json;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Rekor v1-like transparency log: canonicalized entry bodies are the leaves of an RFC 6962
 * Merkle tree; each entry gets a signed entry timestamp (ECDSA over the canonical JSON of {@code
 * body}, {@code integratedTime}, {@code logID}, {@code logIndex}), and each answer carries an
 * inclusion proof against a checkpoint of the current tree, a C2SP signed note whose origin is
 * {@code <name> - <tree id>} and whose signature line is {@code — <name> base64(key hint ‖ sig)}.
 * Entries are answered in Rekor's API shape ({@code {"<uuid>": {body, integratedTime, logID,
 * logIndex, verification}}}, hashes in hex) or, for bundles made in-process, as a bundle's
 * {@code TransparencyLogEntry} (hashes in base64).
 *
 * <p>Thread-safe: every method locks the log itself, so a caller that holds that lock can append
 * and answer with no other append between. Internal to the testkit; not API.
 */
public final class RekorLog {
  private static final long TREE_ID = 1_193_046_123_456_789L;

  /** One logged entry. */
  public record Entry(long index, String uuid, String kind, String apiVersion, byte[] body,
      Instant integratedTime, byte[] signedEntryTimestamp) {}

  private final KeyPair key;
  private final byte[] logId;
  private final String name;
  private final List<Entry> entries = new ArrayList<>();
  private final List<byte[]> leaves = new ArrayList<>();
  private final Map<String, Integer> byLeafHex = new HashMap<>();
  /** Roots of complete subtrees (size a power of two), which never change once full. */
  private final Map<Long, byte[]> fullSubtrees = new HashMap<>();

  /**
   * Makes a log whose checkpoints are signed under {@code name} (the host and port of its base
   * URL, which is how verifiers match checkpoint keys with the trusted root).
   */
  public RekorLog(SecureRandom random, String name) {
    this.key = SigningKeys.ecP256(random);
    this.logId = sha256(key.getPublic().getEncoded());
    this.name = name;
  }

  public byte[] publicKey() {
    return key.getPublic().getEncoded();
  }

  public byte[] logId() {
    return logId.clone();
  }

  /** The checkpoint key name, also the first word of the origin line. */
  public String name() {
    return name;
  }

  /** Rekor's entry UUID: the tree id (16 hex digits) then the hex leaf hash. */
  static String uuid(byte[] leafHash) {
    return String.format("%016x", TREE_ID) + hex(leafHash);
  }

  /**
   * Appends a canonicalized body, or finds it when an identical body is already logged.
   *
   * @return the entry, and whether it is new
   */
  public synchronized Appended append(String kind, String apiVersion, byte[] body, Instant time) {
    byte[] leaf = leafHash(body);
    Integer existing = byLeafHex.get(hex(leaf));
    if (existing != null) {
      return new Appended(entries.get(existing), false);
    }
    long index = entries.size();
    long seconds = time.getEpochSecond();
    Map<String, Object> setPayload = new java.util.TreeMap<>();
    setPayload.put("body", b64(body));
    setPayload.put("integratedTime", seconds);
    setPayload.put("logID", hex(logId));
    setPayload.put("logIndex", index);
    byte[] set = SigningKeys.sign(key.getPrivate(), Json.bytes(setPayload));
    Entry entry = new Entry(index, uuid(leaf), kind, apiVersion, body.clone(),
        Instant.ofEpochSecond(seconds), set);
    entries.add(entry);
    leaves.add(leaf);
    byLeafHex.put(hex(leaf), (int) index);
    return new Appended(entry, true);
  }

  /** The result of {@link #append}. */
  public record Appended(Entry entry, boolean created) {}

  /** The entry with this UUID (with or without the tree id prefix). */
  public synchronized Optional<Entry> byUuid(String uuid) {
    String leafHex = uuid.length() > 64 ? uuid.substring(uuid.length() - 64) : uuid;
    Integer i = byLeafHex.get(leafHex.toLowerCase(java.util.Locale.ROOT));
    return i == null ? Optional.empty() : Optional.of(entries.get(i));
  }

  /** The entry at a log index. */
  public synchronized Optional<Entry> byIndex(long index) {
    return index < 0 || index >= entries.size() ? Optional.empty() : Optional.of(entries.get((int) index));
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  public synchronized int size() {
    return entries.size();
  }

  /** An inclusion proof of one entry against the current tree, with a checkpoint of that tree. */
  private record Proof(List<byte[]> hashes, byte[] rootHash, int treeSize, String checkpoint) {}

  private Proof proof(Entry e, Instant now) {
    int size = leaves.size();
    return new Proof(path((int) e.index(), 0, size), root(0, size), size, checkpoint(size, now));
  }

  /** An entry as Rekor answers it, with its proof against the current tree. */
  public synchronized Map<String, Object> answer(Entry e, Instant now) {
    Proof p = proof(e, now);
    List<Object> hashes = new ArrayList<>();
    for (byte[] h : p.hashes()) {
      hashes.add(hex(h));
    }
    Map<String, Object> proof = Json.object(
        "checkpoint", p.checkpoint(),
        "hashes", hashes,
        "logIndex", e.index(),
        "rootHash", hex(p.rootHash()),
        "treeSize", (long) p.treeSize());
    Map<String, Object> body = Json.object(
        "body", b64(e.body()),
        "integratedTime", e.integratedTime().getEpochSecond(),
        "logID", hex(logId),
        "logIndex", e.index(),
        "verification", Json.object(
            "inclusionProof", proof,
            "signedEntryTimestamp", b64(e.signedEntryTimestamp())));
    return Json.object(e.uuid(), body);
  }

  /**
   * An entry as a Sigstore bundle's {@code verificationMaterial.tlogEntries[]} item (a {@code
   * TransparencyLogEntry}: integers as strings, hashes in base64), with its proof against the
   * current tree and a checkpoint stamped {@code now}.
   */
  public synchronized Map<String, Object> bundleEntry(Entry e, Instant now) {
    Proof p = proof(e, now);
    List<Object> hashes = new ArrayList<>();
    for (byte[] h : p.hashes()) {
      hashes.add(b64(h));
    }
    return Json.object(
        "logIndex", String.valueOf(e.index()),
        "logId", Json.object("keyId", b64(logId)),
        "kindVersion", Json.object("kind", e.kind(), "version", e.apiVersion()),
        "integratedTime", String.valueOf(e.integratedTime().getEpochSecond()),
        "inclusionPromise", Json.object("signedEntryTimestamp", b64(e.signedEntryTimestamp())),
        "inclusionProof", Json.object(
            "logIndex", String.valueOf(e.index()),
            "rootHash", b64(p.rootHash()),
            "treeSize", String.valueOf(p.treeSize()),
            "hashes", hashes,
            "checkpoint", Json.object("envelope", p.checkpoint())),
        "canonicalizedBody", b64(e.body()));
  }

  /** {@code GET /api/v1/log}: the tree's size, root and a signed checkpoint. */
  public synchronized Map<String, Object> logInfo(Instant now) {
    int size = leaves.size();
    return Json.object(
        "rootHash", size == 0 ? hex(sha256()) : hex(root(0, size)),
        "treeSize", (long) size,
        "signedTreeHead", checkpoint(size, now),
        "treeID", String.valueOf(TREE_ID));
  }

  /** A signed note over the tree of the first {@code size} leaves. */
  private String checkpoint(int size, Instant now) {
    byte[] rootHash = size == 0 ? sha256() : root(0, size);
    String note = name + " - " + TREE_ID + "\n" + size + "\n" + b64(rootHash) + "\nTimestamp: "
        + (now.getEpochSecond() * 1_000_000_000L + now.getNano()) + "\n";
    byte[] sig = SigningKeys.sign(key.getPrivate(), utf8(note));
    byte[] blob = new byte[4 + sig.length];
    System.arraycopy(logId, 0, blob, 0, 4);
    System.arraycopy(sig, 0, blob, 4, sig.length);
    return note + "\n\u2014 " + name + " " + b64(blob) + "\n";
  }

  static byte[] leafHash(byte[] body) {
    return sha256(new byte[] {0}, body);
  }

  /** MTH(D[lo:hi]) of RFC 6962 section 2.1. */
  private byte[] root(int lo, int hi) {
    int n = hi - lo;
    if (n == 1) {
      return leaves.get(lo);
    }
    boolean full = Integer.bitCount(n) == 1;
    long cacheKey = ((long) lo << 32) | n;
    if (full) {
      byte[] cached = fullSubtrees.get(cacheKey);
      if (cached != null) {
        return cached;
      }
    }
    int k = Integer.highestOneBit(n - 1);
    byte[] r = sha256(new byte[] {1}, root(lo, lo + k), root(lo + k, hi));
    if (full) {
      fullSubtrees.put(cacheKey, r);
    }
    return r;
  }

  /** PATH(m, D[lo:hi]) of RFC 6962 section 2.1.1, leaf first. */
  private List<byte[]> path(int m, int lo, int hi) {
    List<byte[]> out = new ArrayList<>();
    int n = hi - lo;
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
}
