package dev.npmauth.impl.provenance.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.Environment;
import dev.npmauth.impl.json.Json;
import dev.npmauth.oidc.CiProvider;
import dev.npmauth.provenance.sign.ProvenanceSubject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The statements match libnpmpublish's {@code provenance.js} field for field: the expected texts
 * below were written from that file (the order of fields is the order npm's object literals give
 * JSON.stringify).
 */
class SlsaStatementsTest {
  static final String SHA512 = "ab".repeat(64);
  static final ProvenanceSubject SUBJECT = new ProvenanceSubject("@acme/widgets", "1.2.0", SHA512);

  static Map<String, String> githubJob() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_SERVER_URL", "https://github.com");
    env.put("GITHUB_REPOSITORY", "acme/widgets");
    env.put("GITHUB_WORKFLOW_REF", "acme/widgets/.github/workflows/release.yml@refs/tags/v1.2.0");
    env.put("GITHUB_EVENT_NAME", "release");
    env.put("GITHUB_REPOSITORY_ID", "101");
    env.put("GITHUB_REPOSITORY_OWNER_ID", "202");
    env.put("GITHUB_REF", "refs/tags/v1.2.0");
    env.put("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567");
    env.put("RUNNER_ENVIRONMENT", "github-hosted");
    env.put("GITHUB_RUN_ID", "303");
    env.put("GITHUB_RUN_ATTEMPT", "2");
    return env;
  }

  @Test
  void gitHubStatementIsInTotoV1WithSlsaV1AsNpmBuildsIt() {
    String json = Json.write(SlsaStatements.statement(CiProvider.GITHUB_ACTIONS, Environment.of(githubJob()), SUBJECT));
    assertThat(json).isEqualTo("{\"_type\":\"https://in-toto.io/Statement/v1\","
        + "\"subject\":[{\"name\":\"pkg:npm/%40acme/widgets@1.2.0\",\"digest\":{\"sha512\":\"" + SHA512 + "\"}}],"
        + "\"predicateType\":\"https://slsa.dev/provenance/v1\","
        + "\"predicate\":{\"buildDefinition\":{"
        + "\"buildType\":\"https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1\","
        + "\"externalParameters\":{\"workflow\":{\"ref\":\"refs/tags/v1.2.0\","
        + "\"repository\":\"https://github.com/acme/widgets\",\"path\":\".github/workflows/release.yml\"}},"
        + "\"internalParameters\":{\"github\":{\"event_name\":\"release\",\"repository_id\":\"101\","
        + "\"repository_owner_id\":\"202\"}},"
        + "\"resolvedDependencies\":[{\"uri\":\"git+https://github.com/acme/widgets@refs/tags/v1.2.0\","
        + "\"digest\":{\"gitCommit\":\"0123456789abcdef0123456789abcdef01234567\"}}]},"
        + "\"runDetails\":{\"builder\":{\"id\":\"https://github.com/actions/runner/github-hosted\"},"
        + "\"metadata\":{\"invocationId\":\"https://github.com/acme/widgets/actions/runs/303/attempts/2\"}}}}");
  }

  @Test
  void unsetVariablesAreLeftOutOrReadUndefinedAsInJavaScript() {
    Map<String, String> env = new HashMap<>(githubJob());
    env.remove("GITHUB_EVENT_NAME");
    env.remove("GITHUB_SHA");
    env.remove("GITHUB_RUN_ATTEMPT");
    env.remove("RUNNER_ENVIRONMENT");
    Map<String, Object> statement = SlsaStatements.statement(CiProvider.GITHUB_ACTIONS, Environment.of(env), SUBJECT);
    String json = Json.write(statement);
    assertThat(json).contains("\"github\":{\"repository_id\":\"101\",\"repository_owner_id\":\"202\"}")
        .contains("\"digest\":{}")
        .contains("/actions/runs/303/attempts/undefined")
        .contains("https://github.com/actions/runner/undefined");
  }

  @Test
  void aWorkflowRefWithoutAtKeepsNpmsSlicing() {
    Map<String, String> env = new HashMap<>(githubJob());
    env.put("GITHUB_WORKFLOW_REF", "acme/widgets/.github/workflows/release.yml");
    String json = Json.write(SlsaStatements.statement(CiProvider.GITHUB_ACTIONS, Environment.of(env), SUBJECT));
    // slice(0, -1) drops the last character; slice(0) keeps everything.
    assertThat(json).contains("\"workflow\":{\"ref\":\".github/workflows/release.yml\","
        + "\"repository\":\"https://github.com/acme/widgets\",\"path\":\".github/workflows/release.ym\"}");
  }

  @Test
  void gitLabStatementIsInTotoV01WithSlsaV02AndTheCiVariablesThatAreSet() throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GITLAB_CI", "true");
    env.put("CI", "true");
    env.put("CI_PROJECT_URL", "https://gitlab.com/acme/widgets");
    env.put("CI_RUNNER_ID", "42");
    env.put("CI_COMMIT_SHA", "fedcba9876543210fedcba9876543210fedcba98");
    env.put("CI_JOB_NAME", "publish");
    env.put("CI_JOB_URL", "https://gitlab.com/acme/widgets/-/jobs/77");
    env.put("CI_PROJECT_PATH", "acme/widgets");
    env.put("CI_JOB_ID", "77");
    env.put("CI_PIPELINE_ID", "88");
    env.put("CI_CONFIG_PATH", ".gitlab-ci.yml");
    env.put("CI_SERVER_URL", "https://gitlab.com");
    env.put("NOT_A_CI_VARIABLE", "kept out");
    String json = Json.write(SlsaStatements.statement(CiProvider.GITLAB, Environment.of(env), SUBJECT));
    assertThat(json).isEqualTo("{\"_type\":\"https://in-toto.io/Statement/v0.1\","
        + "\"subject\":[{\"name\":\"pkg:npm/%40acme/widgets@1.2.0\",\"digest\":{\"sha512\":\"" + SHA512 + "\"}}],"
        + "\"predicateType\":\"https://slsa.dev/provenance/v0.2\","
        + "\"predicate\":{\"buildType\":\"https://github.com/npm/cli/gitlab/v0alpha1\","
        + "\"builder\":{\"id\":\"https://gitlab.com/acme/widgets/-/runners/42\"},"
        + "\"invocation\":{\"configSource\":{\"uri\":\"git+https://gitlab.com/acme/widgets\","
        + "\"digest\":{\"sha1\":\"fedcba9876543210fedcba9876543210fedcba98\"},\"entryPoint\":\"publish\"},"
        + "\"parameters\":{\"CI\":\"true\",\"CI_COMMIT_SHA\":\"fedcba9876543210fedcba9876543210fedcba98\","
        + "\"CI_CONFIG_PATH\":\".gitlab-ci.yml\",\"CI_JOB_ID\":\"77\",\"CI_JOB_NAME\":\"publish\","
        + "\"CI_JOB_URL\":\"https://gitlab.com/acme/widgets/-/jobs/77\",\"CI_PIPELINE_ID\":\"88\","
        + "\"CI_PROJECT_PATH\":\"acme/widgets\",\"CI_PROJECT_URL\":\"https://gitlab.com/acme/widgets\","
        + "\"CI_RUNNER_ID\":\"42\",\"CI_SERVER_URL\":\"https://gitlab.com\",\"GITLAB_CI\":\"true\"},"
        + "\"environment\":{\"server\":\"https://gitlab.com\",\"project\":\"acme/widgets\",\"job\":{\"id\":\"77\"},"
        + "\"pipeline\":{\"id\":\"88\",\"ref\":\".gitlab-ci.yml\"}}},"
        + "\"metadata\":{\"buildInvocationId\":\"https://gitlab.com/acme/widgets/-/jobs/77\","
        + "\"completeness\":{\"parameters\":true,\"environment\":true,\"materials\":false},\"reproducible\":false},"
        + "\"materials\":[{\"uri\":\"git+https://gitlab.com/acme/widgets\","
        + "\"digest\":{\"sha1\":\"fedcba9876543210fedcba9876543210fedcba98\"}}]}}");
  }

  @Test
  void gitLabParametersFollowNpmsList() {
    assertThat(SlsaStatements.GITLAB_PARAMETERS).hasSize(76).doesNotHaveDuplicates()
        .startsWith("CI", "CI_API_GRAPHQL_URL").endsWith("GITLAB_USER_LOGIN", "RUNNER_GENERATE_ARTIFACTS_METADATA");
  }

  @Test
  void subjectsNameThePackageUrl() {
    assertThat(new ProvenanceSubject("demo-pkg", "1.0.0", SHA512).purl()).isEqualTo("pkg:npm/demo-pkg@1.0.0");
    assertThat(SUBJECT.purl()).isEqualTo("pkg:npm/%40acme/widgets@1.2.0");
    assertThat(ProvenanceSubject.fromIntegrity("a", "1.0.0", "sha1-AAAA sha512-"
        + java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(SHA512))).sha512())
        .isEqualTo(SHA512);
    assertThatThrownBy(() -> new ProvenanceSubject("a", "1.0.0", "abc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProvenanceSubject.fromIntegrity("a", "1.0.0", "sha256-AAAA"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void circleCiHasNoStatement() {
    assertThatThrownBy(() -> SlsaStatements.statement(CiProvider.CIRCLECI, Environment.empty(), SUBJECT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(List.of(SlsaStatements.predicateType(CiProvider.GITHUB_ACTIONS),
        SlsaStatements.predicateType(CiProvider.GITLAB)))
        .containsExactly("https://slsa.dev/provenance/v1", "https://slsa.dev/provenance/v0.2");
  }
}
