package dev.npmauth.testkit;

import dev.npmauth.testkit.internal.registry.Checks;
import java.util.Optional;

/**
 * A simulated GitLab CI/CD job whose {@code id_tokens:} section defines {@code NPM_ID_TOKEN}. Give
 * it to {@link FakeRegistry#gitlabRun(GitLabRun)} to get the job's environment.
 *
 * <pre>{@code
 * GitLabRun run = GitLabRun.of("group/project", ".gitlab-ci.yml").environment("production");
 * }</pre>
 *
 * <p>Immutable: each setter returns a changed copy. Defaults: branch {@code main}, project
 * visibility {@code private}, audience {@code npm:<registry host>}, no environment.
 */
public final class GitLabRun {
  private final String projectPath;
  private final String configFile;
  private final String environment;
  private final String audience;
  private final String branch;
  private final String visibility;

  private GitLabRun(
      String projectPath,
      String configFile,
      String environment,
      String audience,
      String branch,
      String visibility) {
    this.projectPath = projectPath;
    this.configFile = configFile;
    this.environment = environment;
    this.audience = audience;
    this.branch = branch;
    this.visibility = visibility;
  }

  /**
   * A pipeline of {@code projectPath} defined by {@code configFile}.
   *
   * @param projectPath {@code group/project} (subgroups allowed)
   * @param configFile the CI config file path in the repository, e.g. {@code .gitlab-ci.yml}
   * @throws IllegalArgumentException if a value has the wrong shape
   */
  public static GitLabRun of(String projectPath, String configFile) {
    Checks.notBlank(configFile, "the CI config file");
    if (configFile.startsWith("/") || configFile.contains(":") || configFile.contains("@")) {
      throw new IllegalArgumentException(
          "the CI config file must be a path in the repository such as .gitlab-ci.yml, got \""
              + configFile
              + "\"");
    }
    return new GitLabRun(
        Checks.gitlabProjectPath(projectPath), configFile, null, null, "main", "private");
  }

  /** The job deploys to this environment (the {@code environment} claim). */
  public GitLabRun environment(String environment) {
    return new GitLabRun(
        projectPath,
        configFile,
        Checks.notBlank(environment, "the environment"),
        audience,
        branch,
        visibility);
  }

  /** The {@code aud} of {@code NPM_ID_TOKEN}; default {@code npm:<registry host>}. */
  public GitLabRun audience(String audience) {
    return new GitLabRun(
        projectPath,
        configFile,
        environment,
        Checks.notBlank(audience, "the audience"),
        branch,
        visibility);
  }

  /** The branch the pipeline runs for; default {@code main}. */
  public GitLabRun branch(String branch) {
    return new GitLabRun(
        projectPath,
        configFile,
        environment,
        audience,
        Checks.notBlank(branch, "the branch"),
        visibility);
  }

  /** The {@code project_visibility} claim: {@code public}, {@code internal} or {@code private}. */
  public GitLabRun visibility(String visibility) {
    return new GitLabRun(
        projectPath,
        configFile,
        environment,
        audience,
        branch,
        Checks.notBlank(visibility, "the visibility"));
  }

  /** The project path, e.g. {@code group/project}. */
  public String projectPath() {
    return projectPath;
  }

  /** The CI config file path, e.g. {@code .gitlab-ci.yml}. */
  public String configFile() {
    return configFile;
  }

  /** The environment, if any. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /** The audience set with {@link #audience(String)}; empty means {@code npm:<registry host>}. */
  public Optional<String> audience() {
    return Optional.ofNullable(audience);
  }

  /** The branch the pipeline runs for. */
  public String branch() {
    return branch;
  }

  /** The project visibility claim. */
  public String visibility() {
    return visibility;
  }

  @Override
  public String toString() {
    return "GitLabRun[" + projectPath + " " + configFile + " " + branch
        + (environment == null ? "" : " environment " + environment) + "]";
  }
}
