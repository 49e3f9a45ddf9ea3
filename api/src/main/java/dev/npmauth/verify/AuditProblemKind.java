package dev.npmauth.verify;

/** The kinds of problem an audit reports, each failing it (exit code 1). */
public enum AuditProblemKind {
  /** No registry signature although the registry publishes signing keys. */
  MISSING_SIGNATURE,
  /**
   * A registry signature that does not verify, names an unknown key, or was made with a key that
   * had expired.
   */
  INVALID_SIGNATURE,
  /** Attestations that do not verify, or that the options required and the version lacks. */
  INVALID_ATTESTATIONS,
  /** The lockfile's integrity differs from the registry's {@code dist.integrity}. */
  INTEGRITY_MISMATCH,
  /** The version could not be verified: the registry did not answer, or does not list it. */
  ERROR
}
