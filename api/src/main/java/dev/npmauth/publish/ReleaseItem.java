package dev.npmauth.publish;

import dev.npmauth.PackageName;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a release did with one package.
 *
 * @param packageName the package
 * @param version the version
 * @param source the folder or tarball it came from
 * @param outcome what happened
 * @param detail the integrity published, or why it failed, free of secrets
 */
public record ReleaseItem(PackageName packageName, String version, Path source, Outcome outcome, Optional<String> detail) {

  /** What happened to one package of a release. */
  public enum Outcome {
    /** Published now. */
    PUBLISHED,
    /** Already in the registry with the same integrity (an earlier run published it): skipped. */
    ALREADY_PUBLISHED,
    /** A dry run found it ready to publish. */
    WOULD_PUBLISH,
    /** Its publish failed; the release stopped here. */
    FAILED,
    /** Not attempted, because an earlier package failed. */
    NOT_ATTEMPTED
  }

  /** Checks that no component is null. */
  public ReleaseItem {
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }
}
