package dev.npmauth.samples.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone fake registry with its fake Sigstore ({@code --sigstore}), used the way a
 * non-JVM CI job would: {@code npmauth publish --provenance} in a simulated GitHub Actions run,
 * then {@code npmauth verify}, both taking Fulcio, Rekor and the trusted root from the env file
 * ({@code NPMAUTH_FULCIO_URL}, {@code NPMAUTH_REKOR_URL}, {@code NPMAUTH_TRUSTED_ROOT}); a
 * tampered attestation makes {@code npmauth verify} fail.
 */
@Tag("peer")
class ProvenanceCliPeerIT {
  @TempDir
  Path work;
  private PeerPrograms programs;

  @BeforeEach
  void setUp() throws Exception {
    programs = new PeerPrograms(work.resolve("home"));
  }

  @Test
  void publishWithProvenanceVerifiesWithTheEnvFileAndATamperedAttestationFails() throws Exception {
    Path project = Files.createDirectories(work.resolve("demo-pkg"));
    Files.writeString(project.resolve("package.json"), "{\"name\":\"demo-pkg\",\"version\":\"1.0.0\","
        + "\"repository\":{\"type\":\"git\",\"url\":\"git+https://github.com/acme/widgets.git\"}}\n");
    Files.writeString(project.resolve("index.js"), "module.exports = 1;\n");
    try (StandaloneFakeRegistry fake = StandaloneFakeRegistry.start(work, "--sigstore",
        "--trust-github", "demo-pkg=acme/widgets:release.yml", "--github-run", "acme/widgets:release.yml")) {
      assertThat(fake.environment()).containsKeys("NPMAUTH_FULCIO_URL", "NPMAUTH_REKOR_URL", "NPMAUTH_TRUSTED_ROOT");
      Map<String, String> job = new java.util.HashMap<>(fake.environment());
      Processes.Result publish = programs.npmauth(project, job, "publish", project.toString(), "--access", "public",
          "--provenance", "--registry", fake.registry());
      assertThat(publish.exitCode()).as(publish.output()).isZero();
      assertThat(publish.output()).contains("+ demo-pkg@1.0.0");

      Processes.Result verify = programs.npmauth(work, job, "verify", "demo-pkg@1.0.0", "--registry", fake.registry(),
          "--workflow", ".github/workflows/release.yml", "--require-attestations");
      assertThat(verify.exitCode()).as(verify.output()).isZero();

      NodePeers.tamper(fake, "demo-pkg", "1.0.0", "provenance");
      Processes.Result tampered = programs.npmauth(work, job, "verify", "demo-pkg@1.0.0", "--registry", fake.registry(),
          "--require-attestations");
      assertThat(tampered.exitCode()).as(tampered.output()).isEqualTo(1);
      assertThat(tampered.output()).contains("NPM_ATTESTATIONS");
    }
  }
}
