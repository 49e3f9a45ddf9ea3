package dev.npmauth.impl.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.NpmRegistryClient;
import dev.npmauth.impl.testing.Tarballs;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.publish.ReleaseItem;
import dev.npmauth.publish.ReleaseItem.Outcome;
import dev.npmauth.publish.ReleaseReport;
import dev.npmauth.publish.ReleaseRequest;
import dev.npmauth.publish.ReleaseValidationException;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.TrustedPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A monorepo release of five packages: p1 ← p2 ← p3 ← p4 ← p5 (each depends on the one before). */
@Tag("fake")
class ReleaseFakeTest {
  @TempDir
  Path dir;
  private FakeRegistry fake;
  private Map<String, String> ci;
  private List<Path> tarballs;

  @BeforeEach
  void start() throws Exception {
    fake = FakeRegistry.start();
    tarballs = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      fake.trust(TrustedPublisher.github("@mono/p" + i, "acme/mono", "release.yml"));
      String deps = i == 1 ? "" : ",\"dependencies\":{\"@mono/p" + (i - 1) + "\":\"^1.0.0\",\"left-pad\":\"^1.0.0\"}";
      tarballs.add(Tarballs.write(Files.createDirectories(dir.resolve("p" + i)), "p" + i + ".tgz",
          "{\"name\":\"@mono/p" + i + "\",\"version\":\"1.0.0\",\"publishConfig\":{\"access\":\"public\"}" + deps + "}",
          Map.of("index.js", "module.exports = " + i + ";\n")));
    }
    ci = fake.githubActionsRun(GitHubRun.of("acme/mono", "release.yml"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private ReleaseReport release(boolean dryRun) {
    // given in reverse: the release must publish dependencies first
    List<Path> reversed = new ArrayList<>(tarballs);
    java.util.Collections.reverse(reversed);
    try (NpmRegistryClient client = TestClients.client(fake, ci)) {
      return client.releaser().release(new ReleaseRequest(reversed, Optional.empty(), Optional.empty(),
          Optional.empty(), dryRun));
    }
  }

  @Test
  void failureOfTheFourthPackageStopsTheReleaseAndARerunResumes() {
    fake.inject(Fault.on("PUT", "/@mono%2fp4").status(400).body("{\"error\":\"injected refusal\"}").always());
    ReleaseReport first = release(false);
    assertThat(first.items()).extracting(i -> i.packageName().value())
        .containsExactly("@mono/p1", "@mono/p2", "@mono/p3", "@mono/p4", "@mono/p5");
    assertThat(first.items()).extracting(ReleaseItem::outcome).containsExactly(Outcome.PUBLISHED, Outcome.PUBLISHED,
        Outcome.PUBLISHED, Outcome.FAILED, Outcome.NOT_ATTEMPTED);
    assertThat(first.items().get(3).detail()).hasValueSatisfying(d -> assertThat(d).contains("injected refusal"));
    assertThat(first.succeeded()).isFalse();
    assertThat(first.render()).contains("FAILED", "NOT_ATTEMPTED", "release INCOMPLETE");
    for (int i = 1; i <= 3; i++) {
      assertThat(fake.versions("@mono/p" + i)).containsExactly("1.0.0");
    }
    assertThat(fake.versions("@mono/p4")).isEmpty();
    assertThat(fake.versions("@mono/p5")).isEmpty();

    fake.clearFaults();
    fake.clearJournal();
    ReleaseReport second = release(false);
    assertThat(second.items()).extracting(ReleaseItem::outcome).containsExactly(Outcome.ALREADY_PUBLISHED,
        Outcome.ALREADY_PUBLISHED, Outcome.ALREADY_PUBLISHED, Outcome.PUBLISHED, Outcome.PUBLISHED);
    assertThat(second.succeeded()).isTrue();
    assertThat(fake.journal().stream().filter(r -> r.method().equals("PUT")).map(r -> r.path()))
        .containsExactly("/@mono%2fp4", "/@mono%2fp5");
  }

  @Test
  void dryRunChecksEverythingAndPublishesNothing() {
    ReleaseReport report = release(true);
    assertThat(report.items()).extracting(ReleaseItem::outcome).containsOnly(Outcome.WOULD_PUBLISH);
    assertThat(report.succeeded()).isTrue();
    assertThat(fake.journal()).noneMatch(r -> r.method().equals("PUT"));
    assertThat(fake.journal()).filteredOn(r -> r.path().contains("/oidc/token/exchange/")).hasSize(5);
  }

  @Test
  void packageWithoutACredentialFailsValidationBeforeAnyPublish() throws Exception {
    tarballs.add(Tarballs.write(Files.createDirectories(dir.resolve("untrusted")), "u.tgz",
        "{\"name\":\"@mono/untrusted\",\"version\":\"1.0.0\"}", Map.of()));
    assertThatThrownBy(() -> release(false))
        .isInstanceOf(ReleaseValidationException.class)
        .hasMessageContaining("nothing was published")
        .hasMessageContaining("@mono/untrusted@1.0.0: no credential to publish @mono/untrusted");
    assertThat(fake.journal()).noneMatch(r -> r.method().equals("PUT"));
  }

  @Test
  void dependencyCycleIsRefused() throws Exception {
    Path a = Tarballs.write(Files.createDirectories(dir.resolve("a")), "a.tgz",
        "{\"name\":\"cyc-a\",\"version\":\"1.0.0\",\"dependencies\":{\"cyc-b\":\"1\"}}", Map.of());
    Path b = Tarballs.write(Files.createDirectories(dir.resolve("b")), "b.tgz",
        "{\"name\":\"cyc-b\",\"version\":\"1.0.0\",\"peerDependencies\":{\"cyc-a\":\"1\"}}", Map.of());
    try (NpmRegistryClient client = TestClients.client(fake, ci)) {
      assertThatThrownBy(() -> client.releaser().release(new ReleaseRequest(List.of(a, b), Optional.empty(),
          Optional.empty(), Optional.empty(), false)))
          .isInstanceOf(ReleaseValidationException.class)
          .hasMessageContaining("dependency cycle: [cyc-a, cyc-b] -> cyc-a");
    }
  }
}
