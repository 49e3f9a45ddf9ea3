package dev.npmauth.provenance;

/**
 * The outcomes of checking {@code dist.signatures}, as the npm CLI's pacote distinguishes them.
 */
public enum RegistrySignatureOutcome {
  /** Every signature verified with a registry key valid at publish time. */
  VERIFIED,
  /** A signature did not verify ({@code EINTEGRITYSIGNATURE}). */
  INVALID,
  /** The version has no signatures ({@code npm audit signatures} reports it as missing). */
  MISSING,
  /** A signature names a key the registry does not list ({@code EMISSINGSIGNATUREKEY}). */
  UNKNOWN_KEY,
  /** The signing key had expired at publish time ({@code EEXPIREDSIGNATUREKEY}). */
  EXPIRED_KEY
}
