package dev.npmauth.oidc;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identity an ID token presents to the registry: the claims npm compares with a package's
 * trusted publisher settings. Read from the token itself, so it can be shown when the registry
 * refuses the exchange.
 */
public sealed interface PresentedIdentity permits GitHubIdentity, GitLabIdentity, CircleCiIdentity {

  /**
   * The CI that issued the token.
   *
   * @return the provider
   */
  CiProvider provider();

  /**
   * The token's {@code iss} claim.
   *
   * @return the issuer URL
   */
  String issuer();

  /**
   * The token's {@code aud} claim.
   *
   * @return the audiences
   */
  List<String> audience();

  /**
   * The token's {@code exp} claim.
   *
   * @return when the token expires, if it says
   */
  Optional<Instant> expiresAt();

  /**
   * The claims that decide a trusted publisher match, labelled as npm's settings page labels
   * them, in display order. Absent claims are left out.
   *
   * @return for example {@code repository=acme/widgets, workflow file=release.yml}
   */
  Map<String, String> matchingClaims();
}
