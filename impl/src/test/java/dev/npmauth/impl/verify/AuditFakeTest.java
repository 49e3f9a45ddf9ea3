package dev.npmauth.impl.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.NpmRegistryClient;
import dev.npmauth.impl.verify.FakePackages.Installed;
import dev.npmauth.provenance.CheckName;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.verify.AuditOptions;
import dev.npmauth.verify.AuditProblemKind;
import dev.npmauth.verify.AuditProgress;
import dev.npmauth.verify.AuditReport;
import dev.npmauth.verify.DependencySource;
import dev.npmauth.verify.LockedDependency;
import dev.npmauth.verify.PackageAudit;
import dev.npmauth.verify.VerifyOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code client.verification().audit(lockfile)} against the fake registry. */
@Tag("fake")
class AuditFakeTest {
  @TempDir
  Path dir;
  private FakeRegistry fake;

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  private FakePackages start() {
    fake = FakeRegistry.start();
    return new FakePackages(fake, dir);
  }

  private AuditOptions.Builder options() {
    return AuditOptions.builder().verify(VerifyOptions.builder()
        .trustedRoot(TrustedRoots.parse(fake.sigstoreTrustedRoot().getBytes(StandardCharsets.UTF_8)))
        .build());
  }

  private AuditReport audit(FakePackages packages, Path lockfile, AuditOptions options) {
    try (NpmRegistryClient client = packages.client()) {
      return client.verification().audit(lockfile, options);
    }
  }

  /** a (with provenance), b at the top and again under a, @acme/c; plus a link, its workspace and a git dependency. */
  private Path project(FakePackages packages) throws Exception {
    packages.publish("a", "1.0.0", true);
    packages.publish("b", "1.0.0", false);
    packages.publish("@acme/c", "2.0.0", false);
    List<Installed> installed = new ArrayList<>(FakePackages.atTop("a@1.0.0", "b@1.0.0", "@acme/c@2.0.0"));
    installed.add(new Installed("node_modules/a/node_modules/b", "b", "1.0.0"));
    Map<String, Map<String, Object>> extra = new LinkedHashMap<>();
    extra.put("node_modules/ws", Map.of("resolved", "packages/ws", "link", true));
    extra.put("packages/ws", Map.of("name", "ws", "version", "0.1.0"));
    extra.put("node_modules/g", Map.of("version", "1.0.0",
        "resolved", "git+ssh://git@github.com/acme/g.git#0123456789abcdef0123456789abcdef01234567"));
    return packages.lockfileV3(installed, extra);
  }

  @Test
  void projectWhoseDependenciesAllVerifyPassesAndSkipsWhatIsNotFromARegistry() throws Exception {
    FakePackages packages = start();
    Path lockfile = project(packages);
    fake.clearJournal();

    AuditReport report = audit(packages, lockfile, options().build());

    assertThat(report.passed()).as(report.render()).isTrue();
    assertThat(report.exitCode()).isZero();
    assertThat(report.packages()).extracting(p -> p.dependency().location()).containsExactly(
        "node_modules/@acme/c", "node_modules/a", "node_modules/a/node_modules/b", "node_modules/b");
    assertThat(report.verifiedSignatures()).hasSize(4);
    assertThat(report.verifiedAttestations()).extracting(p -> p.dependency().name()).containsExactly("a");
    assertThat(report.skipped()).extracting(LockedDependency::source)
        .containsExactlyInAnyOrder(DependencySource.LINK, DependencySource.WORKSPACE, DependencySource.GIT);
    assertThat(report.packages()).allSatisfy(p -> assertThat(p.verification()
        .check(CheckName.NPM_INTEGRITY).orElseThrow().failed()).isFalse());
    String text = report.render();
    assertThat(text).contains("audited 4 packages", "4 packages have verified registry signatures",
        "1 package has a verified attestation", "skipped 3 dependencies", "audit passed");
  }

  @Test
  void keysAreFetchedOnceAndEachPackumentOnce() throws Exception {
    FakePackages packages = start();
    Path lockfile = project(packages);
    fake.clearJournal();

    audit(packages, lockfile, options().concurrency(4).build());

    List<String> paths = fake.journal().stream().map(RecordedRequest::path).toList();
    assertThat(paths).filteredOn("/-/npm/v1/keys"::equals).hasSize(1);
    assertThat(paths).filteredOn("/b"::equals).hasSize(1);
    assertThat(paths).filteredOn(p -> p.startsWith("/-/npm/v1/attestations/")).hasSize(1);
    assertThat(paths).hasSize(5);
  }

