package dev.npmauth.verify;

import java.util.Objects;
import java.util.Optional;

/**
 * One installed package as a lockfile records it.
 *
 * @param location where it is installed, e.g. {@code node_modules/@scope/a/node_modules/b}
 * @param name the package name (for an alias {@code npm:real@1.0.0}, the real name)
 * @param version the installed version (for non-registry sources: what the lockfile says, e.g. a
 *     git URL, or empty)
 * @param resolved the lockfile's {@code resolved} URL or spec, when recorded
 * @param integrity the lockfile's {@code integrity} (SRI), when recorded
 * @param source where it came from
 * @param dev whether only development dependencies need it
 * @param optional whether it is an optional dependency
 */
public record LockedDependency(
    String location,
    String name,
    String version,
    Optional<String> resolved,
    Optional<String> integrity,
    DependencySource source,
    boolean dev,
    boolean optional) {

  /**
   * Checks that no component is null.
   *
   * @param location where it is installed
   * @param name the package name
   * @param version the installed version
   * @param resolved the {@code resolved} URL or spec
   * @param integrity the {@code integrity}
   * @param source where it came from
   * @param dev whether only development dependencies need it
   * @param optional whether it is optional
   */
  public LockedDependency {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(resolved, "resolved");
    Objects.requireNonNull(integrity, "integrity");
    Objects.requireNonNull(source, "source");
  }

  /**
   * {@code <name>@<version>}.
   *
   * @return the package and version
   */
  public String id() {
    return name + "@" + version;
  }
}
