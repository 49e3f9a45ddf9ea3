package dev.npmauth.testkit;

import dev.npmauth.testkit.internal.registry.Checks;
import java.util.List;
import java.util.Optional;

/**
 * A simulated CircleCI job that exports an OIDC token with audience {@code npm:<registry host>}
 * as {@code NPM_ID_TOKEN}. Give it to {@link FakeRegistry#circleCiRun(CircleCiRun)}.
 *
 * <pre>{@code
 * CircleCiRun run = CircleCiRun.of(orgId, projectId, pipelineDefinitionId, "github.com/acme/widgets")
 *     .contextIds(List.of(contextId));
 * }</pre>
 *
 * <p>Immutable: each setter returns a changed copy. Defaults: no contexts, VCS ref {@code
 * refs/heads/main}, audience {@code npm:<registry host>}.
 */
public final class CircleCiRun {
  private final String orgId;
  private final String projectId;
  private final String pipelineDefinitionId;
  private final String vcsOrigin;
  private final List<String> contextIds;
  private final String audience;
  private final String vcsRef;

  private CircleCiRun(
      String orgId,
      String projectId,
      String pipelineDefinitionId,
      String vcsOrigin,
      List<String> contextIds,
      String audience,
      String vcsRef) {
    this.orgId = orgId;
    this.projectId = projectId;
    this.pipelineDefinitionId = pipelineDefinitionId;
    this.vcsOrigin = vcsOrigin;
    this.contextIds = contextIds;
    this.audience = audience;
    this.vcsRef = vcsRef;
  }

  /**
   * A job of one pipeline definition.
   *
   * @param orgId organization id (UUID)
   * @param projectId project id (UUID)
   * @param pipelineDefinitionId pipeline definition id (UUID)
   * @param vcsOrigin {@code provider/owner/repo}, e.g. {@code github.com/acme/widgets}
   * @throws IllegalArgumentException if a value has the wrong shape
   */
  public static CircleCiRun of(
      String orgId, String projectId, String pipelineDefinitionId, String vcsOrigin) {
    return new CircleCiRun(
        Checks.uuid(orgId, "the CircleCI organization id"),
        Checks.uuid(projectId, "the CircleCI project id"),
        Checks.uuid(pipelineDefinitionId, "the CircleCI pipeline definition id"),
        Checks.vcsOrigin(vcsOrigin),
        List.of(),
        null,
        "refs/heads/main");
  }

  /** The contexts the job uses ({@code oidc.circleci.com/context-ids}). */
  public CircleCiRun contextIds(List<String> contextIds) {
    return new CircleCiRun(
        orgId,
        projectId,
        pipelineDefinitionId,
        vcsOrigin,
        Checks.uuids(contextIds, "a CircleCI context id"),
        audience,
        vcsRef);
  }

  /** The {@code aud} of {@code NPM_ID_TOKEN}; default {@code npm:<registry host>}. */
  public CircleCiRun audience(String audience) {
    return new CircleCiRun(
        orgId,
        projectId,
        pipelineDefinitionId,
        vcsOrigin,
        contextIds,
        Checks.notBlank(audience, "the audience"),
        vcsRef);
  }

  /** The {@code oidc.circleci.com/vcs-ref} claim; default {@code refs/heads/main}. */
  public CircleCiRun vcsRef(String vcsRef) {
    return new CircleCiRun(
        orgId,
        projectId,
        pipelineDefinitionId,
        vcsOrigin,
        contextIds,
        audience,
        Checks.notBlank(vcsRef, "the VCS ref"));
  }

  /** The organization id (UUID). */
  public String orgId() {
    return orgId;
  }

  /** The project id (UUID). */
  public String projectId() {
    return projectId;
  }

  /** The pipeline definition id (UUID). */
  public String pipelineDefinitionId() {
    return pipelineDefinitionId;
  }

  /** The VCS origin, e.g. {@code github.com/acme/widgets}. */
  public String vcsOrigin() {
    return vcsOrigin;
  }

  /** The context ids the job uses (may be empty). */
  public List<String> contextIds() {
    return contextIds;
  }

  /** The audience set with {@link #audience(String)}; empty means {@code npm:<registry host>}. */
  public Optional<String> audience() {
    return Optional.ofNullable(audience);
  }

  /** The VCS ref, e.g. {@code refs/heads/main}. */
  public String vcsRef() {
    return vcsRef;
  }

  @Override
  public String toString() {
    return "CircleCiRun[org " + orgId + " project " + projectId + " pipeline definition "
        + pipelineDefinitionId + " " + vcsOrigin + "]";
  }
}
