package dev.npmauth.samples.peer;

import dev.npmauth.testkit.standalone.EnvFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The testkit's standalone fake registry, started as its own process on a free loopback port by
 * {@code testkit/bin/npmauth-fake-registry} (as the README shows), and stopped by PID. The
 * launcher's JVM cache goes to {@code samples/target/jvm-cache}, so the first start of a build
 * makes it and the others use it.
 */
final class StandaloneFakeRegistry implements AutoCloseable {
  private final Process process;
  private final Map<String, String> environment;
  private final Path log;

  private StandaloneFakeRegistry(Process process, Map<String, String> environment, Path log) {
    this.process = process;
    this.environment = environment;
    this.log = log;
  }

  /**
   * Starts the standalone fake with options and waits for its env file.
   *
   * @param work a folder for its env file and log
   * @param options the command line options after {@code --port 0 --env-file FILE}
   */
  static StandaloneFakeRegistry start(Path work, String... options) throws IOException, InterruptedException {
    return start(work, Map.of(), options);
  }

  /**
   * Starts it as {@link #start(Path, String...)} does, with more variables for the launcher.
   *
   * @param launcherEnvironment e.g. {@code NPMAUTH_CACHE_DIR}, overriding the defaults
   */
  static StandaloneFakeRegistry start(Path work, Map<String, String> launcherEnvironment, String... options)
      throws IOException, InterruptedException {
    Path jar = Processes.root().resolve("testkit/target/npmauth-testkit-standalone.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the testkit module first (./mvnw verify builds it)");
    }
    Path envFile = work.resolve("fake-registry.env");
    Files.deleteIfExists(envFile); // a previous run's, which would be taken for this one's
    Path log = work.resolve("fake-registry.log");
    List<String> command = new ArrayList<>(List.of(launcher().toString(), "--port", "0",
        "--env-file", envFile.toString()));
    command.addAll(List.of(options));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(launcherEnvironment(jar));
    builder.environment().putAll(launcherEnvironment);
    Process process = builder.start();
    Map<String, String> environment;
    try {
      environment = EnvFile.awaitWrittenBy(process, envFile, Duration.ofSeconds(30));
    } catch (IllegalStateException e) {
      process.destroyForcibly();
      throw new IllegalStateException(e.getMessage() + ":\n" + Files.readString(log), e);
    }
    return new StandaloneFakeRegistry(process, environment, log);
  }

  /** {@code testkit/bin/npmauth-fake-registry}. */
  static Path launcher() {
    return Processes.root().resolve("testkit/bin/npmauth-fake-registry");
  }

  /** What the launcher is given by default: this JDK, the built jar, a JVM cache under target/. */
  static Map<String, String> launcherEnvironment(Path jar) {
    return Map.of("JAVA_HOME", Path.of(Processes.java()).getParent().getParent().toString(),
        "NPMAUTH_TESTKIT_JAR", jar.toString(),
        "NPMAUTH_CACHE_DIR", Processes.root().resolve("samples/target/jvm-cache").toString());
  }

  /** Every variable of its env file. */
  Map<String, String> environment() {
    return environment;
  }

  /** {@code NPMAUTH_REGISTRY}. */
  String registry() {
    return environment.get("NPMAUTH_REGISTRY");
  }

  /** The variables a simulated CI job has (everything but the NPMAUTH_ ones). */
  Map<String, String> ciEnvironment() {
    Map<String, String> ci = new LinkedHashMap<>(environment);
    ci.keySet().removeIf(k -> k.startsWith("NPMAUTH_"));
    return ci;
  }

  /** What it logged (method, path, status per request). */
  String log() throws IOException {
    return Files.readString(log);
  }

  /** Stops it with SIGTERM, then by force if it does not stop. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
