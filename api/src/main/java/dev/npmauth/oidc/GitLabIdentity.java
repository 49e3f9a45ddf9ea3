package dev.npmauth.oidc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a GitLab CI/CD ID token presents.
 *
 * @param issuer the {@code iss} claim
 * @param audience the {@code aud} claim
 * @param expiresAt the {@code exp} claim
 * @param projectPath {@code group/project}
 * @param ciConfigRefUri the {@code ci_config_ref_uri} claim,
 *     {@code gitlab.com/group/project//.gitlab-ci.yml@refs/heads/main}
 * @param ciConfigFile the CI config file taken from {@code ci_config_ref_uri}
 * @param environment the GitLab environment of the job, if any
 * @param ref the git ref name
 * @param projectVisibility {@code public}, {@code internal} or {@code private}
 */
public record GitLabIdentity(
    String issuer,
    List<String> audience,
    Optional<Instant> expiresAt,
    Optional<String> projectPath,
    Optional<String> ciConfigRefUri,
    Optional<String> ciConfigFile,
    Optional<String> environment,
    Optional<String> ref,
    Optional<String> projectVisibility) implements PresentedIdentity {

  /** Copies the audience list. */
  public GitLabIdentity {
    audience = List.copyOf(audience);
  }

  @Override
  public CiProvider provider() {
    return CiProvider.GITLAB;
  }

  @Override
  public Map<String, String> matchingClaims() {
    Map<String, String> claims = new LinkedHashMap<>();
    projectPath.ifPresent(v -> claims.put("project path", v));
    ciConfigFile.ifPresent(v -> claims.put("CI config file", v));
    claims.put("environment", environment.orElse("(none)"));
    ref.ifPresent(v -> claims.put("ref", v));
    return claims;
  }
}
