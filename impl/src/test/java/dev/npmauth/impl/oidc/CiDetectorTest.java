package dev.npmauth.impl.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.Environment;
import dev.npmauth.oidc.CiProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CiDetectorTest {

  @Test
  void detectsEachProviderByItsVariable() {
    assertThat(new CiDetector(Environment.of(Map.of("GITHUB_ACTIONS", "true"))).detect()).contains(CiProvider.GITHUB_ACTIONS);
    assertThat(new CiDetector(Environment.of(Map.of("GITLAB_CI", "true"))).detect()).contains(CiProvider.GITLAB);
    assertThat(new CiDetector(Environment.of(Map.of("CIRCLECI", "true"))).detect()).contains(CiProvider.CIRCLECI);
    assertThat(new CiDetector(Environment.of(Map.of("GITHUB_ACTIONS", ""))).detect()).isEmpty();
    assertThat(new CiDetector(Environment.empty()).detect()).isEmpty();
  }

  @Test
  void ciFalseTurnsDetectionOffButCiTrueIsNotNeeded() {
    CiDetector off = new CiDetector(Environment.of(Map.of("GITHUB_ACTIONS", "true", "CI", "false")));
    assertThat(off.detect()).isEmpty();
    assertThat(off.disabledByCiFalse()).isTrue();
    assertThat(new CiDetector(Environment.of(Map.of("GITLAB_CI", "1", "CI", "0"))).detect()).contains(CiProvider.GITLAB);
  }

  @Test
  void userAgentSuffixNamesGithubHostingAsNpmDoes() {
    assertThat(new CiDetector(Environment.of(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.com",
        "RUNNER_ENVIRONMENT", "github-hosted"))).userAgentSuffix()).contains("ci/github-actions/dotcom-hosted");
    assertThat(new CiDetector(Environment.of(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.com",
        "RUNNER_ENVIRONMENT", "self-hosted"))).userAgentSuffix()).contains("ci/github-actions/dotcom-selfhosted");
    assertThat(new CiDetector(Environment.of(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://acme.ghe.com")))
        .userAgentSuffix()).contains("ci/github-actions/ghecom");
    assertThat(new CiDetector(Environment.of(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://git.acme.com")))
        .userAgentSuffix()).contains("ci/github-actions/ghes");
    assertThat(new CiDetector(Environment.of(Map.of("CIRCLECI", "true"))).userAgentSuffix()).contains("ci/circleci");
  }
}
