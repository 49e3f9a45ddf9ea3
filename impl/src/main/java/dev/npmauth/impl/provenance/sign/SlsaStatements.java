package dev.npmauth.impl.provenance.sign;

import dev.npmauth.Environment;
import dev.npmauth.oidc.CiProvider;
import dev.npmauth.provenance.sign.ProvenanceSubject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-toto statements the npm CLI signs as provenance (libnpmpublish {@code provenance.js}),
 * built from the CI's environment variables in npm's field order. Two JavaScript habits are kept
 * so the statement is the one npm would make from the same environment: a field read directly
 * from an unset variable is left out (JSON.stringify drops {@code undefined}), and an unset
 * variable inside a template string reads {@code undefined}.
 */
final class SlsaStatements {
  static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
  static final String STATEMENT_V01 = "https://in-toto.io/Statement/v0.1";
  static final String STATEMENT_V1 = "https://in-toto.io/Statement/v1";
  static final String SLSA_V02 = "https://slsa.dev/provenance/v0.2";
  static final String SLSA_V1 = "https://slsa.dev/provenance/v1";
  static final String GITHUB_BUILDER_ID_PREFIX = "https://github.com/actions/runner";
  static final String GITHUB_BUILD_TYPE = "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1";
  static final String GITLAB_BUILD_TYPE = "https://github.com/npm/cli/gitlab/v0alpha1";

  /** The {@code CI_*} variables npm records as GitLab invocation parameters, in its order. */
  static final List<String> GITLAB_PARAMETERS = List.of("CI", "CI_API_GRAPHQL_URL", "CI_API_V4_URL",
      "CI_BUILD_BEFORE_SHA", "CI_BUILD_ID", "CI_BUILD_NAME", "CI_BUILD_REF", "CI_BUILD_REF_NAME",
      "CI_BUILD_REF_SLUG", "CI_BUILD_STAGE", "CI_COMMIT_BEFORE_SHA", "CI_COMMIT_BRANCH", "CI_COMMIT_REF_NAME",
      "CI_COMMIT_REF_PROTECTED", "CI_COMMIT_REF_SLUG", "CI_COMMIT_SHA", "CI_COMMIT_SHORT_SHA",
      "CI_COMMIT_TIMESTAMP", "CI_COMMIT_TITLE", "CI_CONFIG_PATH", "CI_DEFAULT_BRANCH",
      "CI_DEPENDENCY_PROXY_DIRECT_GROUP_IMAGE_PREFIX", "CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX",
      "CI_DEPENDENCY_PROXY_SERVER", "CI_DEPENDENCY_PROXY_USER", "CI_JOB_ID", "CI_JOB_NAME", "CI_JOB_NAME_SLUG",
      "CI_JOB_STAGE", "CI_JOB_STARTED_AT", "CI_JOB_URL", "CI_NODE_TOTAL", "CI_PAGES_DOMAIN", "CI_PAGES_URL",
      "CI_PIPELINE_CREATED_AT", "CI_PIPELINE_ID", "CI_PIPELINE_IID", "CI_PIPELINE_SOURCE", "CI_PIPELINE_URL",
      "CI_PROJECT_CLASSIFICATION_LABEL", "CI_PROJECT_DESCRIPTION", "CI_PROJECT_ID", "CI_PROJECT_NAME",
      "CI_PROJECT_NAMESPACE", "CI_PROJECT_NAMESPACE_ID", "CI_PROJECT_PATH", "CI_PROJECT_PATH_SLUG",
      "CI_PROJECT_REPOSITORY_LANGUAGES", "CI_PROJECT_ROOT_NAMESPACE", "CI_PROJECT_TITLE", "CI_PROJECT_URL",
      "CI_PROJECT_VISIBILITY", "CI_REGISTRY", "CI_REGISTRY_IMAGE", "CI_REGISTRY_USER", "CI_RUNNER_DESCRIPTION",
      "CI_RUNNER_ID", "CI_RUNNER_TAGS", "CI_SERVER_HOST", "CI_SERVER_NAME", "CI_SERVER_PORT",
      "CI_SERVER_PROTOCOL", "CI_SERVER_REVISION", "CI_SERVER_SHELL_SSH_HOST", "CI_SERVER_SHELL_SSH_PORT",
      "CI_SERVER_URL", "CI_SERVER_VERSION", "CI_SERVER_VERSION_MAJOR", "CI_SERVER_VERSION_MINOR",
      "CI_SERVER_VERSION_PATCH", "CI_TEMPLATE_REGISTRY_HOST", "GITLAB_CI", "GITLAB_FEATURES", "GITLAB_USER_ID",
      "GITLAB_USER_LOGIN", "RUNNER_GENERATE_ARTIFACTS_METADATA");

  private SlsaStatements() {
  }

  /**
   * The statement for a CI.
   *
   * @param ci GitHub Actions or GitLab
   * @param env the job's environment
   * @param subject the package version
   * @return the statement tree (ordered maps)
   * @throws IllegalArgumentException for another CI
   */
  static Map<String, Object> statement(CiProvider ci, Environment env, ProvenanceSubject subject) {
    return switch (ci) {
      case GITHUB_ACTIONS -> github(env, subject);
      case GITLAB -> gitlab(env, subject);
      default -> throw new IllegalArgumentException("npm makes no provenance statement for " + ci.displayName());
    };
  }

  /** The predicate type of a CI's statement. */
  static String predicateType(CiProvider ci) {
    return ci == CiProvider.GITLAB ? SLSA_V02 : SLSA_V1;
  }

  private static List<Object> subject(ProvenanceSubject subject) {
    return List.of(object("name", subject.purl(), "digest", object("sha512", subject.sha512())));
  }

