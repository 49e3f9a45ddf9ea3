package dev.npmauth.samples.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real npm CLI against our standalone fake registry, publishing through trusted publishing
 * (OIDC) from simulated GitHub Actions, GitLab and CircleCI jobs; and npmauth's output checked by
 * {@code npm install}.
 */
@Tag("peer")
class NpmCliTrustedPublishingPeerIT {
  private static final String ORG = "11111111-1111-4111-8111-111111111111";
  private static final String PROJECT = "22222222-2222-4222-8222-222222222222";
  private static final String PIPELINE = "33333333-3333-4333-8333-333333333333";

  @TempDir
  Path work;
  private PeerPrograms programs;
  private Path project;

  @BeforeEach
  void setUp() throws Exception {
    PeerPrograms.assumeNpm();
    programs = new PeerPrograms(work.resolve("home"));
    project = Files.createDirectories(work.resolve("demo-pkg"));
    Files.writeString(project.resolve("package.json"),
        "{\"name\":\"demo-pkg\",\"version\":\"1.0.0\",\"description\":\"peer test\",\"main\":\"index.js\",\"license\":\"MIT\"}\n");
    Files.writeString(project.resolve("index.js"), "module.exports = 42;\n");
    Files.writeString(project.resolve("README.md"), "# demo-pkg\n");
  }

  private void npmPublishesThroughOidcAndNpmViewSeesIt(String... fakeOptions) throws Exception {
    try (StandaloneFakeRegistry fake = StandaloneFakeRegistry.start(work, fakeOptions)) {
      Processes.Result publish = programs.npm(project, fake.ciEnvironment(), "publish", "--registry", fake.registry());
      assertThat(publish.exitCode()).as("npm publish output:\n%s\nregistry log:\n%s", publish.output(), fake.log())
          .isZero();
      assertThat(publish.output()).contains("+ demo-pkg@1.0.0");
      assertThat(fake.log()).contains("POST /-/npm/v1/oidc/token/exchange/package/demo-pkg 201", "PUT /demo-pkg 200");

      Processes.Result view = programs.npm(work, Map.of(), "view", "demo-pkg@1.0.0", "version", "--registry",
          fake.registry());
      assertThat(view.exitCode()).as(view.output()).isZero();
      assertThat(view.output().strip()).isEqualTo("1.0.0");
    }
  }

  @Test
  void npmPublishFromGithubActionsRunUsesTrustedPublishing() throws Exception {
    npmPublishesThroughOidcAndNpmViewSeesIt("--trust-github", "demo-pkg=acme/widgets:release.yml",
        "--github-run", "acme/widgets:release.yml");
  }

  @Test
  void npmPublishFromGitlabRunUsesTrustedPublishing() throws Exception {
    npmPublishesThroughOidcAndNpmViewSeesIt("--trust-gitlab", "demo-pkg=acme/widgets:.gitlab-ci.yml",
        "--gitlab-run", "acme/widgets:.gitlab-ci.yml");
  }

  @Test
  void npmPublishFromCircleciRunUsesTrustedPublishing() throws Exception {
    String spec = ORG + ":" + PROJECT + ":" + PIPELINE + ":github.com/acme/widgets";
    npmPublishesThroughOidcAndNpmViewSeesIt("--trust-circleci", "demo-pkg=" + spec, "--circleci-run", spec);
  }

  @Test
  void runOfAnotherWorkflowIsRefusedAndDoctorNamesIt() throws Exception {
    try (StandaloneFakeRegistry fake = StandaloneFakeRegistry.start(work, "--trust-github",
        "demo-pkg=acme/widgets:release.yml", "--github-run", "acme/widgets:nightly.yml")) {
      Processes.Result publish = programs.npm(project, fake.ciEnvironment(), "publish", "--registry", fake.registry());
      assertThat(publish.exitCode()).as(publish.output()).isNotZero();
      assertThat(publish.output()).contains("ENEEDAUTH");
      assertThat(fake.log()).contains("POST /-/npm/v1/oidc/token/exchange/package/demo-pkg 403")
          .doesNotContain("PUT /demo-pkg 200");

      Processes.Result doctor = programs.npmauth(project, fake.ciEnvironment(), "doctor", "--registry", fake.registry());
      assertThat(doctor.exitCode()).as(doctor.output()).isEqualTo(1);
      assertThat(doctor.output()).contains("workflow file: nightly.yml", "no trusted publisher of demo-pkg matches",
          "NO_MATCHING_TRUSTED_PUBLISHER");
    }
  }

  @Test
  void npmauthPublishOfAnNpmPackTarballIsInstalledWithTheSameIntegrity() throws Exception {
    Processes.Result pack = programs.npm(project, Map.of(), "pack");
    assertThat(pack.exitCode()).as(pack.output()).isZero();
    Path tarball = project.resolve("demo-pkg-1.0.0.tgz");
    String integrity = "sha512-" + Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(tarball)));

    try (StandaloneFakeRegistry fake = StandaloneFakeRegistry.start(work, "--trust-github",
        "demo-pkg=acme/widgets:release.yml", "--github-run", "acme/widgets:release.yml")) {
      Processes.Result publish = programs.npmauth(project, fake.ciEnvironment(), "publish", tarball.toString(),
          "--registry", fake.registry());
      assertThat(publish.exitCode()).as(publish.output()).isZero();
      assertThat(publish.output()).contains("credential: trusted publishing (OIDC)", "+ demo-pkg@1.0.0");

      Path consumer = Files.createDirectories(work.resolve("consumer"));
      Files.writeString(consumer.resolve("package.json"), "{\"name\":\"consumer\",\"version\":\"1.0.0\",\"private\":true}\n");
      Processes.Result install = programs.npm(consumer, Map.of(), "install", "demo-pkg@1.0.0", "--registry",
          fake.registry());
      assertThat(install.exitCode()).as(install.output()).isZero();
      Map<?, ?> lock = new Moshi.Builder().build().adapter(Map.class)
          .fromJson(Files.readString(consumer.resolve("package-lock.json")));
      Map<?, ?> installed = (Map<?, ?>) ((Map<?, ?>) lock.get("packages")).get("node_modules/demo-pkg");
      assertThat(installed.get("integrity")).isEqualTo(integrity);
      assertThat(Files.readString(consumer.resolve("node_modules/demo-pkg/index.js"))).contains("42");
    }
  }
}
