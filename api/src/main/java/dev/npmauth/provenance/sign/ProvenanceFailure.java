package dev.npmauth.provenance.sign;

/** Why provenance could not be generated, each with the change that fixes it. */
public enum ProvenanceFailure {
  /** Not in GitHub Actions or GitLab CI/CD (or {@code CI=false}). */
  UNSUPPORTED_CI("npm generates provenance only in GitHub Actions and GitLab CI/CD (not CircleCI, not on a"
      + " workstation). Publish from one of them, or publish without provenance."),
  /** A GitHub job without {@code id-token: write}. */
  MISSING_ID_TOKEN_PERMISSION("Give the job `permissions: id-token: write` in the workflow file"
      + " (ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are then set)."),
  /** A GitLab job without {@code SIGSTORE_ID_TOKEN}. */
  NO_SIGSTORE_ID_TOKEN("Add `id_tokens: SIGSTORE_ID_TOKEN: aud: sigstore` to the GitLab job."),
  /** The CI's ID token endpoint refused or failed. */
  ID_TOKEN_REQUEST_FAILED("GitHub's ID token endpoint failed; rerun the job, and check that it has"
      + " id-token: write."),
  /** The ID token is not a JWT with a subject (or a verified email) to prove key possession over. */
  ID_TOKEN_MALFORMED("The Sigstore ID token must be a JWT with a sub claim (or a verified email);"
      + " pass the token the CI issues for audience sigstore."),
  /** Fulcio refused the certificate request (its message says why: token, audience, key). */
  FULCIO_REFUSED("Fulcio refused the signing certificate: check that the ID token's audience is"
      + " sigstore and that it has not expired; its message says more."),
  /** Fulcio did not answer. */
  FULCIO_UNREACHABLE("Fulcio did not answer; check the network and the Fulcio URL (NPMAUTH_FULCIO_URL),"
      + " then retry."),
  /** Rekor refused the log entry. */
  REKOR_REFUSED("Rekor refused the log entry; its message says why. Retry, or check the Rekor URL"
      + " (NPMAUTH_REKOR_URL)."),
  /** Rekor did not answer. */
  REKOR_UNREACHABLE("Rekor did not answer; check the network and the Rekor URL (NPMAUTH_REKOR_URL),"
      + " then retry."),
  /** The timestamp authority refused or did not answer. */
  TIMESTAMP_FAILED("The timestamp authority did not grant a timestamp; check its URL (NPMAUTH_TSA_URL)"
      + " or sign without one."),
  /** A service answered something that does not match the request (another key, another entry). */
  UNEXPECTED_RESPONSE("A Sigstore service answered with data that does not match the request; the"
      + " service may be misconfigured or not a Sigstore service at that URL."),
  /** npm refuses provenance for a package that is not public. */
  PACKAGE_NOT_PUBLIC("Provenance is published for public packages only: publish with access public"
      + " (--access public), or without provenance.");

  private final String fix;

  ProvenanceFailure(String fix) {
    this.fix = fix;
  }

  /**
   * The change that fixes it.
   *
   * @return advice for people
   */
  public String fix() {
    return fix;
  }
}
