package dev.npmauth.testkit;

import dev.npmauth.testkit.internal.registry.Checks;
import java.util.Optional;

/**
 * A simulated GitHub Actions job with {@code permissions: id-token: write}. Give it to {@link
 * FakeRegistry#githubActionsRun(GitHubRun)} to get the job's environment, or to {@link
 * IdTokenSpec#github(GitHubRun)} to mint a token directly.
 *
 * <pre>{@code
 * GitHubRun run = GitHubRun.of("acme/widgets", "release.yml").environment("prod");
 * }</pre>
 *
 * <p>Immutable: each setter returns a changed copy. Defaults: ref {@code refs/heads/main},
 * repository visibility {@code private}, a GitHub-hosted runner, no environment.
 */
public final class GitHubRun {
  private final String repository;
  private final String workflowFile;
  private final String environment;
  private final String ref;
  private final String visibility;
  private final boolean selfHosted;

  private GitHubRun(
      String repository,
      String workflowFile,
      String environment,
      String ref,
      String visibility,
      boolean selfHosted) {
    this.repository = repository;
    this.workflowFile = workflowFile;
    this.environment = environment;
    this.ref = ref;
    this.visibility = visibility;
    this.selfHosted = selfHosted;
  }

  /**
   * A run of {@code .github/workflows/<workflowFile>} in {@code repository}.
   *
   * @param repository {@code owner/repo}
   * @param workflowFile a bare file name such as {@code release.yml}
   * @throws IllegalArgumentException if a value has the wrong shape
   */
  public static GitHubRun of(String repository, String workflowFile) {
    return new GitHubRun(
        Checks.githubRepository(repository),
        Checks.fileName(workflowFile, "the workflow file"),
        null,
        "refs/heads/main",
        "private",
        false);
  }

  /** The job runs in this deployment environment (the {@code environment} claim). */
  public GitHubRun environment(String environment) {
    return new GitHubRun(
        repository,
        workflowFile,
        Checks.notBlank(environment, "the environment"),
        ref,
        visibility,
        selfHosted);
  }

  /** The git ref, e.g. {@code refs/heads/main} or {@code refs/tags/v1.0.0}. */
  public GitHubRun ref(String ref) {
    if (!Checks.notBlank(ref, "the ref").startsWith("refs/")) {
      throw new IllegalArgumentException("a ref starts with refs/, got \"" + ref + "\"");
    }
    return new GitHubRun(repository, workflowFile, environment, ref, visibility, selfHosted);
  }

  /** The {@code repository_visibility} claim: {@code public}, {@code private} or {@code internal}. */
  public GitHubRun visibility(String visibility) {
    return new GitHubRun(
        repository,
        workflowFile,
        environment,
        ref,
        Checks.notBlank(visibility, "the visibility"),
        selfHosted);
  }

  /** Whether the runner is self-hosted ({@code runner_environment: self-hosted}). */
  public GitHubRun selfHosted(boolean selfHosted) {
    return new GitHubRun(repository, workflowFile, environment, ref, visibility, selfHosted);
  }

  /** The repository, {@code owner/repo}. */
  public String repository() {
    return repository;
  }

  /** The owner part of {@link #repository()}. */
  public String owner() {
    return repository.substring(0, repository.indexOf('/'));
  }

  /** The workflow file name, e.g. {@code release.yml}. */
  public String workflowFile() {
    return workflowFile;
  }

  /** The deployment environment, if any. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /** The git ref, e.g. {@code refs/heads/main}. */
  public String ref() {
    return ref;
  }

  /** The repository visibility claim. */
  public String visibility() {
    return visibility;
  }

  /** Whether the runner is self-hosted. */
  public boolean selfHosted() {
    return selfHosted;
  }

  @Override
  public String toString() {
    return "GitHubRun[" + repository + " " + workflowFile + " " + ref
        + (environment == null ? "" : " environment " + environment)
        + (selfHosted ? " self-hosted" : "") + "]";
  }
}
