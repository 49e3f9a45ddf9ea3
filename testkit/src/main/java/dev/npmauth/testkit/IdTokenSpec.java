package dev.npmauth.testkit;

import dev.npmauth.testkit.internal.registry.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link IdTokens#mint(IdTokenSpec)} should make: the ID token a CI job would get, optionally
 * bent for a negative test.
 *
 * <pre>{@code
 * String expired = registry.idTokens().mint(IdTokenSpec.github(run).expired());
 * String wrongAud = registry.idTokens().mint(IdTokenSpec.github(run).audience("npm:registry.npmjs.org"));
 * String forged = registry.idTokens().mint(IdTokenSpec.gitlab(glRun).signedWithUnknownKey());
 * String odd = registry.idTokens().mint(IdTokenSpec.github(run).claim("workflow_ref", "x").withoutClaim("environment"));
 * }</pre>
 *
 * <p>By default the token has the provider's full claim set for the run, audience {@code
 * npm:<registry host>} (or the run's own audience), is issued now and valid for the provider's
 * usual lifetime (GitHub 10 minutes, GitLab and CircleCI 1 hour), and is signed with the issuer's
 * key. Claim overrides are applied last, so they can also replace {@code iat}, {@code nbf}, {@code
 * exp}, {@code iss} or {@code aud}.
 *
 * <p>Immutable: each setter returns a changed copy.
 */
public final class IdTokenSpec {
  private static final Object REMOVE = new Object();

  private final CiProvider provider;
  private final Object run;
  private final Map<String, Object> overrides;
  private final String audience;
  private final String issuer;
  private final boolean expired;
  private final boolean unknownKey;
  private final String keyId;

  private IdTokenSpec(
      CiProvider provider,
      Object run,
      Map<String, Object> overrides,
      String audience,
      String issuer,
      boolean expired,
      boolean unknownKey,
      String keyId) {
    this.provider = provider;
    this.run = run;
    this.overrides = overrides;
    this.audience = audience;
    this.issuer = issuer;
    this.expired = expired;
    this.unknownKey = unknownKey;
    this.keyId = keyId;
  }

  /**
   * The token GitHub Actions would give {@code run}.
   *
   * @param run the job
   * @return a spec with no changes yet
   */
  public static IdTokenSpec github(GitHubRun run) {
    return new IdTokenSpec(
        CiProvider.GITHUB, Objects.requireNonNull(run, "run"), Map.of(), null, null, false, false, null);
  }

  /**
   * The {@code NPM_ID_TOKEN} GitLab would give {@code run}.
   *
   * @param run the job
   * @return a spec with no changes yet
   */
  public static IdTokenSpec gitlab(GitLabRun run) {
    return new IdTokenSpec(
        CiProvider.GITLAB, Objects.requireNonNull(run, "run"), Map.of(), null, null, false, false, null);
  }

  /**
   * The {@code NPM_ID_TOKEN} CircleCI would give {@code run}.
   *
   * @param run the job
   * @return a spec with no changes yet
   */
  public static IdTokenSpec circleci(CircleCiRun run) {
    return new IdTokenSpec(
        CiProvider.CIRCLECI, Objects.requireNonNull(run, "run"), Map.of(), null, null, false, false, null);
  }

  /**
   * Sets (or adds) a claim.
   *
   * @param name the claim name, e.g. {@code workflow_ref}
   * @param value a String, Number, Boolean, List or Map of those, or null (a JSON null)
   * @throws IllegalArgumentException for any other value type
   */
  public IdTokenSpec claim(String name, Object value) {
    checkJson(value);
    Map<String, Object> o = new LinkedHashMap<>(overrides);
    o.put(Checks.notBlank(name, "the claim name"), value);
    return copy(o, audience, issuer, expired, unknownKey, keyId);
  }

  /** Leaves a claim out of the token. */
  public IdTokenSpec withoutClaim(String name) {
    Map<String, Object> o = new LinkedHashMap<>(overrides);
    o.put(Checks.notBlank(name, "the claim name"), REMOVE);
    return copy(o, audience, issuer, expired, unknownKey, keyId);
  }

  /** The {@code aud} claim. */
  public IdTokenSpec audience(String audience) {
    return copy(overrides, Checks.notBlank(audience, "the audience"), issuer, expired, unknownKey, keyId);
  }

  /** The {@code iss} claim (the token is still signed with the provider's key). */
  public IdTokenSpec issuer(String issuer) {
    return copy(overrides, audience, Checks.notBlank(issuer, "the issuer"), expired, unknownKey, keyId);
  }

  /** Issued two hours ago, expired one hour ago. */
  public IdTokenSpec expired() {
    return copy(overrides, audience, issuer, true, unknownKey, keyId);
  }

  /**
   * Signed with a key the registry does not know, under the issuer's own {@code kid} (unless
   * {@link #keyId(String)} says otherwise), so only the signature check can catch it.
   */
  public IdTokenSpec signedWithUnknownKey() {
    return copy(overrides, audience, issuer, expired, true, keyId);
  }

  /** The {@code kid} header; a kid the issuer does not have makes the signature unverifiable. */
  public IdTokenSpec keyId(String kid) {
    return copy(overrides, audience, issuer, expired, unknownKey, Checks.notBlank(kid, "the key id"));
  }

  private IdTokenSpec copy(
      Map<String, Object> o, String aud, String iss, boolean exp, boolean unknown, String kid) {
    return new IdTokenSpec(
        provider, run, Collections.unmodifiableMap(o), aud, iss, exp, unknown, kid);
  }

  /** The provider whose issuer the token comes from. */
  public CiProvider provider() {
    return provider;
  }

  // Read by IdTokens.
  Object run() {
    return run;
  }

  Map<String, Object> overridesWithRemovals() {
    return overrides;
  }

  static boolean isRemoval(Object value) {
    return value == REMOVE;
  }

  String audienceOverride() {
    return audience;
  }

  String issuerOverride() {
    return issuer;
  }

  boolean isExpired() {
    return expired;
  }

  boolean isUnknownKey() {
    return unknownKey;
  }

  String keyIdOverride() {
    return keyId;
  }

  private static void checkJson(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return;
    }
    if (value instanceof List) {
      for (Object item : (List<?>) value) {
        checkJson(item);
      }
      return;
    }
    if (value instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException("claim object keys must be strings");
        }
        checkJson(e.getValue());
      }
      return;
    }
    throw new IllegalArgumentException(
        "a claim value must be a String, Number, Boolean, List, Map or null, got "
            + value.getClass().getName());
  }

  @Override
  public String toString() {
    return "IdTokenSpec[" + provider.id() + " " + run
        + (audience == null ? "" : " aud " + audience)
        + (issuer == null ? "" : " iss " + issuer)
        + (expired ? " expired" : "")
        + (unknownKey ? " unknown-key" : "")
        + (keyId == null ? "" : " kid " + keyId)
        + (overrides.isEmpty() ? "" : " overrides " + overrides.keySet()) + "]";
  }
}
