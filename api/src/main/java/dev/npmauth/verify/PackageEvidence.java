package dev.npmauth.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a registry would answer about one version, as documents in hand (for offline
 * verification): the packument ({@code GET /<name>}, full) or the version manifest alone, the
 * signing keys ({@code GET /-/npm/v1/keys}, or the TUF {@code keys.json} target) and the
 * attestations ({@code GET /-/npm/v1/attestations/<name>@<version>}).
 *
 * <pre>{@code
 * PackageEvidence evidence = PackageEvidence.fromFiles(Path.of("packument.json"),
 *     Optional.of("2.3.1"), Optional.of(Path.of("keys.json")),
 *     Optional.of(Path.of("attestations.json")));
 * }</pre>
 *
 * @param packument the full packument, or one version manifest ({@code {"name", "version",
 *     "dist"}})
 * @param version the version to verify; empty means the manifest's own version, or the
 *     packument's {@code latest} tag
 * @param keys the registry keys document; empty means the registry publishes no keys
 * @param attestations the attestations response; empty means none was fetched
 */
public record PackageEvidence(byte[] packument, Optional<String> version, Optional<byte[]> keys,
    Optional<byte[]> attestations) {

  /**
   * Checks that no component is null and copies the arrays.
   *
   * @param packument the packument or version manifest
   * @param version the version to verify
   * @param keys the registry keys document
   * @param attestations the attestations response
   */
  public PackageEvidence {
    packument = Objects.requireNonNull(packument, "packument").clone();
    Objects.requireNonNull(version, "version");
    keys = Objects.requireNonNull(keys, "keys").map(byte[]::clone);
    attestations = Objects.requireNonNull(attestations, "attestations").map(byte[]::clone);
  }

  /**
   * Reads the documents from files.
   *
   * @param packument the packument or version manifest file
   * @param version the version to verify (empty: the manifest's, or {@code latest})
   * @param keys the keys file, if any
   * @param attestations the attestations file, if any
   * @return the evidence
   * @throws IOException if a file cannot be read
   */
  public static PackageEvidence fromFiles(Path packument, Optional<String> version,
      Optional<Path> keys, Optional<Path> attestations) throws IOException {
    return new PackageEvidence(Files.readAllBytes(packument), version,
        keys.isPresent() ? Optional.of(Files.readAllBytes(keys.get())) : Optional.empty(),
        attestations.isPresent() ? Optional.of(Files.readAllBytes(attestations.get()))
            : Optional.empty());
  }

  @Override
  public byte[] packument() {
    return packument.clone();
  }

  @Override
  public Optional<byte[]> keys() {
    return keys.map(byte[]::clone);
  }

  @Override
  public Optional<byte[]> attestations() {
    return attestations.map(byte[]::clone);
  }

  @Override
  public String toString() {
    return "PackageEvidence[packument " + packument.length + " bytes, version "
        + version.orElse("(default)") + ", keys " + keys.map(k -> k.length + " bytes")
        .orElse("none") + ", attestations " + attestations.map(a -> a.length + " bytes")
        .orElse("none") + "]";
  }
}
