package dev.npmauth.oidc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a CircleCI ID token presents.
 *
 * @param issuer the {@code iss} claim, {@code https://oidc.circleci.com/org/<org id>}
 * @param audience the {@code aud} claim
 * @param expiresAt the {@code exp} claim
 * @param organizationId the organisation id
 * @param projectId the {@code oidc.circleci.com/project-id} claim
 * @param pipelineDefinitionId the {@code oidc.circleci.com/pipeline-definition-id} claim
 * @param vcsOrigin the {@code oidc.circleci.com/vcs-origin} claim, {@code github.com/owner/repo}
 * @param contextIds the {@code oidc.circleci.com/context-ids} claim
 */
public record CircleCiIdentity(
    String issuer,
    List<String> audience,
    Optional<Instant> expiresAt,
    Optional<String> organizationId,
    Optional<String> projectId,
    Optional<String> pipelineDefinitionId,
    Optional<String> vcsOrigin,
    List<String> contextIds) implements PresentedIdentity {

  /** Copies the lists. */
  public CircleCiIdentity {
    audience = List.copyOf(audience);
    contextIds = List.copyOf(contextIds);
  }

  @Override
  public CiProvider provider() {
    return CiProvider.CIRCLECI;
  }

  @Override
  public Map<String, String> matchingClaims() {
    Map<String, String> claims = new LinkedHashMap<>();
    organizationId.ifPresent(v -> claims.put("organization id", v));
    projectId.ifPresent(v -> claims.put("project id", v));
    pipelineDefinitionId.ifPresent(v -> claims.put("pipeline definition id", v));
    vcsOrigin.ifPresent(v -> claims.put("VCS origin", v));
    if (!contextIds.isEmpty()) {
      claims.put("context ids", String.join(", ", contextIds));
    }
    return claims;
  }
}
