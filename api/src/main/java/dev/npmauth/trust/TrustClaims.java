package dev.npmauth.trust;

/**
 * The claims a trusted publisher configuration matches an ID token against, for one CI
 * provider: {@link GitHubClaims}, {@link GitLabClaims}, {@link CircleCiClaims}, or {@link
 * OtherClaims} for a type this SDK does not know (listed, never created).
 */
public sealed interface TrustClaims permits GitHubClaims, GitLabClaims, CircleCiClaims, OtherClaims {

  /**
   * The {@code type} of the configuration.
   *
   * @return for example {@code github}
   */
  String type();

  /**
   * A one-line description, for example {@code github acme/widgets release.yml}.
   *
   * @return the description
   */
  String describe();
}
