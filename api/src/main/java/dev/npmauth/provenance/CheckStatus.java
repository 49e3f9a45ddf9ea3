package dev.npmauth.provenance;

/** The outcome of one {@link Check}. */
public enum CheckStatus {
  /** The check ran and held. */
  PASSED,
  /** The check ran and did not hold; verification fails. */
  FAILED,
  /** The check did not run: it does not apply, or an earlier check failed. */
  SKIPPED
}
