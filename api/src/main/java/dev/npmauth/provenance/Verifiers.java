package dev.npmauth.provenance;

import dev.npmauth.provenance.spi.VerifierProviders;

/**
 * Obtains verifiers from the implementation on the class path, without naming implementation
 * classes.
 *
 * <pre>{@code
 * BundleVerifier verifier = Verifiers.bundleVerifier(TrustedRoots.publicGoodProduction());
 * }</pre>
 */
public final class Verifiers {
  private Verifiers() {
  }

  /**
   * A Sigstore bundle verifier bound to a trusted root.
   *
   * @param trustedRoot the trust material, from {@link TrustedRoots}
   * @return the verifier (thread-safe)
   * @throws dev.npmauth.NpmAuthException if no implementation is on the class path
   * @throws IllegalArgumentException if the trusted root comes from another implementation
   */
  public static BundleVerifier bundleVerifier(TrustedRoot trustedRoot) {
    return VerifierProviders.provider().bundleVerifier(trustedRoot);
  }

  /**
   * A verifier of npm registry signatures ({@code dist.signatures}).
   *
   * @return the verifier (thread-safe)
   * @throws dev.npmauth.NpmAuthException if no implementation is on the class path
   */
  public static RegistrySignatureVerifier registrySignatureVerifier() {
    return VerifierProviders.provider().registrySignatureVerifier();
  }

  /**
   * A verifier of npm attestation responses, bound to a trusted root.
   *
   * @param trustedRoot the trust material for the Sigstore bundles in the responses
   * @return the verifier (thread-safe)
   * @throws dev.npmauth.NpmAuthException if no implementation is on the class path
   * @throws IllegalArgumentException if the trusted root comes from another implementation
   */
  public static AttestationsVerifier attestationsVerifier(TrustedRoot trustedRoot) {
    return VerifierProviders.provider().attestationsVerifier(trustedRoot);
  }
}
