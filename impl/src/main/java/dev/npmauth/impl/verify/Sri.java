package dev.npmauth.impl.verify;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Subresource-integrity strings as npm writes them ({@code sha512-<base64>}, several separated by
 * spaces, {@code ?options} ignored), compared the way pacote compares a lockfile's integrity with
 * the registry's: only algorithms both name count, and one of them must agree.
 */
final class Sri {
  /** The result of comparing two integrity strings. */
  enum Comparison {
    /** They share an algorithm and a digest of it. */
    MATCH,
    /** They share an algorithm but no digest of it. */
    MISMATCH,
    /** They share no algorithm, so nothing can be compared. */
    NO_COMMON_ALGORITHM
  }

  private Sri() {
  }

  /** Algorithm name (lower case) to its digests (decoded), in order; unknown entries dropped. */
  static Map<String, List<byte[]>> parse(String integrity) {
    Map<String, List<byte[]>> out = new LinkedHashMap<>();
    if (integrity == null) {
      return out;
    }
    for (String token : integrity.trim().split("\\s+")) {
      int dash = token.indexOf('-');
      if (dash <= 0) {
        continue;
      }
      String alg = token.substring(0, dash).toLowerCase(Locale.ROOT);
      String b64 = token.substring(dash + 1);
      int q = b64.indexOf('?');
      if (q >= 0) {
        b64 = b64.substring(0, q);
      }
      if (!alg.matches("sha(1|256|384|512)")) {
        continue;
      }
      try {
        out.computeIfAbsent(alg, k -> new ArrayList<>()).add(Base64.getDecoder().decode(b64));
      } catch (IllegalArgumentException e) {
        // not base64: not a usable digest
      }
    }
    return out;
  }

  /** Compares a lockfile integrity with a registry integrity. */
  static Comparison compare(String lockfile, String registry) {
    Map<String, List<byte[]>> a = parse(lockfile);
    Map<String, List<byte[]>> b = parse(registry);
    boolean common = false;
    for (Map.Entry<String, List<byte[]>> e : a.entrySet()) {
      List<byte[]> other = b.get(e.getKey());
      if (other == null) {
        continue;
      }
      common = true;
      for (byte[] x : e.getValue()) {
        for (byte[] y : other) {
          if (java.security.MessageDigest.isEqual(x, y)) {
            return Comparison.MATCH;
          }
        }
      }
    }
    return common ? Comparison.MISMATCH : Comparison.NO_COMMON_ALGORITHM;
  }

  /** The {@code sha1-<base64>} SRI of a hex SHA-1, as pacote derives it from {@code shasum}. */
  static Optional<String> fromShasum(String hex) {
    if (hex == null || !hex.matches("[0-9a-fA-F]{40}")) {
      return Optional.empty();
    }
    byte[] bytes = java.util.HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
    return Optional.of("sha1-" + Base64.getEncoder().encodeToString(bytes));
  }
}
