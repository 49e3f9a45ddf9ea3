package dev.npmauth.provenance;

/**
 * Verifies an npm attestation response ({@code GET /-/npm/v1/attestations/<name>@<version>}):
 * the registry's publish attestation (a DSSE bundle signed by a registry key, valid at its
 * integrated time) and SLSA provenance (keyless, Sigstore), each with subject
 * {@code pkg:npm/<name>@<version>} and the tarball's sha512, plus the {@link ProvenancePolicy}.
 *
 * <p>Implementations are thread-safe; obtain one from {@link Verifiers}.
 */
public interface AttestationsVerifier {

  /**
   * Verifies a response.
   *
   * @param attestationsJson the response body
   * @param version the package version the response must be about
   * @param keys the registry's keys (for the publish attestation)
   * @param policy what the provenance must show
   * @return the result, naming every check; never throws for a malformed or invalid response
   * @throws NullPointerException if an argument is null
   */
  AttestationsResult verify(byte[] attestationsJson, NpmPackageVersion version, RegistryKeys keys,
      ProvenancePolicy policy);
}
