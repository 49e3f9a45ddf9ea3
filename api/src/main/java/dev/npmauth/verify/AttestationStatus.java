package dev.npmauth.verify;

/** What came of checking a version's attestations ({@code dist.attestations}). */
public enum AttestationStatus {
  /** The publish attestation and the SLSA provenance verified, and the provenance policy held. */
  VERIFIED,
  /** The attestations were fetched but did not verify ({@code EATTESTATIONVERIFY} and more). */
  INVALID,
  /** The version has no attestations, and none were required. */
  NONE,
  /** The version has no attestations, but the options require them. */
  MISSING,
  /** The check did not run (the packument, the keys or the attestations could not be had). */
  NOT_CHECKED;

  /**
   * Whether this status fails verification.
   *
   * @return true for {@link #INVALID}, {@link #MISSING} and {@link #NOT_CHECKED}
   */
  public boolean failed() {
    return this == INVALID || this == MISSING || this == NOT_CHECKED;
  }
}
