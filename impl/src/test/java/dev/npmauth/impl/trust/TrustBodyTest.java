package dev.npmauth.impl.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.impl.json.Json;
import dev.npmauth.trust.CircleCiClaims;
import dev.npmauth.trust.GitHubClaims;
import dev.npmauth.trust.GitLabClaims;
import dev.npmauth.trust.InvalidTrustConfigurationException;
import dev.npmauth.trust.TrustPermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Trust bodies exactly as the npm CLI sends them (reference §4), and its checks. */
class TrustBodyTest {

  @Test
  void githubGitlabAndCircleciBodiesMatchTheCapturedOnes() {
    assertThat(Json.write(List.of(DefaultTrustSettings.body(new GitHubClaims("fake-owner/fake-repo", "publish.yml",
        Optional.of("prod")), Set.of(TrustPermission.PUBLISH))))).isEqualTo("[{\"type\":\"github\",\"claims\":"
        + "{\"repository\":\"fake-owner/fake-repo\",\"workflow_ref\":{\"file\":\"publish.yml\"},\"environment\":\"prod\"},"
        + "\"permissions\":[\"createPackage\"]}]");
    assertThat(Json.write(DefaultTrustSettings.body(new GitLabClaims("grp/sub/proj", ".gitlab-ci.yml",
        Optional.of("production")), Set.of(TrustPermission.STAGED_PUBLISH)))).isEqualTo("{\"type\":\"gitlab\",\"claims\":"
        + "{\"project_path\":\"grp/sub/proj\",\"ci_config_ref_uri\":{\"file\":\".gitlab-ci.yml\"},\"environment\":\"production\"},"
        + "\"permissions\":[\"createStagedPackage\"]}");
    assertThat(Json.write(DefaultTrustSettings.body(new CircleCiClaims("11111111-1111-4111-8111-111111111111",
        "22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333", "github.com/fake-owner/fake-repo",
        List.of("44444444-4444-4444-8444-444444444444", "55555555-5555-4555-8555-555555555555")),
        EnumSet.of(TrustPermission.STAGED_PUBLISH, TrustPermission.PUBLISH)))).isEqualTo("{\"type\":\"circleci\",\"claims\":{"
        + "\"oidc.circleci.com/org-id\":\"11111111-1111-4111-8111-111111111111\","
        + "\"oidc.circleci.com/project-id\":\"22222222-2222-4222-8222-222222222222\","
        + "\"oidc.circleci.com/pipeline-definition-id\":\"33333333-3333-4333-8333-333333333333\","
        + "\"oidc.circleci.com/vcs-origin\":\"github.com/fake-owner/fake-repo\","
        + "\"oidc.circleci.com/context-ids\":[\"44444444-4444-4444-8444-444444444444\",\"55555555-5555-4555-8555-555555555555\"]},"
        + "\"permissions\":[\"createPackage\",\"createStagedPackage\"]}");
  }

  @Test
  void theCliChecksAreAppliedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> new GitHubClaims("acme", "release.yml", Optional.empty()))
        .isInstanceOf(InvalidTrustConfigurationException.class).hasMessageContaining("format owner/repository");
    assertThatThrownBy(() -> new GitHubClaims("acme/widgets/extra", "release.yml", Optional.empty()))
        .hasMessageContaining("format owner/repository");
    assertThatThrownBy(() -> new GitHubClaims("acme/widgets", "release.json", Optional.empty()))
        .hasMessageContaining("must end in .yml or .yaml");
    assertThatThrownBy(() -> new GitHubClaims("acme/widgets", ".github/workflows/release.yml", Optional.empty()))
        .hasMessageContaining("must be just a file name, not a path");
    assertThatThrownBy(() -> new GitLabClaims("widgets", ".gitlab-ci.yml", Optional.empty()))
        .hasMessageContaining("group/project or group/subgroup/project");
    assertThatThrownBy(() -> new CircleCiClaims("not-a-uuid", "22222222-2222-4222-8222-222222222222",
        "33333333-3333-4333-8333-333333333333", "github.com/a/b", List.of())).hasMessageContaining("must be a UUID");
    assertThatThrownBy(() -> new CircleCiClaims("11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222",
        "33333333-3333-4333-8333-333333333333", "https://github.com/a/b", List.of())).hasMessageContaining("provider/owner/repo");
    assertThatThrownBy(() -> new CircleCiClaims("11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222",
        "33333333-3333-4333-8333-333333333333", "github.com/a", List.of())).hasMessageContaining("provider/owner/repo");
    assertThatThrownBy(() -> DefaultTrustSettings.body(new GitHubClaims("acme/widgets", "release.yml", Optional.empty()),
        Set.of())).hasMessageContaining("At least one permission is required");
  }
}
