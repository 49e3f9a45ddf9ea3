package dev.npmauth.publish;

import dev.npmauth.PackageName;

/**
 * The version is already in the registry with other bytes than the tarball being published. npm
 * never lets one version hold two tarballs: bump the version.
 */
public final class PublishConflictException extends PublishException {
  private static final long serialVersionUID = 1L;

  private final transient PackageName packageName;
  private final String version;
  private final String publishedIntegrity;
  private final String attemptedIntegrity;

  /**
   * Creates the exception.
   *
   * @param packageName the package
   * @param version the version
   * @param publishedIntegrity the integrity of what the registry has
   * @param attemptedIntegrity the integrity of the tarball being published
   */
  public PublishConflictException(PackageName packageName, String version, String publishedIntegrity,
      String attemptedIntegrity) {
    super(packageName + "@" + version + " is already published with other content (registry: "
        + publishedIntegrity + ", this tarball: " + attemptedIntegrity + "); a version can never be"
        + " published twice: bump the version");
    this.packageName = packageName;
    this.version = version;
    this.publishedIntegrity = publishedIntegrity;
    this.attemptedIntegrity = attemptedIntegrity;
  }

  /**
   * The package.
   *
   * @return the name
   */
  public PackageName packageName() {
    return packageName;
  }

  /**
   * The version.
   *
   * @return the version
   */
  public String version() {
    return version;
  }

  /**
   * The integrity of the version in the registry.
   *
   * @return {@code sha512-...}
   */
  public String publishedIntegrity() {
    return publishedIntegrity;
  }

  /**
   * The integrity of the tarball that was to be published.
   *
   * @return {@code sha512-...}
   */
  public String attemptedIntegrity() {
    return attemptedIntegrity;
  }
}
