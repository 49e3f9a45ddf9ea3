package dev.npmauth.bench;

import dev.npmauth.testkit.standalone.EnvFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The testkit's standalone fake registry, as its own process, for benchmarks: started by {@code
 * testkit/bin/npmauth-fake-registry} (as the README shows; JVM cache in the given folder), or by
 * {@code java -jar}.
 */
final class StandaloneRegistry implements AutoCloseable {
  private final Process process;
  private final Map<String, String> env;
  final long startMillis;

  /** How the process is started. */
  enum Launch {
    /** {@code testkit/bin/npmauth-fake-registry}: the JDK's AOT cache or CDS archive, made by its first run. */
    LAUNCHER,
    /** {@code java -jar npmauth-testkit-standalone.jar}: no cache. */
    JAVA_JAR
  }

  private StandaloneRegistry(Process process, Map<String, String> env, long startMillis) {
    this.process = process;
    this.env = env;
    this.startMillis = startMillis;
  }

  /** Starts it through the launcher, its JVM cache in {@code work/jvm-cache}. */
  static StandaloneRegistry start(Path work, String... options) throws IOException, InterruptedException {
    return start(work, Launch.LAUNCHER, work.resolve("jvm-cache"), options);
  }

  static StandaloneRegistry start(Path work, Launch launch, Path cacheDir, String... options)
      throws IOException, InterruptedException {
    Path envFile = work.resolve("registry.env");
    Files.deleteIfExists(envFile);
    Path jar = Bench.jar("testkit/target/npmauth-testkit-standalone.jar");
    List<String> command = new java.util.ArrayList<>(launch == Launch.LAUNCHER
        ? List.of(Bench.root().resolve("testkit/bin/npmauth-fake-registry").toString())
        : List.of(Bench.java(), "-jar", jar.toString()));
    command.addAll(List.of("--port", "0", "--env-file", envFile.toString()));
    command.addAll(List.of(options));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("registry.log").toFile());
    builder.environment().put("JAVA_HOME", Path.of(Bench.java()).getParent().getParent().toString());
    builder.environment().put("NPMAUTH_TESTKIT_JAR", jar.toString());
    builder.environment().put("NPMAUTH_CACHE_DIR", cacheDir.toString());
    long start = System.nanoTime();
    Process process = builder.start();
    Map<String, String> env;
    try {
      env = EnvFile.awaitWrittenBy(process, envFile, Duration.ofSeconds(30));
    } catch (IllegalStateException e) {
      process.destroyForcibly();
      throw new IllegalStateException(e.getMessage() + "; see " + work.resolve("registry.log"), e);
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
