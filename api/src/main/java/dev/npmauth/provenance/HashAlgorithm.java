package dev.npmauth.provenance;

import java.util.Locale;
import java.util.Optional;

/** The digest algorithms that Sigstore bundles and npm integrity strings use. */
public enum HashAlgorithm {
  /** SHA-256 ({@code SHA2_256} in Sigstore, {@code sha256} in in-toto and SRI). */
  SHA2_256("SHA-256", "sha256", 32),
  /** SHA-384 ({@code SHA2_384} in Sigstore, {@code sha384} in in-toto and SRI). */
  SHA2_384("SHA-384", "sha384", 48),
  /** SHA-512 ({@code SHA2_512} in Sigstore, {@code sha512} in in-toto and SRI). */
  SHA2_512("SHA-512", "sha512", 64);

  private final String jcaName;
  private final String shortName;
  private final int length;

  HashAlgorithm(String jcaName, String shortName, int length) {
    this.jcaName = jcaName;
    this.shortName = shortName;
    this.length = length;
  }

  /**
   * The name {@link java.security.MessageDigest#getInstance(String)} knows.
   *
   * @return for example {@code SHA-256}
   */
  public String jcaName() {
    return jcaName;
  }

  /**
   * The lower-case name used by in-toto subjects, Rekor bodies and SRI strings.
   *
   * @return for example {@code sha256}
   */
  public String shortName() {
    return shortName;
  }

  /**
   * The digest length.
   *
   * @return the number of bytes of a digest
   */
  public int length() {
    return length;
  }

  /**
   * Finds an algorithm by its short name ({@code sha256}, {@code sha384}, {@code sha512}), ignoring
   * case.
   *
   * @param name the short name
   * @return the algorithm, or empty when the name is not one of the three
   */
  public static Optional<HashAlgorithm> fromShortName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (HashAlgorithm a : values()) {
      if (a.shortName.equals(lower)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /**
   * Finds an algorithm by its Sigstore protobuf enum name ({@code SHA2_256}, ...).
   *
   * @param name the enum name as it appears in bundle JSON
   * @return the algorithm, or empty when the name is not one of the three
   */
  public static Optional<HashAlgorithm> fromSigstoreName(String name) {
    for (HashAlgorithm a : values()) {
      if (a.name().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
