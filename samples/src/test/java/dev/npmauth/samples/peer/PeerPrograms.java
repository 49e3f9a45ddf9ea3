package dev.npmauth.samples.peer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The npm CLI and the npmauth CLI as peer tests run them: fresh HOME, userconfig and cache. */
final class PeerPrograms {
  private final Path home;

  PeerPrograms(Path home) throws IOException {
    this.home = home;
    Files.createDirectories(home);
    Files.writeString(home.resolve(".npmrc"), "");
  }

  /** Skips the calling test when npm is not installed, saying so. */
  static void assumeNpm() {
    assumeTrue(Processes.which("npm").isPresent(),
        "npm not found on PATH: this peer test runs the real npm CLI (11.x) and is skipped without it");
  }

  private Map<String, String> base(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("npm_config_userconfig", home.resolve(".npmrc").toString());
    env.put("npm_config_cache", home.resolve("npm-cache").toString());
    env.put("npm_config_update_notifier", "false");
    env.put("npm_config_fund", "false");
    env.put("npm_config_audit", "false");
    env.putAll(extra);
    return env;
  }

  /** Runs {@code npm <args>} in a folder with the given CI variables. */
  Processes.Result npm(Path dir, Map<String, String> ci, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("npm"));
    command.addAll(List.of(args));
    return Processes.run(dir, base(ci), Duration.ofMinutes(3), command);
  }

  /** Runs {@code npmauth <args>} (samples/target/npmauth.jar) in a folder with the given CI variables. */
  Processes.Result npmauth(Path dir, Map<String, String> ci, String... args) throws IOException, InterruptedException {
    Path jar = Processes.root().resolve("samples/target/npmauth.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: peer tests run after the package phase (./mvnw verify)");
    }
    List<String> command = new ArrayList<>(List.of(Processes.java(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    return Processes.run(dir, base(ci), Duration.ofMinutes(2), command);
  }
}
