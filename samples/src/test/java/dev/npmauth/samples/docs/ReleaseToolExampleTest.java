package dev.npmauth.samples.docs;

import static dev.npmauth.testkit.assertj.FakeRegistryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.Environment;
import dev.npmauth.publish.ReleaseItem;
import dev.npmauth.publish.ReleaseReport;
import dev.npmauth.publish.ReleaseValidationException;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.TrustedPublisher;
import dev.npmauth.testkit.junit.WithFakeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's release tool example against the fake, as a GitHub Actions job would. */
@Tag("fake")
@WithFakeRegistry
class ReleaseToolExampleTest {
  @TempDir
  Path work;

  private Path pkg(String dir, String json) throws Exception {
    Path folder = Files.createDirectories(work.resolve(dir));
    Files.writeString(folder.resolve("package.json"), json);
    Files.writeString(folder.resolve("index.js"), "module.exports = 1;\n");
    return folder;
  }

  @Test
  void aGitHubActionsRunPublishesEveryPackageThroughTrustedPublishingDependenciesFirst(FakeRegistry registry)
      throws Exception {
    registry.trust(TrustedPublisher.github("@acme/core", "acme/widgets", "release.yml"));
    registry.trust(TrustedPublisher.github("@acme/cli", "acme/widgets", "release.yml"));
    Path core = pkg("core", "{\"name\":\"@acme/core\",\"version\":\"1.0.0\"}");
    Path cli = pkg("cli", "{\"name\":\"@acme/cli\",\"version\":\"1.0.0\",\"dependencies\":{\"@acme/core\":\"^1.0.0\"}}");
    Environment job = Environment.of(registry.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")));

    ReleaseReport report = ReleaseToolExample.publish(registry.url().toString(), job, List.of(cli, core));

    assertThat(report.succeeded()).as(report.render()).isTrue();
    assertThat(report.items()).extracting(ReleaseItem::outcome).containsOnly(ReleaseItem.Outcome.PUBLISHED);
    assertThat(registry).hasPackage("@acme/core").withVersions("1.0.0")
        .and().hasPackage("@acme/cli").withVersions("1.0.0").withDistTag("latest", "1.0.0");
    assertThat(registry.journal())
        .hasRequest("POST", "/-/npm/v1/oidc/token/exchange/package/.*").withStatus(201).times(2)
        .and().hasRequestsInOrder("PUT /@acme%2fcore", "PUT /@acme%2fcli");
  }

  @Test
  void aRunOfAnUntrustedWorkflowPublishesNothing(FakeRegistry registry) throws Exception {
    registry.trust(TrustedPublisher.github("@acme/core", "acme/widgets", "release.yml"));
    Path core = pkg("core", "{\"name\":\"@acme/core\",\"version\":\"1.0.0\"}");
    Environment job = Environment.of(registry.githubActionsRun(GitHubRun.of("acme/widgets", "nightly.yml")));

    assertThatThrownBy(() -> ReleaseToolExample.publish(registry.url().toString(), job, List.of(core)))
        .isInstanceOf(ReleaseValidationException.class)
        .hasMessageContaining("@acme/core");
    assertThat(registry).hasNoPackages();
    assertThat(registry.journal()).hasNoRequest("PUT", ".*");
  }
}
