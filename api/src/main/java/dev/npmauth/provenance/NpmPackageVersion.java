package dev.npmauth.provenance;

import dev.npmauth.provenance.spi.VerifierProviders;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts about one published package version that verification compares with: taken from the
 * packument (the version manifest and {@code time[version]}).
 *
 * @param name the package name, e.g. {@code @scope/pkg}
 * @param version the version
 * @param integrity {@code dist.integrity}, the tarball's SRI string ({@code sha512-...})
 * @param signatures {@code dist.signatures}
 * @param publishTime {@code time[version]} of the packument, when known
 * @param repository the manifest's {@code repository} URL (or shorthand), when it has one
 */
public record NpmPackageVersion(
    String name,
    String version,
    String integrity,
    List<RegistrySignature> signatures,
    Optional<Instant> publishTime,
    Optional<String> repository) {

  /**
   * Checks that no component is null and copies the list.
   *
   * @param name the package name, e.g. {@code @scope/pkg}
   * @param version the version
   * @param integrity {@code dist.integrity}, the tarball's SRI string ({@code sha512-...})
   * @param signatures {@code dist.signatures}
   * @param publishTime {@code time[version]} of the packument, when known
   * @param repository the manifest's {@code repository} URL (or shorthand), when it has one
   */
  public NpmPackageVersion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(integrity, "integrity");
    signatures = List.copyOf(signatures);
    Objects.requireNonNull(publishTime, "publishTime");
    Objects.requireNonNull(repository, "repository");
  }

  /**
   * Parses a version manifest (the object under {@code versions[v]} of a packument, or the
   * response of {@code GET /<name>/<version>}). A {@code _time} field, if present, is read as the
   * publish time; otherwise add it with {@link #withPublishTime(Instant)}.
   *
   * @param json the manifest
   * @return the facts
   * @throws IllegalArgumentException if name, version or {@code dist.integrity} is missing
   * @throws dev.npmauth.NpmAuthException if no implementation is on the class path
   */
  public static NpmPackageVersion parse(byte[] json) {
    return VerifierProviders.provider().parsePackageVersion(json);
  }

  /**
   * A copy with the publish time set.
   *
   * @param time {@code time[version]} of the packument
   * @return the copy
   */
  public NpmPackageVersion withPublishTime(Instant time) {
    return new NpmPackageVersion(name, version, integrity, signatures, Optional.of(time),
        repository);
  }

  /**
   * A copy with the repository set.
   *
   * @param repositoryUrl the repository URL
   * @return the copy
   */
  public NpmPackageVersion withRepository(String repositoryUrl) {
    return new NpmPackageVersion(name, version, integrity, signatures, publishTime,
        Optional.of(repositoryUrl));
  }

  /**
   * The package URL npm attestations use as subject name: {@code pkg:npm/} + the name with a
   * leading {@code @} written {@code %40} + {@code @} + the version.
   *
   * @return e.g. {@code pkg:npm/%40scope/pkg@1.4.3}
   */
  public String purl() {
    String n = name.startsWith("@") ? "%40" + name.substring(1) : name;
    return "pkg:npm/" + n + "@" + version;
  }

  /**
   * The tarball, known by its integrity digest.
   *
   * @return the artifact attestations must name
   * @throws IllegalArgumentException if the integrity string has no sha256/384/512 entry
   */
  public Artifact tarball() {
    return Artifact.fromIntegrity(integrity);
  }
}
