package dev.npmauth.samples.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code npmauth audit} (the CLI jar) on a project that the real npm CLI installed from the
 * standalone fake registry: it passes, then fails naming the package once a signature or a
 * tarball is tampered with in the fake's store.
 */
@Tag("peer")
class AuditTamperPeerIT {
  @TempDir
  Path work;
  private PeerPrograms programs;

  @BeforeEach
  void setUp() throws Exception {
    PeerPrograms.assumeNpm();
    programs = new PeerPrograms(work.resolve("home"));
  }

  @Test
  void tamperingInTheFakesStoreMakesTheAuditFailAndNameThePackage() throws Exception {
    try (StandaloneFakeRegistry fake = StandaloneFakeRegistry.start(work)) {
      Files.writeString(work.resolve("home/.npmrc"), "//" + fake.registry().replaceFirst("^https?://", "")
          + ":_authToken=" + fake.environment().get("NPMAUTH_ADMIN_TOKEN") + "\n");
      for (String name : List.of("left-widget", "right-widget", "@acme/mid-widget")) {
        Processes.Result publish = programs.npm(NodePeers.packageFolder(work, name, "1.0.0"), Map.of(),
            "publish", "--access", "public", "--registry", fake.registry());
        assertThat(publish.exitCode()).as(publish.output()).isZero();
      }
      Path consumer = Files.createDirectories(work.resolve("consumer"));
      Files.writeString(consumer.resolve("package.json"), "{\"name\":\"consumer\",\"version\":\"1.0.0\",\"private\":true}\n");
      Processes.Result install = programs.npm(consumer, Map.of(), "install", "left-widget", "right-widget",
          "@acme/mid-widget", "--registry", fake.registry());
      assertThat(install.exitCode()).as(install.output()).isZero();
      assertThat(consumer.resolve("package-lock.json")).exists();

      Processes.Result clean = programs.npmauth(consumer, Map.of(), "audit", "--registry", fake.registry());
      assertThat(clean.exitCode()).as(clean.output()).isZero();
      assertThat(clean.output()).contains("audited 3 packages", "3 packages have verified registry signatures",
          "audit passed");

      NodePeers.tamper(fake, "right-widget", "1.0.0", "signature");
      Processes.Result badSignature = programs.npmauth(consumer, Map.of(), "audit", "--registry", fake.registry());
      assertThat(badSignature.exitCode()).as(badSignature.output()).isEqualTo(1);
      assertThat(badSignature.output()).contains("1 package has an invalid registry signature:",
          "right-widget@1.0.0 (" + fake.registry() + ")", "audit FAILED");

      NodePeers.tamper(fake, "@acme/mid-widget", "1.0.0", "tarball");
      Processes.Result badTarball = programs.npmauth(consumer, Map.of(), "audit", "--json", "--registry",
          fake.registry());
      assertThat(badTarball.exitCode()).as(badTarball.output()).isEqualTo(1);
      assertThat(badTarball.output()).contains("\"name\": \"@acme/mid-widget\"", "INTEGRITY_MISMATCH",
          "\"name\": \"right-widget\"", "INVALID_SIGNATURE", "\"passed\": false");
    }
  }
}
