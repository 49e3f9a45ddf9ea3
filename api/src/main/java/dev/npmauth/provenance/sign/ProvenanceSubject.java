package dev.npmauth.provenance.sign;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * What a provenance statement is about: one package version and its tarball's SHA-512, named as
 * npm names it — the package URL {@code pkg:npm/<name>@<version>} with a scope's {@code @}
 * written {@code %40}.
 *
 * @param name the package name, e.g. {@code @acme/widgets}
 * @param version the version, e.g. {@code 1.2.0}
 * @param sha512 the tarball's SHA-512, lower-case hex (128 digits)
 */
public record ProvenanceSubject(String name, String version, String sha512) {

  /**
   * Checks the values.
   *
   * @param name the package name
   * @param version the version
   * @param sha512 the tarball's SHA-512, hex
   * @throws IllegalArgumentException if a value is empty or the digest is not 128 hex digits
   */
  public ProvenanceSubject {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sha512, "sha512");
    if (name.isBlank() || version.isBlank()) {
      throw new IllegalArgumentException("a provenance subject needs the package name and version");
    }
    sha512 = sha512.toLowerCase(Locale.ROOT);
    if (!sha512.matches("[0-9a-f]{128}")) {
      throw new IllegalArgumentException("the tarball's SHA-512 must be 128 hex digits, got " + sha512.length()
          + " characters");
    }
  }

  /**
   * The subject of a tarball given by its bytes.
   *
   * @param name the package name
   * @param version the version
   * @param tarball the tarball
   * @return the subject
   */
  public static ProvenanceSubject ofTarball(String name, String version, byte[] tarball) {
    try {
      return new ProvenanceSubject(name, version,
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(tarball)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-512", e);
    }
  }

  /**
   * The subject of a tarball known by its {@code dist.integrity}.
   *
   * @param name the package name
   * @param version the version
   * @param integrity an SRI string with a {@code sha512-} entry
   * @return the subject
   * @throws IllegalArgumentException if there is no valid {@code sha512-} entry
   */
  public static ProvenanceSubject fromIntegrity(String name, String version, String integrity) {
    for (String part : integrity.trim().split("\\s+")) {
      if (part.startsWith("sha512-")) {
        try {
          return new ProvenanceSubject(name, version,
              HexFormat.of().formatHex(Base64.getDecoder().decode(part.substring(7))));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("the integrity's sha512 entry is not a base64 SHA-512", e);
        }
      }
    }
    throw new IllegalArgumentException("the integrity has no sha512- entry");
  }

  /**
   * The package URL npm puts in the statement's subject.
   *
   * @return e.g. {@code pkg:npm/%40acme/widgets@1.2.0} or {@code pkg:npm/demo-pkg@1.0.0}
   */
  public String purl() {
    return "pkg:npm/" + (name.startsWith("@") ? "%40" + name.substring(1) : name) + "@" + version;
  }
}
