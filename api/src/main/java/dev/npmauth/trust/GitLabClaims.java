package dev.npmauth.trust;

import java.util.Objects;
import java.util.Optional;

/**
 * A GitLab CI/CD pipeline trusted to publish: {@code npm trust gitlab --project group/project
 * --file .gitlab-ci.yml [--environment prod]}.
 *
 * <pre>{@code
 * new GitLabClaims("acme/platform/widgets", ".gitlab-ci.yml", Optional.empty());
 * }</pre>
 *
 * @param projectPath {@code group/project} or {@code group/subgroup/project}: two parts or more
 * @param configFile the pipeline file name, ending in {@code .yml} or {@code .yaml}, without a
 *     path
 * @param environment the environment the job must deploy to, if any
 */
public record GitLabClaims(String projectPath, String configFile, Optional<String> environment)
    implements TrustClaims {

  /**
   * Checks the values as the npm CLI does.
   *
   * @throws InvalidTrustConfigurationException naming what is wrong
   */
  public GitLabClaims {
    Checks.notBlank(projectPath, "the GitLab project");
    if (projectPath.split("/", -1).length < 2) {
      throw new InvalidTrustConfigurationException("the GitLab project \"" + projectPath
          + "\" must be specified in the format group/project or group/subgroup/project");
    }
    Checks.yamlFile(configFile, "the GitLab CI/CD pipeline file");
    Objects.requireNonNull(environment, "environment");
    if (environment.isPresent() && environment.get().isBlank()) {
      throw new InvalidTrustConfigurationException("the environment, when given, must not be blank");
    }
  }

  @Override
  public String type() {
    return "gitlab";
  }

  @Override
  public String describe() {
    return "gitlab " + projectPath + " " + configFile + environment.map(e -> " (environment " + e + ")").orElse("");
  }
}
