package dev.npmauth.provenance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;

/**
 * The thing a bundle is supposed to be about: either its bytes, or only its digest.
 *
 * <p>With bytes, every digest can be computed (and is, lazily, once). With only a digest, checks
 * that need another algorithm fail, and signatures that cannot be checked over a pre-computed
 * digest (Ed25519) fail too. An npm tarball is usually known only by its {@code dist.integrity},
 * see {@link #fromIntegrity(String)}.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class Artifact {
  private final byte[] content;
  /** Known digests by algorithm ordinal; for a byte artifact filled in lazily (benign race). */
  private final byte[][] digests;

  private Artifact(byte[] content, byte[][] digests) {
    this.content = content;
    this.digests = digests;
  }

  /**
   * An artifact known by its bytes. The array is copied.
   *
   * @param bytes the artifact
   * @return the artifact
   * @throws NullPointerException if {@code bytes} is null
   */
  public static Artifact ofBytes(byte[] bytes) {
    return new Artifact(bytes.clone(), new byte[HashAlgorithm.values().length][]);
  }

  /**
   * An artifact read from a file (all of it, now).
   *
   * @param path the file
   * @return the artifact
   * @throws IOException if the file cannot be read
   */
  public static Artifact ofFile(Path path) throws IOException {
    return ofBytes(Files.readAllBytes(path));
  }

  /**
   * An artifact known only by one digest. The array is copied.
   *
   * @param algorithm the digest algorithm
   * @param digest the digest
   * @return the artifact
   * @throws IllegalArgumentException if the digest length does not fit the algorithm
   */
  public static Artifact ofDigest(HashAlgorithm algorithm, byte[] digest) {
    Objects.requireNonNull(algorithm, "algorithm");
    if (digest.length != algorithm.length()) {
      throw new IllegalArgumentException("a " + algorithm.shortName() + " digest has "
          + algorithm.length() + " bytes, got " + digest.length);
    }
    byte[][] known = new byte[HashAlgorithm.values().length][];
    known[algorithm.ordinal()] = digest.clone();
    return new Artifact(null, known);
  }

  /**
   * An artifact known only by a digest written as {@code <algorithm>:<hex>}, e.g.
   * {@code sha256:a0cfc712...} (the form the Sigstore conformance suite and cosign use).
   *
   * @param digest the digest text
   * @return the artifact
   * @throws IllegalArgumentException if the text is not {@code sha256:}, {@code sha384:} or
   *     {@code sha512:} followed by the right number of hex digits
   */
  public static Artifact ofDigest(String digest) {
    int colon = digest.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "expected <algorithm>:<hex> such as sha256:0123..., got '" + digest + "'");
    }
    HashAlgorithm algorithm = HashAlgorithm.fromShortName(digest.substring(0, colon))
        .orElseThrow(() -> new IllegalArgumentException("unsupported digest algorithm '"
            + digest.substring(0, colon) + "': use sha256, sha384 or sha512"));
    return ofDigest(algorithm, hex(digest.substring(colon + 1)));
  }

  /**
   * An npm tarball known by its Subresource Integrity string ({@code dist.integrity}), e.g.
   * {@code sha512-QqZ7VJ/8...==}. When the string lists several hashes the strongest supported one
   * is used, as npm does.
   *
   * @param integrity the SRI string
   * @return the artifact
   * @throws IllegalArgumentException if no sha256/sha384/sha512 entry with valid base64 is found
   */
  public static Artifact fromIntegrity(String integrity) {
    HashAlgorithm best = null;
    byte[] bestDigest = null;
    for (String part : integrity.trim().split("\\s+")) {
      int dash = part.indexOf('-');
      if (dash <= 0) {
        continue;
      }
      Optional<HashAlgorithm> algorithm = HashAlgorithm.fromShortName(part.substring(0, dash));
      if (algorithm.isEmpty()) {
        continue;
      }
      String b64 = part.substring(dash + 1);
      int options = b64.indexOf('?');
      if (options >= 0) {
        b64 = b64.substring(0, options);
      }
      byte[] d;
      try {
        d = Base64.getDecoder().decode(b64);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("integrity entry '" + part + "' is not valid base64", e);
      }
      if (best == null || algorithm.get().ordinal() > best.ordinal()) {
        best = algorithm.get();
        bestDigest = d;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("integrity '" + integrity
          + "' has no sha256, sha384 or sha512 entry");
    }
    return ofDigest(best, bestDigest);
  }

  /**
   * The artifact bytes, when the artifact was given by its bytes.
   *
   * @return a read-only view of the bytes, or empty for a digest-only artifact
   */
  public Optional<ByteBuffer> content() {
    return content == null ? Optional.empty()
        : Optional.of(ByteBuffer.wrap(content).asReadOnlyBuffer());
  }

  /**
   * The artifact's digest with an algorithm.
   *
   * @param algorithm the algorithm
   * @return a copy of the digest, or empty when the artifact is known only by a digest of another
   *     algorithm
   */
  public Optional<byte[]> digest(HashAlgorithm algorithm) {
    byte[] d = lookup(algorithm);
    return d == null ? Optional.empty() : Optional.of(d.clone());
  }

  private byte[] lookup(HashAlgorithm algorithm) {
    byte[] d = digests[algorithm.ordinal()];
    if (d == null && content != null) {
      d = digest(algorithm, content);
      digests[algorithm.ordinal()] = d;
    }
    return d;
  }

  /**
   * Whether the artifact's digest with an algorithm equals the given bytes (in constant time).
   *
   * @param algorithm the algorithm
   * @param expected the expected digest
   * @return true only when the digest is known and equal
   */
  public boolean digestEquals(HashAlgorithm algorithm, byte[] expected) {
    byte[] d = lookup(algorithm);
    return d != null && MessageDigest.isEqual(d, expected);
  }

  /**
   * The algorithms whose digest this artifact knows (all of them when the bytes are known).
   *
   * @return the algorithms, strongest last
   */
  public Set<HashAlgorithm> digestAlgorithms() {
    Set<HashAlgorithm> set = EnumSet.noneOf(HashAlgorithm.class);
    for (HashAlgorithm a : HashAlgorithm.values()) {
      if (content != null || digests[a.ordinal()] != null) {
        set.add(a);
      }
    }
    return Collections.unmodifiableSet(set);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Artifact[");
    if (content != null) {
      sb.append(content.length).append(" bytes, ");
    }
    HashAlgorithm first = digestAlgorithms().iterator().next();
    sb.append(first.shortName()).append(':').append(toHex(lookup(first))).append(']');
    return sb.toString();
  }

  private static byte[] digest(HashAlgorithm algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm.jcaName()).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm.jcaName(), e);
    }
  }

  private static byte[] hex(String text) {
    String s = text.toLowerCase(Locale.ROOT);
    if (s.length() % 2 != 0) {
      throw new IllegalArgumentException("hex digest has an odd number of digits");
    }
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(s.charAt(2 * i), 16);
      int lo = Character.digit(s.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("'" + text + "' is not hex");
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  private static String toHex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }
}
