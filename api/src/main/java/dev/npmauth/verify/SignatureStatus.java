package dev.npmauth.verify;

/** What came of checking a version's registry signatures ({@code dist.signatures}). */
public enum SignatureStatus {
  /** Every signature verified with a registry key valid at publish time. */
  VERIFIED,
  /**
   * The version has no signature although its registry publishes signing keys
   * ({@code npm audit signatures} lists it as missing).
   */
  MISSING,
  /** A signature did not verify ({@code EINTEGRITYSIGNATURE}). */
  INVALID,
  /** A signature names a key the registry does not list ({@code EMISSINGSIGNATUREKEY}). */
  UNKNOWN_KEY,
  /** The signing key had expired when the version was published ({@code EEXPIREDSIGNATUREKEY}). */
  EXPIRED_KEY,
  /** The registry publishes no signing keys, so there is nothing to check signatures with. */
  NO_REGISTRY_KEYS,
  /** The check did not run (the packument or the keys could not be had). */
  NOT_CHECKED;

  /**
   * Whether this status fails verification.
   *
   * @return true for {@link #MISSING}, {@link #INVALID}, {@link #UNKNOWN_KEY},
   *     {@link #EXPIRED_KEY} and {@link #NOT_CHECKED}
   */
  public boolean failed() {
    return this != VERIFIED && this != NO_REGISTRY_KEYS;
  }
}
