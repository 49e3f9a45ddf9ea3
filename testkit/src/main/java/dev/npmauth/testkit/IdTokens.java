package dev.npmauth.testkit;

import dev.npmauth.testkit.internal.oidc.CiRuns;
import dev.npmauth.testkit.internal.oidc.ClaimSets;
import dev.npmauth.testkit.internal.oidc.IdTokenMinter;
import dev.npmauth.testkit.internal.oidc.IssuerKeys;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fake CI identity providers' issuers: mint ID tokens for tests, and publish each issuer's
 * public keys so a client test can verify what it received. Get it from {@link
 * FakeRegistry#idTokens()}.
 *
 * <pre>{@code
 * GitHubRun run = GitHubRun.of("acme/widgets", "release.yml");
 * String expired = registry.idTokens().mint(IdTokenSpec.github(run).expired());
 * String jwks = registry.idTokens().jwks(CiProvider.GITHUB);
 * }</pre>
 *
 * <p>Tokens carry the real issuer names ({@code https://token.actions.githubusercontent.com},
 * {@code https://gitlab.com}, {@code https://oidc.circleci.com/org/<org-id>}) and are RS256-signed
 * with keys this registry generated, so only this registry accepts them. Thread-safe.
 */
public final class IdTokens {
  private final IssuerKeys keys;
  private final IdTokenMinter minter;
  private final Clock clock;
  private final SecureRandom random;
  private final URI registryUrl;
  private final String defaultAudience;

  IdTokens(
      IssuerKeys keys,
      IdTokenMinter minter,
      Clock clock,
      SecureRandom random,
      URI registryUrl,
      String defaultAudience) {
    this.keys = keys;
    this.minter = minter;
    this.clock = clock;
    this.random = random;
    this.registryUrl = registryUrl;
    this.defaultAudience = defaultAudience;
  }

  /**
   * Mints an ID token as {@code spec} describes.
   *
   * @param spec e.g. {@code IdTokenSpec.github(run).expired()}
   * @return a compact JWS (three base64url parts)
   */
  public String mint(IdTokenSpec spec) {
    Map<String, Object> template;
    String audience;
    Duration lifetime;
    Object run = spec.run();
    switch (spec.provider()) {
      case GITHUB:
        template = ClaimSets.github((GitHubRun) run, random);
        audience = defaultAudience;
        lifetime = CiRuns.GITHUB_TOKEN_LIFETIME;
        break;
      case GITLAB:
        template = ClaimSets.gitlab((GitLabRun) run, random);
        audience = ((GitLabRun) run).audience().orElse(defaultAudience);
        lifetime = CiRuns.ENV_TOKEN_LIFETIME;
        break;
      default:
        template = ClaimSets.circleci((CircleCiRun) run, random);
        audience = ((CircleCiRun) run).audience().orElse(defaultAudience);
        lifetime = CiRuns.ENV_TOKEN_LIFETIME;
    }
    if (spec.audienceOverride() != null) {
      audience = spec.audienceOverride();
    }
    Instant now = clock.instant();
    Instant issued = spec.isExpired() ? now.minus(Duration.ofHours(2)) : now;
    Instant expires = spec.isExpired() ? now.minus(Duration.ofHours(1)) : now.plus(lifetime);
    Map<String, Object> claims =
        new LinkedHashMap<>(ClaimSets.stamp(template, audience, issued, expires, random));
    if (spec.issuerOverride() != null) {
      claims.put("iss", spec.issuerOverride());
    }
    for (Map.Entry<String, Object> e : spec.overridesWithRemovals().entrySet()) {
      if (IdTokenSpec.isRemoval(e.getValue())) {
        claims.remove(e.getKey());
      } else {
        claims.put(e.getKey(), e.getValue());
      }
    }
    return minter.sign(spec.provider(), claims, spec.isUnknownKey(), spec.keyIdOverride());
  }

  /**
   * A token that is not a JWT at all: three dot-separated parts whose header and payload are not
   * base64url JSON. The exchange refuses it as malformed.
   *
   * @return the malformed token
   */
  public String malformed() {
    return "eyJub3QiOiJqc29u.bm90IGEgand0.c2lnbmF0dXJl";
  }

  /**
   * The JWKS document (public keys only) of a provider's issuer, as JSON text.
   *
   * @param provider which issuer
   * @return {@code {"keys":[{"kty":"RSA","kid":…,"use":"sig","alg":"RS256","n":…,"e":…}]}}
   */
  public String jwks(CiProvider provider) {
    return keys.jwksJson(provider);
  }

  /**
   * Where this registry serves {@link #jwks(CiProvider)}.
   *
   * @param provider which issuer
   * @return {@code <registry url>-/testkit/oidc/<github|gitlab|circleci>/jwks}
   */
  public URI jwksUri(CiProvider provider) {
    return registryUrl.resolve("-/testkit/oidc/" + provider.id() + "/jwks");
  }

  /**
   * The audience the exchange requires.
   *
   * @return {@code npm:<registry host>}, e.g. {@code npm:127.0.0.1}
   */
  public String expectedAudience() {
    return defaultAudience;
  }
}
