package dev.npmauth.provenance;

/**
 * Checks a version's {@code dist.signatures} the way the npm CLI (pacote) does: each signature
 * is an ECDSA P-256 / SHA-256 DER signature over the UTF-8 text
 * {@code <name>@<version>:<integrity>} by the registry key with the same key id, and that key
 * must not have expired at publish time ({@code time[version]}; when unknown, npm's cut-off
 * 2015-01-01T00:00:00Z is used, as pacote does).
 *
 * <p>Implementations are thread-safe; obtain one from {@link Verifiers}.
 */
public interface RegistrySignatureVerifier {

  /**
   * Checks the signatures of one version.
   *
   * @param version the version's facts (name, version, integrity, signatures, publish time)
   * @param keys the registry's keys
   * @return the outcome; never throws for bad signatures or keys
   * @throws NullPointerException if an argument is null
   */
  RegistrySignatureResult verify(NpmPackageVersion version, RegistryKeys keys);
}
