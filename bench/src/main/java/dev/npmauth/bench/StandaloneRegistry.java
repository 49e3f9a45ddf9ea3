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
    JAVA_JAR,
    /**
     * Not the fake: {@link BareJdkServer}, the JDK's HTTP server answering {@code {}}, with the
     * launcher's JVM options and a JVM cache of its own (what a fake on the JDK server cannot beat).
     */
    BARE_JDK_SERVER
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
    List<String> command = new java.util.ArrayList<>(switch (launch) {
      case LAUNCHER -> List.of(Bench.root().resolve("testkit/bin/npmauth-fake-registry").toString());
      case JAVA_JAR -> List.of(Bench.java(), "-jar", jar.toString());
      case BARE_JDK_SERVER -> bareJdkServerCommand(cacheDir);
    });
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

  /**
   * The command that starts {@link BareJdkServer} from a JVM cache made for it, as the launcher
   * starts the fake: its default JVM options, {@code -XX:AOTCache} on Java 25 and later, a
   * class-data sharing archive before. The jar and the cache are made on first use.
   */
  private static List<String> bareJdkServerCommand(Path cacheDir) throws IOException, InterruptedException {
    Files.createDirectories(cacheDir);
    Path jar = cacheDir.resolve("bare-jdk-server.jar");
    boolean aot = Runtime.version().feature() >= 25;
    Path cache = cacheDir.resolve(aot ? "bare-jdk-server.aot" : "bare-jdk-server.jsa");
    List<String> java = new java.util.ArrayList<>(List.of(Bench.java()));
    java.addAll(launcherJavaOptions());
    java.addAll(aot ? List.of("-Xlog:aot=off", "-Xlog:cds=off") : List.of("-Xlog:cds=off"));
    if (!Files.isRegularFile(cache)) {
      BareJdkServer.writeJar(jar);
      List<String> train = new java.util.ArrayList<>(java);
      train.add((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + cache);
      train.addAll(List.of("-cp", jar.toString(), BareJdkServer.class.getName(), "--train"));
      Bench.Run run = Bench.run(cacheDir, Map.of(), train);
      if (run.exitCode() != 0 || !Files.isRegularFile(cache)) {
        throw new IllegalStateException("could not make the bare JDK server's JVM cache: " + run.output());
      }
    }
    java.add((aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache);
    java.addAll(List.of("-cp", jar.toString(), BareJdkServer.class.getName()));
    return java;
  }

  /** The launcher's default JVM options, read from the script so that both stay the same. */
  private static List<String> launcherJavaOptions() throws IOException {
    Path launcher = Bench.root().resolve("testkit/bin/npmauth-fake-registry");
    for (String line : Files.readAllLines(launcher)) {
      if (line.startsWith("default_opts=\"") && line.endsWith("\"")) {
        return List.of(line.substring("default_opts=\"".length(), line.length() - 1).split(" "));
      }
    }
    throw new IllegalStateException(launcher + " has no default_opts=\"...\" line");
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
