package dev.npmauth.bench;

import dev.npmauth.Credential;
import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.Secret;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.credentials.PublishCredentialProvider;
import dev.npmauth.publish.PublishRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code npmauth audit} against {@code npm audit signatures} on one project of N small packages
 * (default 1,000), installed from the standalone fake registry, which signs every version's
 * {@code dist.signatures} and serves {@code /-/npm/v1/keys}:
 *
 * <ol>
 *   <li>the packages are published to the fake with its admin token through the SDK;
 *   <li>{@code npm install} installs them into a project (so both tools audit the same installed
 *       tree and lockfile);
 *   <li>each tool audits the project once, as one process, and the wall time is the result.
 * </ol>
 *
 * <p>{@code npm audit signatures} first refreshes Sigstore's TUF metadata from its CDN (its
 * {@code verify-signatures.js} calls {@code tufClient.initTUF}, and only falls back to the
 * registry's {@code /-/npm/v1/keys} after TUF, once refreshed, has no target for the registry).
 * Without that network npm fails before auditing anything. By default the harness therefore
 * serves TUF from {@link TufStandIn} (a loopback stand-in for the CDN with a repository of its own,
 * npm's TUF cache seeded with its root), so npm does the same work as online; with
 * {@code --no-tuf-stand-in} npm meets the closed network, and the table shows its error as its
 * row, and no ratio.
 *
 * <p>Run: {@code ./mvnw -q -DskipTests package && java -jar bench/target/npmauth-bench.jar audit}
 * (options: {@code --packages N}, {@code --concurrency N} for npmauth, default 8,
 * {@code --no-tuf-stand-in}).
 */
public final class AuditBench {
  private AuditBench() {
  }

  /**
   * Runs the benchmark.
   *
   * @param args {@code --packages N}, {@code --concurrency N}
   * @throws Exception if a step fails
   */
  public static void main(String[] args) throws Exception {
    int count = intOption(args, "--packages", 1000);
    int concurrency = intOption(args, "--concurrency", 8);
    Path work = Files.createTempDirectory("npmauth-audit-bench");
    try (StandaloneRegistry registry = StandaloneRegistry.start(
        Files.createDirectories(work.resolve("registry")))) {
      long t0 = System.nanoTime();
      List<String> names = publish(registry, work, count);
      Duration publishTime = Duration.ofNanos(System.nanoTime() - t0);
      System.out.println("published " + count + " packages to the fake registry in "
          + publishTime.toMillis() + " ms");

      Path project = Files.createDirectories(work.resolve("project"));
      StringBuilder deps = new StringBuilder();
      for (String name : names) {
        deps.append(deps.length() == 0 ? "" : ",\n    ").append('"').append(name)
            .append("\": \"1.0.0\"");
      }
      Files.writeString(project.resolve("package.json"), "{\n  \"name\": \"audit-bench-project\","
          + "\n  \"version\": \"1.0.0\",\n  \"private\": true,\n  \"dependencies\": {\n    " + deps
          + "\n  }\n}\n");
      Map<String, String> npmEnv = npmEnvironment(work);
      t0 = System.nanoTime();
      Bench.Run install = Bench.run(project, npmEnv, List.of("npm", "install", "--registry",
          registry.url(), "--no-audit", "--no-fund", "--ignore-scripts"));
      if (install.exitCode() != 0) {
        throw new IllegalStateException("npm install failed:\n" + install.output());
      }
      long installed;
      try (Stream<Path> s = Files.list(project.resolve("node_modules"))) {
        installed = s.filter(p -> p.getFileName().toString().startsWith("audit-bench-")).count();
      }
      System.out.println("npm install put " + installed + " packages in node_modules and wrote "
          + "package-lock.json in " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");

      Bench.Run ours = Bench.run(project, Map.of(), List.of(Bench.java(), "-jar",
          Bench.jar("samples/target/npmauth.jar").toString(), "audit", project.toString(),
          "--registry", registry.url(), "--concurrency", String.valueOf(concurrency)));
      Bench.Run npm;
      String npmLabel;
      if (hasFlag(args, "--no-tuf-stand-in")) {
        npm = Bench.run(project, npmEnv, List.of("npm", "audit", "signatures", "--registry",
            registry.url()));
        npmLabel = "";
      } else {
        try (TufStandIn tuf = TufStandIn.start(work)) {
          tuf.seed(Path.of(npmEnv.get("npm_config_cache")));
          Map<String, String> env = new LinkedHashMap<>(npmEnv);
          env.put("HTTPS_PROXY", tuf.proxyUrl());
          env.put("https_proxy", tuf.proxyUrl());
          env.put("NO_PROXY", "127.0.0.1,localhost");
          env.put("no_proxy", "127.0.0.1,localhost");
          env.put("NODE_EXTRA_CA_CERTS", tuf.caCertificate().toString());
          npm = Bench.run(project, env, List.of("npm", "audit", "signatures", "--registry",
              registry.url()));
        }
        npmLabel = ", TUF from a loopback stand-in";
      }

      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("npmauth audit (one JVM, concurrency " + concurrency + ")",
          ours.exitCode() == 0 ? summary(ours.output()) : "FAILED (exit " + ours.exitCode() + "): "
              + firstLines(ours.output(), 3),
          Bench.millis(ours.wall()), perSecond(count, ours.wall()), npm.exitCode() == 0
              ? String.format("%.2f", (double) npm.wall().toNanos() / ours.wall().toNanos())
              : "n/a"));
      rows.add(List.of("npm audit signatures (npm " + npmVersion(npmEnv, project) + npmLabel + ")",
          npm.exitCode() == 0 ? summary(npm.output())
              : "cannot run offline: " + npmError(npm.output()),
          Bench.millis(npm.wall()), npm.exitCode() == 0 ? perSecond(count, npm.wall()) : "n/a",
          npm.exitCode() == 0 ? "1.00" : "n/a"));
      Bench.table("Audit the registry signatures of a project with " + count + " packages"
              + " installed from the fake registry (wall time, one process each)",
          List.of("tool", "result", "wall ms", "packages/s", "speed-up vs npm (npm time / this time)"),
          rows);
      if (ours.exitCode() != 0) {
        System.out.println("\nnpmauth audit output:\n" + ours.output());
      }
      if (npm.exitCode() != 0) {
        System.out.println("\nnpm audit signatures output (exit " + npm.exitCode() + "):\n"
            + firstLines(npm.output(), 12));
      }
    } finally {
      Bench.deleteTree(work);
    }
  }

  /** Publishes {@code audit-bench-0..N-1@1.0.0}, four at a time. */
  private static List<String> publish(StandaloneRegistry registry, Path work, int count)
      throws Exception {
    Path dir = Files.createDirectories(work.resolve("packages"));
    List<String> names = new ArrayList<>();
    List<Path> folders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = "audit-bench-" + i;
      Path folder = Files.createDirectories(dir.resolve(name));
      Files.writeString(folder.resolve("package.json"), "{\"name\":\"" + name
          + "\",\"version\":\"1.0.0\",\"description\":\"audit benchmark package\","
          + "\"main\":\"index.js\",\"license\":\"MIT\"}\n");
      Files.writeString(folder.resolve("index.js"), "module.exports = " + i + ";\n");
      names.add(name);
      folders.add(folder);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (NpmRegistryClient client = NpmRegistryClient.builder().registry(registry.url())
        .environment(Environment.empty()).npmConfig(NpmConfig.empty()).build()) {
      PublishCredentialProvider token = PublishCredentialProvider.fixed(
          Credential.granular(Secret.of(registry.adminToken())));
      List<Future<?>> done = new ArrayList<>();
      for (Path folder : folders) {
        done.add(pool.submit(() -> client.publisher().publish(
            PublishRequest.builder(folder).credentials(token).build())));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return names;
  }

  /** A fresh HOME, user config and cache, so nothing of the machine's npm setup leaks in. */
  private static Map<String, String> npmEnvironment(Path work) throws Exception {
    Path home = Files.createDirectories(work.resolve("home"));
    Files.writeString(home.resolve(".npmrc"), "");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", home.toString());
    env.put("npm_config_userconfig", home.resolve(".npmrc").toString());
    env.put("npm_config_cache", home.resolve("cache").toString());
    env.put("npm_config_update_notifier", "false");
    return env;
  }

  private static String npmVersion(Map<String, String> env, Path dir) {
    try {
      return Bench.run(dir, env, List.of("npm", "--version")).output().strip();
    } catch (Exception e) {
      return "?";
    }
  }

  /** The lines of a report that count what was verified. */
  private static String summary(String output) {
    List<String> kept = new ArrayList<>();
    for (String line : output.split("\n")) {
      String l = line.strip();
      if (l.matches("(?i).*(verified|audited|missing|invalid|passed).*") && l.length() < 120) {
        kept.add(l);
      }
    }
    return kept.isEmpty() ? firstLines(output, 1) : String.join("; ", kept.subList(0,
        Math.min(3, kept.size())));
  }

  /** npm's error, without its log-file boilerplate. */
  private static String npmError(String output) {
    for (String line : output.split("\n")) {
      if (line.contains("request to ") && line.contains(" failed")) {
        return line.replaceFirst("^npm error( network)? ", "").strip();
      }
    }
    for (String line : output.split("\n")) {
      String l = line.strip();
      if (l.startsWith("npm error") && !l.contains("A complete log") && !l.contains("-debug-")
          && l.length() > "npm error ".length()) {
        return l.substring("npm error ".length()).strip();
      }
    }
    return firstLines(output, 2);
  }

  private static String firstLines(String text, int n) {
    String[] lines = text.strip().split("\n");
    return String.join(" / ", java.util.Arrays.copyOf(lines, Math.min(n, lines.length)));
  }

  private static String perSecond(int count, Duration wall) {
    return String.format("%.0f", count / (wall.toNanos() / 1e9));
  }

  private static boolean hasFlag(String[] args, String name) {
    return java.util.Arrays.asList(args).contains(name);
  }

  private static int intOption(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
