package dev.npmauth.credentials;

/** Where a publish credential can come from, in the order the default chain tries them. */
public enum CredentialSource {
  /** Trusted publishing: the CI's ID token exchanged at the registry. */
  TRUSTED_PUBLISHING("trusted publishing (OIDC)"),
  /** The {@code NODE_AUTH_TOKEN} environment variable (what actions/setup-node uses). */
  NODE_AUTH_TOKEN("environment variable NODE_AUTH_TOKEN"),
  /** The {@code NPM_TOKEN} environment variable. */
  NPM_TOKEN("environment variable NPM_TOKEN"),
  /** An {@code _authToken} (or {@code _auth}, or username/password) in {@code .npmrc}. */
  NPMRC(".npmrc"),
  /** A credential the caller gave directly. */
  GIVEN("given by the caller");

  private final String description;

  CredentialSource(String description) {
    this.description = description;
  }

  /**
   * The source in words.
   *
   * @return for example {@code environment variable NPM_TOKEN}
   */
  public String description() {
    return description;
  }
}
