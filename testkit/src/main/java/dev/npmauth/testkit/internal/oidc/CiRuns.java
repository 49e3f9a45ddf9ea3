package dev.npmauth.testkit.internal.oidc;

import dev.npmauth.testkit.CiProvider;
import dev.npmauth.testkit.CircleCiRun;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.GitLabRun;
import dev.npmauth.testkit.internal.registry.Secrets;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulated CI jobs: the environment each provider gives a job, and for GitHub Actions the jobs
 * whose ID-token endpoint is served at {@code /-/testkit/github/idtoken}.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class CiRuns {
  /** GitHub mints ID tokens on request; they live 10 minutes. */
  public static final Duration GITHUB_TOKEN_LIFETIME = Duration.ofMinutes(10);
  /** GitLab and CircleCI tokens sit in an env var for the whole job; 1 hour. */
  public static final Duration ENV_TOKEN_LIFETIME = Duration.ofHours(1);

  /** A registered GitHub job: its request token (a secret) and its claims. */
  public record GitHubJob(GitHubRun run, String requestToken, Map<String, Object> claims) {
    @Override
    public String toString() {
      return "GitHubJob[" + run + "]"; // never the request token
    }
  }

  private final IdTokenMinter minter;
  private final Clock clock;
  private final SecureRandom random;
  private final URI registryUrl;
  private final String defaultAudience;
  private final Map<String, GitHubJob> githubJobs = new ConcurrentHashMap<>();

  public CiRuns(
      IdTokenMinter minter, Clock clock, SecureRandom random, URI registryUrl, String defaultAudience) {
    this.minter = minter;
    this.clock = clock;
    this.random = random;
    this.registryUrl = registryUrl;
    this.defaultAudience = defaultAudience;
  }

  /** Registers a GitHub job and returns its environment. */
  public Map<String, String> github(GitHubRun run) {
    String key = Secrets.randomAlphanumeric(random, 16);
    String requestToken = Secrets.randomAlphanumeric(random, 40);
    Map<String, Object> claims = ClaimSets.github(run, random);
    githubJobs.put(key, new GitHubJob(run, requestToken, claims));

    String ref = run.ref();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CI", "true");
    env.put("GITHUB_ACTIONS", "true");
    env.put(
        "ACTIONS_ID_TOKEN_REQUEST_URL",
        registryUrl + "-/testkit/github/idtoken?api-version=2.0&run=" + key);
    env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", requestToken);
    env.put("GITHUB_SERVER_URL", "https://github.com");
    env.put("GITHUB_API_URL", "https://api.github.com");
    env.put("GITHUB_GRAPHQL_URL", "https://api.github.com/graphql");
    env.put("GITHUB_REPOSITORY", run.repository());
    env.put("GITHUB_REPOSITORY_OWNER", run.owner());
    env.put("GITHUB_REPOSITORY_ID", (String) claims.get("repository_id"));
    env.put("GITHUB_REPOSITORY_OWNER_ID", (String) claims.get("repository_owner_id"));
    env.put("GITHUB_WORKFLOW", (String) claims.get("workflow"));
    env.put("GITHUB_WORKFLOW_REF", (String) claims.get("workflow_ref"));
    env.put("GITHUB_WORKFLOW_SHA", (String) claims.get("workflow_sha"));
    env.put("GITHUB_REF", ref);
    env.put("GITHUB_REF_NAME", ref.substring(ref.indexOf('/', ref.indexOf('/') + 1) + 1));
    env.put("GITHUB_REF_TYPE", (String) claims.get("ref_type"));
    env.put("GITHUB_REF_PROTECTED", "false");
    env.put("GITHUB_SHA", (String) claims.get("sha"));
    env.put("GITHUB_RUN_ID", (String) claims.get("run_id"));
    env.put("GITHUB_RUN_NUMBER", (String) claims.get("run_number"));
    env.put("GITHUB_RUN_ATTEMPT", (String) claims.get("run_attempt"));
    env.put("GITHUB_ACTOR", (String) claims.get("actor"));
    env.put("GITHUB_ACTOR_ID", (String) claims.get("actor_id"));
    env.put("GITHUB_TRIGGERING_ACTOR", (String) claims.get("actor"));
    env.put("GITHUB_EVENT_NAME", (String) claims.get("event_name"));
    env.put("GITHUB_JOB", "publish");
    env.put("RUNNER_ENVIRONMENT", run.selfHosted() ? "self-hosted" : "github-hosted");
    env.put("RUNNER_OS", "Linux");
    env.put("RUNNER_ARCH", "X64");
    return Collections.unmodifiableMap(env);
  }

  /** The GitHub job registered under {@code key}. */
  public Optional<GitHubJob> githubJob(String key) {
    return Optional.ofNullable(githubJobs.get(key));
  }

  /** Mints the ID token a GitHub job gets for {@code audience}, valid 10 minutes from now. */
  public String githubIdToken(GitHubJob job, String audience) {
    Instant now = clock.instant();
    return minter.sign(
        CiProvider.GITHUB,
        ClaimSets.stamp(job.claims(), audience, now, now.plus(GITHUB_TOKEN_LIFETIME), random));
  }

  /** A GitLab job's environment, with {@code NPM_ID_TOKEN} minted now (valid 1 hour). */
  public Map<String, String> gitlab(GitLabRun run) {
    Map<String, Object> claims = ClaimSets.gitlab(run, random);
    Instant now = clock.instant();
    String token =
        minter.sign(
            CiProvider.GITLAB,
            ClaimSets.stamp(
                claims, run.audience().orElse(defaultAudience), now, now.plus(ENV_TOKEN_LIFETIME), random));
    String project = run.projectPath();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CI", "true");
    env.put("GITLAB_CI", "true");
    env.put("NPM_ID_TOKEN", token);
    env.put("CI_SERVER_URL", "https://gitlab.com");
    env.put("CI_SERVER_HOST", "gitlab.com");
    env.put("CI_SERVER_PROTOCOL", "https");
    env.put("CI_PROJECT_PATH", project);
    env.put("CI_PROJECT_ID", (String) claims.get("project_id"));
    env.put("CI_PROJECT_NAMESPACE", (String) claims.get("namespace_path"));
    env.put("CI_PROJECT_NAMESPACE_ID", (String) claims.get("namespace_id"));
    env.put("CI_PROJECT_NAME", project.substring(project.lastIndexOf('/') + 1));
    env.put("CI_PROJECT_URL", "https://gitlab.com/" + project);
    env.put("CI_PROJECT_VISIBILITY", run.visibility());
    env.put("CI_CONFIG_PATH", run.configFile());
    env.put("CI_COMMIT_REF_NAME", run.branch());
    env.put("CI_COMMIT_BRANCH", run.branch());
    env.put("CI_COMMIT_SHA", (String) claims.get("sha"));
    env.put("CI_PIPELINE_ID", (String) claims.get("pipeline_id"));
    env.put("CI_PIPELINE_SOURCE", (String) claims.get("pipeline_source"));
    env.put("CI_JOB_ID", (String) claims.get("job_id"));
    env.put("CI_JOB_NAME", "publish");
    env.put("CI_RUNNER_ID", String.valueOf(claims.get("runner_id")));
    env.put("GITLAB_USER_ID", (String) claims.get("user_id"));
    env.put("GITLAB_USER_LOGIN", (String) claims.get("user_login"));
    run.environment().ifPresent(e -> env.put("CI_ENVIRONMENT_NAME", e));
    return Collections.unmodifiableMap(env);
  }

  /** A CircleCI job's environment, with {@code NPM_ID_TOKEN} minted now (valid 1 hour). */
  public Map<String, String> circleci(CircleCiRun run) {
    Map<String, Object> claims = ClaimSets.circleci(run, random);
    Instant now = clock.instant();
    String token =
        minter.sign(
            CiProvider.CIRCLECI,
            ClaimSets.stamp(
                claims, run.audience().orElse(defaultAudience), now, now.plus(ENV_TOKEN_LIFETIME), random));
    List<String> origin = List.of(run.vcsOrigin().split("/"));
    String ref = run.vcsRef();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CI", "true");
    env.put("CIRCLECI", "true");
    env.put("NPM_ID_TOKEN", token);
    env.put("CIRCLE_PROJECT_USERNAME", origin.get(origin.size() - 2));
    env.put("CIRCLE_PROJECT_REPONAME", origin.get(origin.size() - 1));
    env.put("CIRCLE_REPOSITORY_URL", "https://" + run.vcsOrigin());
    if (ref.startsWith("refs/heads/")) {
      env.put("CIRCLE_BRANCH", ref.substring("refs/heads/".length()));
    } else if (ref.startsWith("refs/tags/")) {
      env.put("CIRCLE_TAG", ref.substring("refs/tags/".length()));
    }
    env.put("CIRCLE_SHA1", Secrets.randomHex(random, 20));
    env.put("CIRCLE_PIPELINE_ID", (String) claims.get("oidc.circleci.com/pipeline-id"));
    env.put("CIRCLE_WORKFLOW_JOB_ID", (String) claims.get("oidc.circleci.com/job-id"));
    env.put("CIRCLE_BUILD_NUM", String.valueOf(1 + random.nextInt(9000)));
    env.put("CIRCLE_JOB", "publish");
    return Collections.unmodifiableMap(env);
  }
}
