/**
 * Verification of what was published to the npm registry: registry signatures
 * ({@code dist.signatures}), npm attestations (the registry's publish attestation and SLSA
 * provenance) and Sigstore bundles in general.
 *
 * <p>Verification is a pure function of (artifact, bundle, trust material, policy). It never
 * fetches anything: the caller supplies the {@link dev.npmauth.provenance.TrustedRoot}, the
 * registry keys and the attestation response. The result names every check that ran, in order,
 * and the one that failed.
 *
 * <pre>{@code
 * TrustedRoot root = TrustedRoots.publicGoodProduction();
 * BundleVerifier verifier = Verifiers.bundleVerifier(root);
 * VerificationResult result = verifier.verify(bundleJson,
 *     Artifact.ofDigest("sha256:a0cfc712..."),
 *     VerificationPolicy.keyless("https://token.actions.githubusercontent.com",
 *         "https://github.com/OWNER/REPO/.github/workflows/release.yml@refs/heads/main"));
 * if (!result.verified()) {
 *   System.out.println(result.failedCheck().orElseThrow());
 * }
 * }</pre>
 *
 * <p>The implementation is found with {@link java.util.ServiceLoader}; put {@code npmauth-impl} on
 * the runtime class path.
 */
package dev.npmauth.provenance;
