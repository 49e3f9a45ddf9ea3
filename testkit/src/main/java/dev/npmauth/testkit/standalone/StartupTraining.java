package dev.npmauth.testkit.standalone;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One typical run of the standalone runner, for the JVM to record which classes a run loads: {@code
 * bin/npmauth-fake-registry} runs it once per jar and JDK with {@code -XX:AOTCacheOutput} (Java 25
 * and later) or {@code -XX:ArchiveClassesAtExit}, and starts later runs from that cache.
 *
 * <p>It starts the runner in this JVM with a trusted GitHub workflow and its job, answers the
 * requests a client usually begins with (ping, a packument, whoami), and stops; nothing more, since
 * every class in the cache is loaded at each start. It prints nothing and exits 0, or 1 with the
 * reason on standard error.
 */
public final class StartupTraining {

  private StartupTraining() {}

  /**
   * Runs the training; see the class comment.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    // Named here: Files.createTempDirectory would put the security providers into every start.
    Path dir = Path.of(System.getProperty("java.io.tmpdir"),
        "npmauth-fake-registry-training-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    Path envFile = dir.resolve("training.env");
    int status = 0;
    try {
      Files.createDirectory(dir);
      train(envFile);
    } catch (Exception e) {
      System.err.println("npmauth-fake-registry training run failed: " + e);
      status = 1;
    } finally {
      envFile.toFile().delete();
      dir.toFile().delete();
    }
    System.exit(status);
  }

  private static void train(Path envFile) throws Exception {
    PrintWriter sink = new PrintWriter(new StringWriter(), true);
    FakeRegistryMain app = new FakeRegistryMain();
    Thread hook = FakeRegistryMain.shutdownHook(app); // as main registers it
    Runtime.getRuntime().addShutdownHook(hook);
    Runtime.getRuntime().removeShutdownHook(hook);
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread runner = new Thread(() -> {
      try {
        exit.complete(app.run(new String[] {"--port", "0", "--env-file", envFile.toString(),
            "--trust-github", "training-pkg=acme/training:release.yml", "--github-run",
            "acme/training:release.yml"}, sink, new PrintWriter(err, true)));
      } catch (IOException | RuntimeException e) {
        exit.completeExceptionally(e);
      }
    }, "training-runner");
    runner.start();
    try {
      Map<String, String> env = EnvFile.await(envFile, exit, err::toString, Duration.ofSeconds(30));
      String registry = env.get("NPMAUTH_REGISTRY");
      expect(200, "GET", registry + "-/ping", null);
      expect(404, "GET", registry + "training-pkg", null);
      expect(200, "GET", registry + "-/whoami", env.get("NPMAUTH_ADMIN_TOKEN"));
    } finally {
      app.stop();
    }
    if (exit.get(30, TimeUnit.SECONDS) != 0) {
      throw new IllegalStateException("the runner did not stop cleanly: " + err);
    }
  }

  /** One HTTP/1.1 exchange over a plain socket (an HTTP client's classes would join every start). */
  private static void expect(int status, String method, String url, String bearer) throws IOException {
    URI uri = URI.create(url);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      String request = method + " " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
          + "\r\n" + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
          + "Connection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      if (!answer.startsWith("HTTP/1.1 " + status + " ")) {
        String statusLine = answer.lines().findFirst().orElse("(no answer)");
        throw new IllegalStateException(method + " " + uri.getPath() + " answered " + statusLine + ", expected "
            + status);
      }
    }
  }

}
