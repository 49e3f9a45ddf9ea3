package dev.npmauth.oidc;

/** The CI systems npm supports for trusted publishing, detected the way the npm CLI does. */
public enum CiProvider {
  /** GitHub Actions, detected by a non-empty {@code GITHUB_ACTIONS}. */
  GITHUB_ACTIONS("GitHub Actions", "github-actions", "GITHUB_ACTIONS"),
  /** GitLab CI/CD, detected by a non-empty {@code GITLAB_CI}. */
  GITLAB("GitLab CI/CD", "gitlab-ci", "GITLAB_CI"),
  /** CircleCI, detected by a non-empty {@code CIRCLECI}. */
  CIRCLECI("CircleCI", "circleci", "CIRCLECI");

  private final String displayName;
  private final String userAgentName;
  private final String detectionVariable;

  CiProvider(String displayName, String userAgentName, String detectionVariable) {
    this.displayName = displayName;
    this.userAgentName = userAgentName;
    this.detectionVariable = detectionVariable;
  }

  /**
   * The provider's name for people.
   *
   * @return for example {@code GitHub Actions}
   */
  public String displayName() {
    return displayName;
  }

  /**
   * The name the npm CLI puts in its user agent ({@code ci/<name>}).
   *
   * @return for example {@code github-actions}
   */
  public String userAgentName() {
    return userAgentName;
  }

  /**
   * The environment variable whose non-empty value marks this CI.
   *
   * @return for example {@code GITHUB_ACTIONS}
   */
  public String detectionVariable() {
    return detectionVariable;
  }
}
