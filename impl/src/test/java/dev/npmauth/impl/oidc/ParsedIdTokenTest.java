package dev.npmauth.impl.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.Secret;
import dev.npmauth.oidc.CircleCiIdentity;
import dev.npmauth.oidc.GitHubIdentity;
import dev.npmauth.oidc.GitLabIdentity;
import dev.npmauth.oidc.TrustedPublishingException;
import dev.npmauth.oidc.TrustedPublishingFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParsedIdTokenTest {

  private static Secret unsigned(String claimsJson) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return Secret.of(b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".c2ln");
  }

  @Test
  void githubTokenPresentsRepositoryWorkflowFileAndEnvironment() {
    ParsedIdToken token = ParsedIdToken.parse(unsigned("{\"iss\":\"https://token.actions.githubusercontent.com\","
        + "\"aud\":\"npm:registry.npmjs.org\",\"repository\":\"acme/widgets\","
        + "\"workflow_ref\":\"acme/widgets/.github/workflows/nightly.yml@refs/heads/main\",\"environment\":\"prod\","
        + "\"ref\":\"refs/heads/main\",\"runner_environment\":\"github-hosted\",\"exp\":4102444800}"), Optional.empty());
    GitHubIdentity identity = (GitHubIdentity) token.identity();
    assertThat(identity.workflowFile()).contains("nightly.yml");
    assertThat(identity.matchingClaims()).containsEntry("repository", "acme/widgets")
        .containsEntry("workflow file", "nightly.yml").containsEntry("environment", "prod");
    assertThat(identity.audience()).containsExactly("npm:registry.npmjs.org");
  }

  @Test
  void gitlabTokenPresentsProjectPathAndConfigFile() {
    GitLabIdentity identity = (GitLabIdentity) ParsedIdToken.parse(unsigned("{\"iss\":\"https://gitlab.com\","
        + "\"project_path\":\"grp/sub/proj\",\"ci_config_ref_uri\":\"gitlab.com/grp/sub/proj//ci/release.yml@refs/heads/main\"}"),
        Optional.empty()).identity();
    assertThat(identity.ciConfigFile()).contains("ci/release.yml");
    assertThat(identity.matchingClaims()).containsEntry("project path", "grp/sub/proj");
  }

  @Test
  void circleciTokenTakesOrganizationFromIssuer() {
    CircleCiIdentity identity = (CircleCiIdentity) ParsedIdToken.parse(unsigned(
        "{\"iss\":\"https://oidc.circleci.com/org/11111111-1111-4111-8111-111111111111\","
        + "\"oidc.circleci.com/project-id\":\"p\",\"oidc.circleci.com/context-ids\":[\"c1\",\"c2\"]}"), Optional.empty()).identity();
    assertThat(identity.organizationId()).contains("11111111-1111-4111-8111-111111111111");
    assertThat(identity.contextIds()).containsExactly("c1", "c2");
  }

  @Test
  void malformedTokenIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> ParsedIdToken.parse(Secret.of("canary-not-a-jwt"), Optional.empty()))
        .isInstanceOf(TrustedPublishingException.class)
        .satisfies(e -> assertThat(((TrustedPublishingException) e).reason()).isEqualTo(TrustedPublishingFailure.ID_TOKEN_MALFORMED))
        .hasMessageNotContaining("canary");
    assertThatThrownBy(() -> ParsedIdToken.parse(Secret.of("canary.bm90IGpzb24.x"), Optional.empty()))
        .isInstanceOf(TrustedPublishingException.class)
        .hasMessageContaining("base64url-encoded JSON")
        .hasMessageNotContaining("canary");
  }
}
