package dev.npmauth.verify;

/** Where a locked dependency was installed from, as its lockfile entry says. */
public enum DependencySource {
  /** A registry tarball (or a semver version without {@code resolved}): audited. */
  REGISTRY,
  /** A symbolic link to a folder ({@code "link": true}); skipped. */
  LINK,
  /** A workspace folder of this project; skipped. */
  WORKSPACE,
  /** A git repository ({@code git+…}, {@code github:…}); skipped. */
  GIT,
  /** A local folder or tarball ({@code file:…}); skipped. */
  FILE,
  /** A tarball URL that is not a registry's {@code <name>/-/<file>.tgz}; skipped. */
  REMOTE_TARBALL,
  /** Shipped inside another package ({@code inBundle} / {@code bundled}); skipped. */
  BUNDLED;

  /**
   * Whether dependencies from this source are audited.
   *
   * @return true for {@link #REGISTRY}
   */
  public boolean audited() {
    return this == REGISTRY;
  }
}