  @Test
  void tamperedTarballIsAnIntegrityMismatchAndAnInvalidSignatureNamingThePackage() throws Exception {
    FakePackages packages = start();
    Path lockfile = project(packages);
    fake.replaceTarball("b", "1.0.0", "evil".getBytes(StandardCharsets.UTF_8));

    AuditReport report = audit(packages, lockfile, options().build());

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.withProblem(AuditProblemKind.INTEGRITY_MISMATCH))
        .extracting(p -> p.dependency().location())
        .containsExactly("node_modules/a/node_modules/b", "node_modules/b");
    assertThat(report.withProblem(AuditProblemKind.INVALID_SIGNATURE))
        .extracting(p -> p.dependency().name()).containsOnly("b");
    assertThat(report.render()).contains("packages have lockfile integrities that differ",
        "b@1.0.0 (" + fake.url() + "): the lockfile has sha512-", "invalid registry signature",
        "Someone might have tampered", "audit FAILED");
  }

  @Test
  void corruptedSignatureIsInvalidAndNamed() throws Exception {
    FakePackages packages = start();
    Path lockfile = project(packages);
    fake.corruptSignature("@acme/c", "2.0.0");

    AuditReport report = audit(packages, lockfile, options().build());

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.withProblem(AuditProblemKind.INVALID_SIGNATURE))
        .extracting(p -> p.dependency().id()).containsExactly("@acme/c@2.0.0");
    assertThat(report.withProblem(AuditProblemKind.INTEGRITY_MISMATCH)).isEmpty();
    assertThat(report.render()).contains("1 package has an invalid registry signature:",
        "@acme/c@2.0.0 (" + fake.url() + "): @acme/c@2.0.0 has an invalid registry signature");
  }

  @Test
  void missingSignatureOnARegistryWithKeysIsReportedAsMissing() throws Exception {
    FakePackages packages = start();
    Path lockfile = project(packages);
    fake.removeSignatures("a", "1.0.0");

    AuditReport report = audit(packages, lockfile, options().build());

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.withProblem(AuditProblemKind.MISSING_SIGNATURE))
        .extracting(p -> p.dependency().id()).containsExactly("a@1.0.0");
    // its attestations still verify: only the signature is missing
    assertThat(report.verifiedAttestations()).extracting(p -> p.dependency().id()).containsExactly("a@1.0.0");
    assertThat(report.render()).contains(
        "1 package has a missing registry signature but the registry is providing signing keys");
  }

  @Test
  void versionTheRegistryDoesNotHaveIsAnError() throws Exception {
    FakePackages packages = start();
    packages.publish("b", "1.0.0", false);
    Path lockfile = packages.lockfileV3(FakePackages.atTop("b@1.0.0"), Map.of(
        "node_modules/gone", Map.of("version", "3.0.0", "resolved", fake.url() + "gone/-/gone-3.0.0.tgz",
            "integrity", "sha512-AAAA")));

    AuditReport report = audit(packages, lockfile, options().build());

    assertThat(report.withProblem(AuditProblemKind.ERROR)).extracting(p -> p.dependency().id())
        .containsExactly("gone@3.0.0");
    assertThat(report.withProblem(AuditProblemKind.ERROR).get(0).problems().get(0).detail()).contains("404");
    assertThat(report.exitCode()).isEqualTo(1);
  }

  @Test
  void atMostConcurrencyRequestsAreInFlightAndProgressCountsEveryDependency() throws Exception {
    record Interval(String path, Instant start, Instant end) {
    }
    List<Interval> intervals = new CopyOnWriteArrayList<>();
    fake = FakeRegistry.builder().onRequest(r -> intervals.add(new Interval(r.path(), r.time(), Instant.now())))
        .start();
    FakePackages packages = new FakePackages(fake, dir);
    List<Installed> installed = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      packages.publish("pkg-" + i, "1.0.0", false);
      installed.add(new Installed("node_modules/pkg-" + i, "pkg-" + i, "1.0.0"));
    }
    Path lockfile = packages.lockfileV3(installed, Map.of());
    fake.inject(Fault.on("GET", "/pkg-[0-9]+").delay(Duration.ofMillis(150)).always());
    intervals.clear();
    List<AuditProgress> progress = new CopyOnWriteArrayList<>();

    AuditReport report = audit(packages, lockfile, options().concurrency(3).listener(progress::add).build());

    assertThat(report.passed()).as(report.render()).isTrue();
    int maxInFlight = 0;
    for (Interval a : intervals) {
      int overlapping = 0;
      for (Interval b : intervals) {
        if (!b.start().isAfter(a.start()) && b.end().isAfter(a.start())) {
          overlapping++;
        }
      }
      maxInFlight = Math.max(maxInFlight, overlapping);
    }
    assertThat(maxInFlight).as("requests in flight at once").isBetween(2, 3);
    assertThat(progress).hasSize(12);
    assertThat(progress).extracting(AuditProgress::completed).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(progress).allSatisfy(p -> assertThat(p.total()).isEqualTo(12));
    assertThat(progress).extracting(p -> p.latest().dependency().name())
        .containsExactlyInAnyOrderElementsOf(installed.stream().map(Installed::name).toList());
    assertThat(report.packages()).extracting(PackageAudit::registry).containsOnly(fake.url().toString());
  }

  @Test
  void lockfileWithOnlyNonRegistryDependenciesFindsNothingToAudit() throws Exception {
    FakePackages packages = start();
    Path lockfile = packages.lockfileV3(List.of(), Map.of(
        "node_modules/local", Map.of("version", "1.0.0", "resolved", "file:../local")));

    AuditReport report = audit(packages, lockfile, options().build());

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.render()).contains("found no dependencies to audit", "skipped 1 dependency");
    assertThat(fake.journal()).filteredOn(r -> r.method().equals("GET")).isEmpty();
  }
}
