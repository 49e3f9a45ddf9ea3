package dev.npmauth.publish;

/**
 * Publishes several packages as one release: first every check for every package (names,
 * versions not yet published, a credential for each), then the publishes in dependency order,
 * stopping at the first failure. Running the same release again resumes: versions already
 * published with the same integrity are skipped.
 */
public interface Releaser {

  /**
   * Runs a release.
   *
   * @param request the packages and options
   * @return what happened to each package; a failure stops the release and is reported, not
   *     thrown
   * @throws ReleaseValidationException if a check fails before anything is published
   */
  ReleaseReport release(ReleaseRequest request);
}
