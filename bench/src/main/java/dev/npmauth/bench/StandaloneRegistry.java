package dev.npmauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The testkit's standalone fake registry, as its own process, for benchmarks. */
final class StandaloneRegistry implements AutoCloseable {
  private static final Pattern EXPORT = Pattern.compile("^export ([A-Z_][A-Z0-9_]*)='(.*)'$");
  private final Process process;
  private final Map<String, String> env;
  final long startMillis;

  private StandaloneRegistry(Process process, Map<String, String> env, long startMillis) {
    this.process = process;
    this.env = env;
    this.startMillis = startMillis;
  }

  static StandaloneRegistry start(Path work, String... options) throws IOException, InterruptedException {
    Path envFile = work.resolve("registry.env");
    Files.deleteIfExists(envFile);
    List<String> command = new java.util.ArrayList<>(List.of(Bench.java(), "-jar",
        Bench.jar("testkit/target/npmauth-testkit-standalone.jar").toString(), "--port", "0", "--env-file",
        envFile.toString()));
    command.addAll(List.of(options));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("registry.log").toFile()).start();
    Instant deadline = Instant.now().plusSeconds(30);
    while (!Files.exists(envFile)) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        process.destroyForcibly();
        throw new IllegalStateException("the standalone registry did not start; see " + work.resolve("registry.log"));
      }
      Thread.sleep(2);
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(envFile)) {
      Matcher m = EXPORT.matcher(line);
      if (m.matches()) {
        env.put(m.group(1), m.group(2));
      }
    }
    // measured like Verdaccio's: until the first answer to GET /-/ping
    while (!VerdaccioProcess.answers(java.net.URI.create(env.get("NPMAUTH_REGISTRY") + "-/ping"))) {
      Thread.sleep(2);
    }
    long took = (System.nanoTime() - start) / 1_000_000;
    return new StandaloneRegistry(process, env, took);
  }

  String url() {
    return env.get("NPMAUTH_REGISTRY");
  }

  String adminToken() {
    return env.get("NPMAUTH_ADMIN_TOKEN");
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
