package dev.npmauth.verify;

import dev.npmauth.verify.spi.VerificationProviders;

/**
 * Verification without a registry: the same checks as {@link Verification#verify}, on documents
 * in hand.
 *
 * <pre>{@code
 * PackageVerification v = Verifications.offline(
 *     PackageEvidence.fromFiles(packument, Optional.empty(), Optional.of(keys),
 *         Optional.of(attestations)),
 *     VerifyOptions.builder().trustedRoot(TrustedRoots.fromFile(root)).build());
 * }</pre>
 */
public final class Verifications {
  private Verifications() {
  }

  /**
   * Verifies one version from its documents.
   *
   * @param evidence the packument, keys and attestations
   * @param options the trusted root, provenance policy and whether attestations are required
   * @return the result; unreadable documents become failed checks naming what was wrong
   * @throws dev.npmauth.NpmAuthException if no implementation is on the class path
   */
  public static PackageVerification offline(PackageEvidence evidence, VerifyOptions options) {
    return VerificationProviders.provider().verifyOffline(evidence, options);
  }
}
