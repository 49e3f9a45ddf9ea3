package dev.npmauth.provenance;

/**
 * Verifies Sigstore bundles (media types 0.1, 0.2 and 0.3) against one {@link TrustedRoot}.
 *
 * <p>Verification is a pure function of (bundle, artifact, trusted root, policy): nothing is
 * fetched and no clock is read, since every time that matters comes from a verified timestamp.
 * A bad bundle never makes {@code verify} throw; it yields a result whose {@link
 * VerificationResult#failedCheck()} names what was wrong ({@link CheckName#BUNDLE_PARSE} for a
 * bundle that is not even JSON).
 *
 * <p>Implementations are immutable and thread-safe; create one per trusted root and reuse it.
 */
public interface BundleVerifier {

  /**
   * The trust material this verifier uses.
   *
   * @return the trusted root
   */
  TrustedRoot trustedRoot();

  /**
   * Parses a bundle without verifying it, to verify it later with {@link #verify(SigstoreBundle,
   * Artifact, VerificationPolicy)}.
   *
   * @param bundleJson the bundle JSON (UTF-8)
   * @return the parsed bundle
   * @throws BundleParseException if the bytes are not a Sigstore bundle (bad JSON, wrong field
   *     types, invalid base64, negative log index)
   * @throws NullPointerException if {@code bundleJson} is null
   */
  SigstoreBundle parse(byte[] bundleJson);

  /**
   * Parses and verifies a bundle.
   *
   * @param bundleJson the bundle JSON (UTF-8)
   * @param artifact the artifact the bundle must be about
   * @param policy who must have signed
   * @return the result, naming every check; never throws for a malformed or invalid bundle
   * @throws NullPointerException if an argument is null
   */
  VerificationResult verify(byte[] bundleJson, Artifact artifact, VerificationPolicy policy);

  /**
   * Verifies a bundle parsed earlier.
   *
   * @param bundle a bundle from {@link #parse(byte[])} of any verifier of the same implementation
   * @param artifact the artifact the bundle must be about
   * @param policy who must have signed
   * @return the result, naming every check
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the bundle comes from another implementation
   */
  VerificationResult verify(SigstoreBundle bundle, Artifact artifact, VerificationPolicy policy);
}
