package dev.npmauth.trust;

import java.util.List;

/**
 * A CircleCI pipeline trusted to publish: {@code npm trust circleci --org-id … --project-id …
 * --pipeline-definition-id … --vcs-origin github.com/acme/widgets [--context-id …]}.
 *
 * <pre>{@code
 * new CircleCiClaims(orgId, projectId, pipelineDefinitionId, "github.com/acme/widgets", List.of());
 * }</pre>
 *
 * @param orgId the organization id, a UUID
 * @param projectId the project id, a UUID
 * @param pipelineDefinitionId the pipeline definition id, a UUID
 * @param vcsOrigin {@code provider/owner/repo}, without {@code ://}
 * @param contextIds context ids (UUIDs) the job must all use; empty for none
 */
public record CircleCiClaims(
    String orgId, String projectId, String pipelineDefinitionId, String vcsOrigin, List<String> contextIds)
    implements TrustClaims {

  /**
   * Checks the values as the npm CLI does and copies the list.
   *
   * @throws InvalidTrustConfigurationException naming what is wrong
   */
  public CircleCiClaims {
    Checks.uuid(orgId, "the CircleCI organization id");
    Checks.uuid(projectId, "the CircleCI project id");
    Checks.uuid(pipelineDefinitionId, "the CircleCI pipeline definition id");
    Checks.notBlank(vcsOrigin, "the CircleCI VCS origin");
    if (vcsOrigin.contains("://") || vcsOrigin.split("/").length < 3) {
      throw new InvalidTrustConfigurationException("the CircleCI VCS origin \"" + vcsOrigin
          + "\" must look like provider/owner/repo (for example github.com/acme/widgets), without a scheme");
    }
    contextIds = List.copyOf(contextIds);
    for (String id : contextIds) {
      Checks.uuid(id, "a CircleCI context id");
    }
  }

  @Override
  public String type() {
    return "circleci";
  }

  @Override
  public String describe() {
    return "circleci org " + orgId + " project " + projectId + " pipeline definition " + pipelineDefinitionId
        + " vcs " + vcsOrigin + (contextIds.isEmpty() ? "" : " contexts " + contextIds);
  }
}
