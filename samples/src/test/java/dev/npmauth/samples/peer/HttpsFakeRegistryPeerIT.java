package dev.npmauth.samples.peer;

import static dev.npmauth.testkit.assertj.FakeRegistryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.testkit.FakeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real npm CLI against an HTTPS fake registry, trusting the registry's own CA by --cafile. */
@Tag("peer")
class HttpsFakeRegistryPeerIT {
  @TempDir
  Path work;
  private PeerPrograms programs;

  @BeforeEach
  void setUp() throws Exception {
    PeerPrograms.assumeNpm();
    programs = new PeerPrograms(work.resolve("home"));
  }

  @Test
  void npmPingsPublishesAndViewsOverHttpsWithTheCaFileAndRefusesWithoutIt() throws Exception {
    try (FakeRegistry registry = FakeRegistry.builder().https(true).start()) {
      String url = registry.url().toString();
      String caFile = registry.caCertificateFile().toString();
      assertThat(url).startsWith("https://127.0.0.1:");

      Processes.Result ping = programs.npm(work, Map.of(), "ping", "--registry", url, "--cafile", caFile);
      assertThat(ping.exitCode()).as(ping.output()).isZero();
      assertThat(ping.output()).contains("PONG");

      Processes.Result untrusted = programs.npm(work, Map.of(), "ping", "--registry", url, "--fetch-retries", "0");
      assertThat(untrusted.exitCode()).as(untrusted.output()).isNotZero();
      assertThat(untrusted.output()).containsIgnoringCase("self-signed certificate");

      Path project = Files.createDirectories(work.resolve("tls-pkg"));
      Files.writeString(project.resolve("package.json"),
          "{\"name\":\"tls-pkg\",\"version\":\"1.0.0\",\"main\":\"index.js\",\"license\":\"MIT\"}\n");
      Files.writeString(project.resolve("index.js"), "module.exports = 'tls';\n");
      Files.writeString(work.resolve("home/.npmrc"), "//" + url.replaceFirst("^https://", "") + ":_authToken="
          + registry.adminToken() + "\n");
      Map<String, String> trustCa = Map.of("npm_config_cafile", caFile);
      Processes.Result publish = programs.npm(project, trustCa, "publish", "--registry", url);
      assertThat(publish.exitCode()).as(publish.output()).isZero();
      Processes.Result view = programs.npm(work, trustCa, "view", "tls-pkg", "version", "--registry", url);
      assertThat(view.exitCode()).as(view.output()).isZero();
      assertThat(view.output().strip()).isEqualTo("1.0.0");

      assertThat(registry).hasPackage("tls-pkg").withVersions("1.0.0");
      assertThat(registry.journal()).hasRequest("PUT", "/tls-pkg").withHeader("npm-command", "publish")
          .withStatus(200).once()
          .and().hasNoTraceOf(registry.adminToken());
    }
  }
}