  static Map<String, Object> github(Environment env, ProvenanceSubject subject) {
    String repository = env.get("GITHUB_REPOSITORY").orElse("undefined");
    String relativeRef = replaceFirst(env.get("GITHUB_WORKFLOW_REF").filter(v -> !v.isEmpty()).orElse(""),
        repository + "/", "");
    int delimiter = relativeRef.indexOf('@');
    String workflowPath = slice(relativeRef, 0, delimiter);
    String workflowRef = slice(relativeRef, delimiter + 1, relativeRef.length());
    String repoUrl = t(env, "GITHUB_SERVER_URL") + "/" + t(env, "GITHUB_REPOSITORY");

    Map<String, Object> workflow = object("ref", workflowRef, "repository", repoUrl, "path", workflowPath);
    Map<String, Object> github = new LinkedHashMap<>();
    put(github, "event_name", env, "GITHUB_EVENT_NAME");
    put(github, "repository_id", env, "GITHUB_REPOSITORY_ID");
    put(github, "repository_owner_id", env, "GITHUB_REPOSITORY_OWNER_ID");
    Map<String, Object> digest = new LinkedHashMap<>();
    put(digest, "gitCommit", env, "GITHUB_SHA");
    Map<String, Object> buildDefinition = object(
        "buildType", GITHUB_BUILD_TYPE,
        "externalParameters", object("workflow", workflow),
        "internalParameters", object("github", github),
        "resolvedDependencies", List.of(object(
            "uri", "git+" + repoUrl + "@" + t(env, "GITHUB_REF"),
            "digest", digest)));
    Map<String, Object> runDetails = object(
        "builder", object("id", GITHUB_BUILDER_ID_PREFIX + "/" + t(env, "RUNNER_ENVIRONMENT")),
        "metadata", object("invocationId", repoUrl + "/actions/runs/" + t(env, "GITHUB_RUN_ID")
            + "/attempts/" + t(env, "GITHUB_RUN_ATTEMPT")));
    return object(
        "_type", STATEMENT_V1,
        "subject", subject(subject),
        "predicateType", SLSA_V1,
        "predicate", object("buildDefinition", buildDefinition, "runDetails", runDetails));
  }

  static Map<String, Object> gitlab(Environment env, ProvenanceSubject subject) {
    Map<String, Object> sha1 = new LinkedHashMap<>();
    put(sha1, "sha1", env, "CI_COMMIT_SHA");
    Map<String, Object> configSource = new LinkedHashMap<>();
    configSource.put("uri", "git+" + t(env, "CI_PROJECT_URL"));
    configSource.put("digest", sha1);
    put(configSource, "entryPoint", env, "CI_JOB_NAME");
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (String name : GITLAB_PARAMETERS) {
      put(parameters, name, env, name);
    }
    Map<String, Object> environment = new LinkedHashMap<>();
    put(environment, "name", env, "CI_RUNNER_DESCRIPTION");
    put(environment, "architecture", env, "CI_RUNNER_EXECUTABLE_ARCH");
    put(environment, "server", env, "CI_SERVER_URL");
    put(environment, "project", env, "CI_PROJECT_PATH");
    Map<String, Object> job = new LinkedHashMap<>();
    put(job, "id", env, "CI_JOB_ID");
    environment.put("job", job);
    Map<String, Object> pipeline = new LinkedHashMap<>();
    put(pipeline, "id", env, "CI_PIPELINE_ID");
    put(pipeline, "ref", env, "CI_CONFIG_PATH");
    environment.put("pipeline", pipeline);
    Map<String, Object> materialDigest = new LinkedHashMap<>();
    put(materialDigest, "sha1", env, "CI_COMMIT_SHA");
    Map<String, Object> predicate = object(
        "buildType", GITLAB_BUILD_TYPE,
        "builder", object("id", t(env, "CI_PROJECT_URL") + "/-/runners/" + t(env, "CI_RUNNER_ID")),
        "invocation", object(
            "configSource", configSource,
            "parameters", parameters,
            "environment", environment),
        "metadata", object(
            "buildInvocationId", t(env, "CI_JOB_URL"),
            "completeness", object("parameters", true, "environment", true, "materials", false),
            "reproducible", false),
        "materials", List.of(object("uri", "git+" + t(env, "CI_PROJECT_URL"), "digest", materialDigest)));
    return object(
        "_type", STATEMENT_V01,
        "subject", subject(subject),
        "predicateType", SLSA_V02,
        "predicate", predicate);
  }

  /** A variable as a JavaScript template string shows it: its value, or {@code undefined}. */
  private static String t(Environment env, String name) {
    return env.get(name).orElse("undefined");
  }

  /** Sets a field from a variable, leaving it out when the variable is unset. */
  private static void put(Map<String, Object> into, String field, Environment env, String name) {
    env.get(name).ifPresent(v -> into.put(field, v));
  }

  /** JavaScript's {@code String.prototype.replace} with a string pattern: the first match only. */
  private static String replaceFirst(String s, String pattern, String replacement) {
    int at = s.indexOf(pattern);
    return at < 0 ? s : s.substring(0, at) + replacement + s.substring(at + pattern.length());
  }

  /** JavaScript's {@code String.prototype.slice}: negative indexes count from the end. */
  private static String slice(String s, int start, int end) {
    int from = start < 0 ? Math.max(s.length() + start, 0) : Math.min(start, s.length());
    int to = end < 0 ? Math.max(s.length() + end, 0) : Math.min(end, s.length());
    return from >= to ? "" : s.substring(from, to);
  }

  private static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
