package dev.npmauth.publish;

import dev.npmauth.PackageName;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A version waiting on the stage for approval.
 *
 * @param id the stage id (a UUID)
 * @param packageName the package
 * @param version the version
 * @param tag the dist-tag it will get
 * @param createdAt when it was staged, if the registry says
 * @param actor who staged it, if the registry says
 * @param shasum the tarball's hex SHA-1, if the registry says
 * @param other any further fields the registry gave, as text
 */
public record StagedVersion(
    String id,
    PackageName packageName,
    String version,
    Optional<String> tag,
    Optional<Instant> createdAt,
    Optional<String> actor,
    Optional<String> shasum,
    Map<String, String> other) {

  /** Checks that no component is null and copies the map. */
  public StagedVersion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(version, "version");
    other = Map.copyOf(other);
  }
}
