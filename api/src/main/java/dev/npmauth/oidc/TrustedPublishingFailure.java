package dev.npmauth.oidc;

/**
 * Why trusted publishing is not available, each with the change that fixes it. The npm CLI stays
 * silent in all of these cases (it logs at verbose level and falls through to "need auth").
 */
public enum TrustedPublishingFailure {
  /** No supported CI was detected. */
  NOT_IN_CI("Trusted publishing works only inside GitHub Actions, GitLab CI/CD or CircleCI."
      + " Publish from one of them, or use a granular access token (NPM_TOKEN)."),
  /** {@code CI=false} turns off CI detection, in npm as here. */
  CI_DETECTION_DISABLED("The environment sets CI=false, which turns off CI detection. Remove it."),
  /** A GitHub job without {@code id-token: write}: the token request variables are missing. */
  MISSING_ID_TOKEN_PERMISSION("Give the job `permissions: id-token: write` in the workflow file"
      + " (ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are then set)."),
  /** GitLab or CircleCI without {@code NPM_ID_TOKEN}. */
  NO_ID_TOKEN("Export the ID token as NPM_ID_TOKEN with audience npm:<registry host>: on GitLab an"
      + " `id_tokens: NPM_ID_TOKEN: aud: npm:<registry host>` entry in the job; on CircleCI"
      + " `export NPM_ID_TOKEN=$(circleci run oidc get --claims '{\"aud\":\"npm:<registry host>\"}')`."),
  /** The CI's token endpoint refused or failed. */
  ID_TOKEN_REQUEST_FAILED("The CI's ID token endpoint failed; rerun the job, and check that the job"
      + " has id-token: write."),
  /** The ID token is not a JWT. */
  ID_TOKEN_MALFORMED("The ID token is not a JWT (three base64url parts). Pass the token itself,"
      + " not a file name or a quoted value."),
  /** The ID token has expired. */
  ID_TOKEN_EXPIRED("The ID token has expired. Request it right before publishing; GitLab and CircleCI"
      + " tokens in variables expire during long jobs."),
  /** The ID token's audience is not {@code npm:<registry host>}. */
  ID_TOKEN_WRONG_AUDIENCE("The ID token's audience must be npm:<registry host> (host only, no port or"
      + " path). Fix the aud in the CI configuration."),
  /** The ID token's issuer is not one npm accepts for this CI. */
  ID_TOKEN_UNTRUSTED_ISSUER("npm accepts ID tokens from github.com Actions, gitlab.com and CircleCI"
      + " only; GitHub Enterprise Server and self-managed GitLab are not supported."),
  /** The ID token's signature does not verify against its issuer's published keys. */
  ID_TOKEN_SIGNATURE_INVALID("The ID token was not signed by its issuer's keys: it was altered or"
      + " minted elsewhere. Use the token the CI issues."),
  /** GitHub Actions on a self-hosted runner, which npm does not accept for trusted publishing. */
  SELF_HOSTED_RUNNER("npm accepts trusted publishing from GitHub-hosted runners only. Run the publish"
      + " job on a GitHub-hosted runner (runs-on: ubuntu-latest), or use a granular token."),
  /** The registry refused the token itself (signature, issuer, audience or expiry). */
  ID_TOKEN_REJECTED("The registry did not accept the ID token; its message says why."),
  /** The registry has no trusted publisher for the package that matches the presented claims. */
  NO_MATCHING_TRUSTED_PUBLISHER("Compare the presented claims with the package's trusted publisher"
      + " settings (npmjs.com → package → Settings → Trusted Publisher, or `npm trust list`):"
      + " repository, workflow file name and environment must match exactly."),
  /** The exchange could not be completed: the registry failed or did not answer. */
  EXCHANGE_FAILED("The registry failed or did not answer the exchange; retry."),
  /** The registry answered the exchange without a token. */
  EXCHANGE_WITHOUT_TOKEN("The registry's answer had no token; the registry may not support trusted"
      + " publishing at this URL.");

  private final String fix;

  TrustedPublishingFailure(String fix) {
    this.fix = fix;
  }

  /**
   * The change that fixes it.
   *
   * @return one or two sentences
   */
  public String fix() {
    return fix;
  }
}
