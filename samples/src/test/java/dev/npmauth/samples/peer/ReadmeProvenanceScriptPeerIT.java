package dev.npmauth.samples.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.samples.docs.ReadmeBlocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's {@code --sigstore} script as it is written: the standalone fake with its fake
 * Sigstore, {@code npmauth publish --provenance} from the simulated GitHub Actions run its env file
 * describes, then {@code npmauth verify}. It runs in a folder that stands for this repository's root
 * ({@code testkit} and {@code samples} linked to the real ones), next to the tarball the README
 * names, so nothing is written into the checkout. Needs only a JDK and a POSIX shell.
 */
@Tag("peer")
class ReadmeProvenanceScriptPeerIT {
  @TempDir
  Path work;

  @Test
  void theReadmesProvenanceScriptPublishesAndVerifies() throws Exception {
    Path root = Files.createDirectories(work.resolve("checkout"));
    for (String module : List.of("testkit", "samples")) {
      Files.createSymbolicLink(root.resolve(module), Processes.root().resolve(module));
    }
    Map<String, String> files = new LinkedHashMap<>();
    files.put("package.json", "{\"name\":\"demo-pkg\",\"version\":\"1.0.0\",\"license\":\"MIT\","
        + "\"repository\":{\"type\":\"git\",\"url\":\"git+https://github.com/acme/widgets.git\"}}\n");
    files.put("index.js", "module.exports = 1;\n");
    Files.write(root.resolve("demo-pkg-1.0.0.tgz"), PeerTarballs.of(files));
    Path script = root.resolve("provenance-test.sh");
    Files.writeString(script, ReadmeBlocks.blockAfter(ReadmeBlocks.readme(),
        "<!-- peer-tested: ReadmeProvenanceScriptPeerIT -->"));

    Path tmp = Files.createDirectories(work.resolve("tmp"));
    Map<String, String> env = new HashMap<>(StandaloneFakeRegistry.launcherEnvironment(
        Processes.root().resolve("testkit/target/npmauth-testkit-standalone.jar")));
    env.put("HOME", Files.createDirectories(work.resolve("home")).toString());
    env.put("TMPDIR", tmp.toString());
    env.put("PATH", Path.of(Processes.java()).getParent() + java.io.File.pathSeparator + System.getenv("PATH"));
    try {
      Processes.Result run = Processes.run(root, env, Duration.ofMinutes(3), List.of("sh", script.toString()));

      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output()).contains("+ demo-pkg@1.0.0");
      assertThat(Files.exists(tmp.resolve("fake-registry.env"))).as("the script's env file, in TMPDIR").isTrue();
    } finally {
      // The script's trap stops the fake; should it not have, stop it by its env file (ours alone).
      ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().map(c -> c.contains(tmp.toString())).orElse(false))
          .forEach(ProcessHandle::destroy);
    }
  }
}
