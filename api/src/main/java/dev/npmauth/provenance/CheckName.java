package dev.npmauth.provenance;

/**
 * The checks a verification runs. Sigstore bundle checks come first, in the order a
 * {@link BundleVerifier} runs them; the {@code NPM_*} checks belong to npm registry signatures and
 * attestation responses.
 */
public enum CheckName {
  /** The bundle is JSON with the Sigstore bundle shape and valid base64 in every bytes field. */
  BUNDLE_PARSE,
  /** The media type names a known bundle version (0.1, 0.2, 0.3). */
  MEDIA_TYPE,
  /**
   * The bundle follows its version's rules: one DSSE signature, non-empty fields, a certificate or
   * chain or key hint, at least one transparency-log entry, a SET (0.1) or an inclusion proof with
   * checkpoint (0.2 and later), no certificate chain in 0.3.
   */
  BUNDLE_STRUCTURE,
  /** Every signed entry timestamp (Rekor inclusion promise) verifies with its log's key. */
  SET,
  /** Every RFC 3161 timestamp verifies against a trusted timestamp authority. */
  TIMESTAMP_RFC3161,
  /** At least one verified signing time exists (from a SET or an RFC 3161 timestamp). */
  SIGNING_TIME,
  /** The managed key decodes and the bundle is key-signed (managed-key policies only). */
  PUBLIC_KEY,
  /** The signing certificate chains to a certificate authority of the trusted root. */
  CERTIFICATE_CHAIN,
  /** The chain, and the authority's validity window, cover every verified signing time. */
  CERTIFICATE_VALIDITY_AT_SIGNING_TIME,
  /** An embedded signed certificate timestamp verifies with a trusted CT log key. */
  SCT,
  /** Every inclusion proof's checkpoint is a signed note from the entry's log. */
  CHECKPOINT,
  /** Every inclusion proof leads from the entry to the checkpoint's root hash. */
  TLOG_INCLUSION_PROOF,
  /** Every log entry's body records this bundle's signature, digest and signer. */
  TLOG_BODY_MATCHES,
  /** The signature verifies over the artifact (message signature) or the DSSE PAE. */
  SIGNATURE,
  /** The artifact's digest matches the bundle (message digest, or an in-toto subject). */
  ARTIFACT_DIGEST,
  /** The certificate's identity satisfies the policy (issuer, SAN, extensions). */
  IDENTITY_POLICY,
  /** A {@code dist.signatures} entry verifies with a registry key valid at publish time. */
  NPM_REGISTRY_SIGNATURE,
  /** The attestation response is JSON of the {@code {"attestations":[...]}} shape. */
  NPM_RESPONSE_PARSE,
  /** A keyed attestation names a registry key that exists and is valid at its integrated time. */
  NPM_REGISTRY_KEY,
  /** The response's {@code predicateType} equals the signed statement's, which is known. */
  NPM_PREDICATE_TYPE,
  /** The statement's single subject is the package's purl and tarball sha512. */
  NPM_SUBJECT,
  /** The publish attestation's predicate names this package and version. */
  NPM_PUBLISH_PREDICATE,
  /** The response holds the registry's publish attestation. */
  NPM_PUBLISH_ATTESTATION_PRESENT,
  /** The response holds SLSA provenance (when the policy requires it). */
  NPM_PROVENANCE_PRESENT,
  /** The provenance certificate and statement satisfy the {@link ProvenancePolicy}. */
  NPM_PROVENANCE_POLICY,
  /** The packument was fetched (or read) and lists the version, with a usable integrity. */
  NPM_PACKUMENT,
  /** The registry's signing keys were fetched (or read); skipped when it publishes none. */
  NPM_REGISTRY_KEYS,
  /** The lockfile's {@code integrity} equals the registry's {@code dist.integrity}. */
  NPM_INTEGRITY,
  /** The version's attestations were fetched (or read) and verified. */
  NPM_ATTESTATIONS
}
