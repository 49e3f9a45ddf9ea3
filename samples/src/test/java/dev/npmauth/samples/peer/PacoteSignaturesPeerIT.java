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
 * pacote, the npm CLI's own fetcher, run by node with {@code verifySignatures: true} and the
 * fake registry's keys as {@code npm audit signatures} passes them, judges the
 * {@code dist.signatures} our fake produces: it accepts them, and rejects a tampered one.
 */
@Tag("peer")
class PacoteSignaturesPeerIT {
  @TempDir
  Path work;
  private PeerPrograms programs;
  private Path pacote;

  @BeforeEach
  void setUp() throws Exception {
    PeerPrograms.assumeNpm();
    pacote = NodePeers.assumePacote();
    programs = new PeerPrograms(work.resolve("home"));
  }

  private Map<String, Object> pacote(StandaloneFakeRegistry fake, Path script, String keys, String spec, String run)
      throws Exception {
    Processes.Result r = NodePeers.node("node", work, Map.of(
        "PACOTE", pacote.toString(),
        "REGISTRY", fake.registry(),
        "KEYS", keys,
        "SPEC", spec,
        "CACHE", Files.createDirectories(work.resolve("cache-" + run)).toString(),
        "HOME", work.resolve("home").toString()), script);
    return NodePeers.lastJsonLine(r.output());
  }

  @Test
  void pacoteAcceptsTheFakesSignaturesAndRejectsTamperedOnes() throws Exception {
    Path script = NodePeers.script(work, "pacote-verify-signatures.js");
    try (StandaloneFakeRegistry fake = StandaloneFakeRegistry.start(work)) {
      Files.writeString(work.resolve("home/.npmrc"), "//" + fake.registry().replaceFirst("^https?://", "")
          + ":_authToken=" + fake.environment().get("NPMAUTH_ADMIN_TOKEN") + "\n");
      for (String name : List.of("sig-demo", "@acme/sig-demo")) {
        Processes.Result publish = programs.npm(NodePeers.packageFolder(work, name, "1.0.0"), Map.of(),
            "publish", "--access", "public", "--registry", fake.registry());
        assertThat(publish.exitCode()).as(publish.output()).isZero();
      }
      String keys = NodePeers.get(fake.registry() + "-/npm/v1/keys");
      String keyId = (String) ((Map<?, ?>) ((List<?>) NodePeers.lastJsonLine(keys).get("keys")).get(0)).get("keyid");

      for (String spec : List.of("sig-demo@1.0.0", "@acme/sig-demo@1.0.0")) {
        Map<String, Object> ok = pacote(fake, script, keys, spec, "ok-" + spec.hashCode());
        assertThat(ok).as("pacote on %s", spec).containsEntry("ok", true);
        assertThat((List<?>) ok.get("signatures")).singleElement()
            .satisfies(s -> assertThat(((Map<?, ?>) s).get("keyid")).isEqualTo(keyId));
      }

      Map<String, Object> unknownKey = pacote(fake, script, "{\"keys\":[]}", "sig-demo@1.0.0", "nokeys");
      assertThat(unknownKey).containsEntry("ok", false).containsEntry("code", "EMISSINGSIGNATUREKEY");

      NodePeers.tamper(fake, "sig-demo", "1.0.0", "signature");
      Map<String, Object> tampered = pacote(fake, script, keys, "sig-demo@1.0.0", "tampered");
      assertThat(tampered).containsEntry("ok", false).containsEntry("code", "EINTEGRITYSIGNATURE");
      assertThat((String) tampered.get("message")).contains("sig-demo@1.0.0 has an invalid registry signature");

      NodePeers.tamper(fake, "@acme/sig-demo", "1.0.0", "tarball");
      Map<String, Object> replaced = pacote(fake, script, keys, "@acme/sig-demo@1.0.0", "replaced");
      assertThat(replaced).containsEntry("ok", false).containsEntry("code", "EINTEGRITYSIGNATURE");
    }
  }
}
