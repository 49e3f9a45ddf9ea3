package dev.npmauth.publish;

/** How a publish ended. */
public enum PublishOutcome {
  /** The registry accepted the new version. */
  PUBLISHED,
  /**
   * The version was already in the registry with the same integrity (for example after a lost
   * response): nothing to do, nothing was changed.
   */
  ALREADY_PUBLISHED_IDENTICAL,
  /** Published to the stage: it becomes a version only when a maintainer approves it. */
  STAGED,
  /** A dry run: every check was made, nothing was sent. */
  DRY_RUN
}
