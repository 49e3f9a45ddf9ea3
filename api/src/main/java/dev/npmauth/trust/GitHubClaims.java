package dev.npmauth.trust;

import java.util.Objects;
import java.util.Optional;

/**
 * A GitHub Actions workflow trusted to publish: {@code npm trust github --repository owner/repo
 * --file release.yml [--environment prod]}.
 *
 * <pre>{@code
 * new GitHubClaims("acme/widgets", "release.yml", Optional.of("production"));
 * }</pre>
 *
 * @param repository {@code owner/repo}: exactly two parts
 * @param workflowFile the workflow's file name under {@code .github/workflows/}, ending in
 *     {@code .yml} or {@code .yaml}, without a path
 * @param environment the deployment environment the job must run in, if any
 */
public record GitHubClaims(String repository, String workflowFile, Optional<String> environment)
    implements TrustClaims {

  /**
   * Checks the values as the npm CLI does.
   *
   * @throws InvalidTrustConfigurationException naming what is wrong
   */
  public GitHubClaims {
    Checks.notBlank(repository, "the GitHub repository");
    if (repository.split("/", -1).length != 2 || repository.startsWith("/") || repository.endsWith("/")) {
      throw new InvalidTrustConfigurationException("the GitHub repository \"" + repository
          + "\" must be specified in the format owner/repository");
    }
    Checks.yamlFile(workflowFile, "the GitHub Actions workflow file");
    Objects.requireNonNull(environment, "environment");
    if (environment.isPresent() && environment.get().isBlank()) {
      throw new InvalidTrustConfigurationException("the environment, when given, must not be blank");
    }
  }

  @Override
  public String type() {
    return "github";
  }

  @Override
  public String describe() {
    return "github " + repository + " " + workflowFile + environment.map(e -> " (environment " + e + ")").orElse("");
  }
}
