package dev.npmauth.testkit.internal.oidc;

import dev.npmauth.testkit.CircleCiRun;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.GitLabRun;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The claim sets each CI provider puts in its ID tokens, without the per-token fields ({@code aud},
 * {@code jti}, {@code iat}, {@code nbf}, {@code exp}, added by {@link #stamp}). Ids that name a
 * stable thing (a repository, an owner, a project) are derived from its name, so they stay the
 * same across runs; ids of a run (run id, sha, job id) are random.
 *
 * <p>Internal to the testkit; not API.
 */
public final class ClaimSets {
  private ClaimSets() {}

  /** GitHub Actions' claims for one job (all values are strings, as GitHub sends them). */
  public static Map<String, Object> github(GitHubRun run, SecureRandom random) {
    String repo = run.repository();
    String ref = run.ref();
    String workflowRef = repo + "/.github/workflows/" + run.workflowFile() + "@" + ref;
    String sha = hex(random, 20);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", Issuers.GITHUB);
    c.put(
        "sub",
        "repo:"
            + repo
            + (run.environment().isPresent()
                ? ":environment:" + run.environment().get()
                : ":ref:" + ref));
    c.put("repository", repo);
    c.put("repository_owner", run.owner());
    c.put("repository_id", stableNumber("repo:" + repo.toLowerCase(java.util.Locale.ROOT)));
    c.put("repository_owner_id", stableNumber("owner:" + run.owner().toLowerCase(java.util.Locale.ROOT)));
    c.put("repository_visibility", run.visibility());
    c.put("actor", run.owner() + "-bot");
    c.put("actor_id", stableNumber("actor:" + run.owner()));
    c.put("workflow", baseName(run.workflowFile()));
    c.put("workflow_ref", workflowRef);
    c.put("workflow_sha", sha);
    c.put("job_workflow_ref", workflowRef);
    c.put("job_workflow_sha", sha);
    c.put("ref", ref);
    c.put("ref_type", ref.startsWith("refs/tags/") ? "tag" : "branch");
    c.put("ref_protected", "false");
    c.put("sha", sha);
    c.put("run_id", String.valueOf(1_000_000_000L + (random.nextLong() & 0x3fffffffL)));
    c.put("run_number", String.valueOf(1 + random.nextInt(500)));
    c.put("run_attempt", "1");
    c.put("event_name", ref.startsWith("refs/tags/") ? "release" : "push");
    run.environment().ifPresent(e -> c.put("environment", e));
    c.put("runner_environment", run.selfHosted() ? "self-hosted" : "github-hosted");
    return c;
  }

  /** GitLab's claims for one job. */
  public static Map<String, Object> gitlab(GitLabRun run, SecureRandom random) {
    String project = run.projectPath();
    String namespace = project.substring(0, project.lastIndexOf('/'));
    String branch = run.branch();
    String sha = hex(random, 20);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", Issuers.GITLAB);
    c.put("sub", "project_path:" + project + ":ref_type:branch:ref:" + branch);
    c.put("namespace_id", stableNumber("namespace:" + namespace));
    c.put("namespace_path", namespace);
    c.put("project_id", stableNumber("project:" + project));
    c.put("project_path", project);
    c.put("user_id", stableNumber("user:" + namespace));
    c.put("user_login", namespace.replace('/', '-') + "-bot");
    c.put("user_access_level", "maintainer");
    c.put("pipeline_id", String.valueOf(1_000_000_000L + (random.nextLong() & 0x3fffffffL)));
    c.put("pipeline_source", "push");
    c.put("job_id", String.valueOf(5_000_000_000L + (random.nextLong() & 0x3fffffffL)));
    c.put("ref", branch);
    c.put("ref_type", "branch");
    c.put("ref_path", "refs/heads/" + branch);
    c.put("ref_protected", "true");
    run.environment()
        .ifPresent(
            e -> {
              c.put("environment", e);
              c.put("environment_protected", "false");
              c.put("deployment_tier", "production");
            });
    c.put("runner_id", 12_000_000L + (random.nextLong() & 0xffffL));
    c.put("runner_environment", "gitlab-hosted");
    c.put("sha", sha);
    c.put("project_visibility", run.visibility());
    c.put(
        "ci_config_ref_uri",
        "gitlab.com/" + project + "//" + run.configFile() + "@refs/heads/" + branch);
    c.put("ci_config_sha", sha);
    return c;
  }

  /** CircleCI's claims for one job. */
  public static Map<String, Object> circleci(CircleCiRun run, SecureRandom random) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", Issuers.circleci(run.orgId()));
    c.put(
        "sub",
        "org/" + run.orgId() + "/project/" + run.projectId() + "/user/" + stableUuid("user:" + run.orgId()));
    c.put("oidc.circleci.com/org-id", run.orgId());
    c.put("oidc.circleci.com/project-id", run.projectId());
    c.put("oidc.circleci.com/pipeline-definition-id", run.pipelineDefinitionId());
    c.put("oidc.circleci.com/vcs-origin", run.vcsOrigin());
    c.put("oidc.circleci.com/vcs-ref", run.vcsRef());
    if (!run.contextIds().isEmpty()) {
      c.put("oidc.circleci.com/context-ids", new ArrayList<Object>(run.contextIds()));
    }
    c.put("oidc.circleci.com/pipeline-id", randomUuid(random));
    c.put("oidc.circleci.com/job-id", randomUuid(random));
    c.put("oidc.circleci.com/ssh-rerun", false);
    return c;
  }

  /**
   * Adds the per-token claims: {@code aud}, {@code jti}, {@code iat}, {@code nbf} = {@code
   * issuedAt}, and {@code exp} = {@code expiresAt}.
   */
  public static Map<String, Object> stamp(
      Map<String, Object> template,
      String audience,
      Instant issuedAt,
      Instant expiresAt,
      SecureRandom random) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", template.get("iss"));
    c.put("aud", audience);
    for (Map.Entry<String, Object> e : template.entrySet()) {
      if (!e.getKey().equals("iss")) {
        c.put(e.getKey(), e.getValue());
      }
    }
    c.put("jti", randomUuid(random));
    c.put("iat", issuedAt.getEpochSecond());
    c.put("nbf", issuedAt.getEpochSecond());
    c.put("exp", expiresAt.getEpochSecond());
    return c;
  }

  private static String baseName(String file) {
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  private static String hex(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static String randomUuid(SecureRandom random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return uuidFrom(b);
  }

  private static String stableUuid(String seed) {
    return uuidFrom(sha256(seed));
  }

  private static String uuidFrom(byte[] b) {
    b[6] = (byte) ((b[6] & 0x0f) | 0x40);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (b[i] & 0xff);
      lsb = (lsb << 8) | (b[i + 8] & 0xff);
    }
    return new UUID(msb, lsb).toString();
  }

  /** A number that is always the same for the same seed, like a repository id. */
  private static String stableNumber(String seed) {
    byte[] h = sha256(seed);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (h[i] & 0xff);
    }
    return String.valueOf(10_000_000L + (v % 900_000_000L));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
