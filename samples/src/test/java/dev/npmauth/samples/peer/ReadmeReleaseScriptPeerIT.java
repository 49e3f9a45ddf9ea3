package dev.npmauth.samples.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.samples.docs.ReadmeBlocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's shell example ("Testing a non-JVM release script against the standalone
 * fake") as it is written, in an npm project with a release script, with the real npm CLI.
 */
@Tag("peer")
class ReadmeReleaseScriptPeerIT {
  @TempDir
  Path work;

  @BeforeEach
  void npmIsThere() {
    PeerPrograms.assumeNpm();
  }

  @Test
  void theReadmesReleaseScriptTestPassesAgainstTheStandaloneFake() throws Exception {
    Path project = Files.createDirectories(work.resolve("my-lib"));
    Files.writeString(project.resolve("package.json"),
        "{\"name\":\"my-lib\",\"version\":\"1.2.0\",\"main\":\"index.js\",\"license\":\"MIT\"}\n");
    Files.writeString(project.resolve("index.js"), "module.exports = 'my-lib';\n");
    executable(project.resolve("release.sh"), "#!/bin/sh\nset -eu\nnpm publish --access public\n");
    Path fixtures = Files.createDirectories(project.resolve("test/registry"));
    Files.write(fixtures.resolve("my-lib-1.1.0.tgz"), PeerTarballs.withPackageJson(
        "{\"name\":\"my-lib\",\"version\":\"1.1.0\",\"license\":\"MIT\"}"));
    executable(project.resolve("test/release-test.sh"),
        ReadmeBlocks.blockAfter(ReadmeBlocks.readme(), "<!-- peer-tested: ReadmeReleaseScriptPeerIT -->"));

    Path home = Files.createDirectories(work.resolve("home"));
    Files.writeString(home.resolve(".npmrc"), "");
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("npm_config_userconfig", home.resolve(".npmrc").toString());
    env.put("npm_config_cache", home.resolve("npm-cache").toString());
    env.put("npm_config_update_notifier", "false");
    env.put("npm_config_fund", "false");
    env.put("npm_config_audit", "false");
    env.put("TMPDIR", Files.createDirectories(work.resolve("tmp")).toString());
    env.put("FAKE_REGISTRY", StandaloneFakeRegistry.launcher().toString());
    env.putAll(StandaloneFakeRegistry.launcherEnvironment(
        Processes.root().resolve("testkit/target/npmauth-testkit-standalone.jar")));
    env.put("PATH", Path.of(Processes.java()).getParent() + java.io.File.pathSeparator + System.getenv("PATH"));
    try {
      Processes.Result run = Processes.run(project, env, Duration.ofMinutes(3), List.of("sh", "test/release-test.sh"));

      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output()).contains("+ my-lib@1.2.0", "\"1.1.0\"", "\"1.2.0\"");
    } finally {
      // The script stops the fake itself; should it not have, stop it by its PID (its env file is ours alone).
      ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().map(c -> c.contains(work.resolve("tmp").toString())).orElse(false))
          .forEach(ProcessHandle::destroy);
    }
  }

  private static void executable(Path file, String text) throws Exception {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
