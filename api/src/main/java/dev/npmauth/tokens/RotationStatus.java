package dev.npmauth.tokens;

/** Where a rotation run ended. */
public enum RotationStatus {
  /** The token does not expire within the renewal window: nothing was done. */
  NOT_DUE,
  /** A dry run: the plan was computed, nothing was changed. */
  DRY_RUN,
  /**
   * The replacement is stored and verified; both tokens work until the overlap ends, and a later
   * run revokes the old one.
   */
  AWAITING_OVERLAP,
  /** The replacement is stored and verified, and the old token is revoked. */
  ROTATED
}
