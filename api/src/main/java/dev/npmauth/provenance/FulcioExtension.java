package dev.npmauth.provenance;

import java.util.Optional;

/**
 * The X.509 extensions Fulcio writes into signing certificates (OID arc
 * {@code 1.3.6.1.4.1.57264.1}), as documented in Fulcio's {@code docs/oid-info.md}.
 *
 * <p>Extensions {@code .1} to {@code .6} hold the raw string; {@code .8} and later hold a DER
 * {@code UTF8String}. Callers never see the difference: values are decoded to text.
 */
public enum FulcioExtension {
  /** {@code .1}: OIDC issuer (deprecated form; raw string). */
  ISSUER_V1(1, false),
  /** {@code .2}: GitHub workflow trigger (deprecated). */
  GITHUB_WORKFLOW_TRIGGER(2, false),
  /** {@code .3}: GitHub workflow commit SHA (deprecated). */
  GITHUB_WORKFLOW_SHA(3, false),
  /** {@code .4}: GitHub workflow name (deprecated). */
  GITHUB_WORKFLOW_NAME(4, false),
  /** {@code .5}: GitHub workflow repository, {@code owner/repo} (deprecated). */
  GITHUB_WORKFLOW_REPOSITORY(5, false),
  /** {@code .6}: GitHub workflow ref (deprecated). */
  GITHUB_WORKFLOW_REF(6, false),
  /** {@code .8}: OIDC issuer. */
  ISSUER(8, true),
  /** {@code .9}: build signer URI (the workflow that signed, reusable workflow if any). */
  BUILD_SIGNER_URI(9, true),
  /** {@code .10}: build signer digest. */
  BUILD_SIGNER_DIGEST(10, true),
  /** {@code .11}: runner environment ({@code github-hosted}, {@code self-hosted}). */
  RUNNER_ENVIRONMENT(11, true),
  /** {@code .12}: source repository URI, e.g. {@code https://github.com/OWNER/REPO}. */
  SOURCE_REPOSITORY_URI(12, true),
  /** {@code .13}: source repository digest (commit). */
  SOURCE_REPOSITORY_DIGEST(13, true),
  /** {@code .14}: source repository ref, e.g. {@code refs/tags/v1.0.0}. */
  SOURCE_REPOSITORY_REF(14, true),
  /** {@code .15}: source repository identifier. */
  SOURCE_REPOSITORY_IDENTIFIER(15, true),
  /** {@code .16}: source repository owner URI. */
  SOURCE_REPOSITORY_OWNER_URI(16, true),
  /** {@code .17}: source repository owner identifier. */
  SOURCE_REPOSITORY_OWNER_IDENTIFIER(17, true),
  /** {@code .18}: build config URI (the top-level workflow file at a ref). */
  BUILD_CONFIG_URI(18, true),
  /** {@code .19}: build config digest. */
  BUILD_CONFIG_DIGEST(19, true),
  /** {@code .20}: build trigger ({@code push}, {@code release}, ...). */
  BUILD_TRIGGER(20, true),
  /** {@code .21}: run invocation URI. */
  RUN_INVOCATION_URI(21, true),
  /** {@code .22}: source repository visibility at signing ({@code public}, {@code private}). */
  SOURCE_REPOSITORY_VISIBILITY_AT_SIGNING(22, true),
  /** {@code .23}: deployment environment. */
  DEPLOYMENT_ENVIRONMENT(23, true);

  /** The OID arc every Fulcio extension lives under. */
  public static final String ARC = "1.3.6.1.4.1.57264.1";

  private final String oid;
  private final boolean derEncoded;

  FulcioExtension(int last, boolean derEncoded) {
    this.oid = ARC + "." + last;
    this.derEncoded = derEncoded;
  }

  /**
   * The extension's OID.
   *
   * @return e.g. {@code 1.3.6.1.4.1.57264.1.12}
   */
  public String oid() {
    return oid;
  }

  /**
   * Whether the extension value is a DER {@code UTF8String} (true) or the raw string bytes.
   *
   * @return true for {@code .8} and later
   */
  public boolean derEncoded() {
    return derEncoded;
  }

  /**
   * Finds the extension with an OID.
   *
   * @param oid dotted OID text
   * @return the extension, or empty for an OID this enum does not know
   */
  public static Optional<FulcioExtension> fromOid(String oid) {
    for (FulcioExtension e : values()) {
      if (e.oid.equals(oid)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
