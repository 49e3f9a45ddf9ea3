package dev.npmauth.oidc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a GitHub Actions ID token presents.
 *
 * @param issuer the {@code iss} claim
 * @param audience the {@code aud} claim
 * @param expiresAt the {@code exp} claim
 * @param repository {@code owner/repo}
 * @param workflowRef the {@code workflow_ref} claim, {@code owner/repo/.github/workflows/x.yml@ref}
 * @param workflowFile the workflow file name taken from {@code workflow_ref}, for example
 *     {@code release.yml}
 * @param environment the GitHub environment of the job, if any
 * @param ref the git ref, for example {@code refs/heads/main}
 * @param runnerEnvironment {@code github-hosted} or {@code self-hosted}
 * @param repositoryVisibility {@code public}, {@code private} or {@code internal}
 */
public record GitHubIdentity(
    String issuer,
    List<String> audience,
    Optional<Instant> expiresAt,
    Optional<String> repository,
    Optional<String> workflowRef,
    Optional<String> workflowFile,
    Optional<String> environment,
    Optional<String> ref,
    Optional<String> runnerEnvironment,
    Optional<String> repositoryVisibility) implements PresentedIdentity {

  /** Copies the audience list. */
  public GitHubIdentity {
    audience = List.copyOf(audience);
  }

  @Override
  public CiProvider provider() {
    return CiProvider.GITHUB_ACTIONS;
  }

  @Override
  public Map<String, String> matchingClaims() {
    Map<String, String> claims = new LinkedHashMap<>();
    repository.ifPresent(v -> claims.put("repository", v));
    workflowFile.ifPresent(v -> claims.put("workflow file", v));
    claims.put("environment", environment.orElse("(none)"));
    ref.ifPresent(v -> claims.put("ref", v));
    runnerEnvironment.ifPresent(v -> claims.put("runner", v));
    return claims;
  }
}
