package dev.npmauth.bench;

import dev.npmauth.Credential;
import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.Secret;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.credentials.PublishCredentialProvider;
import dev.npmauth.publish.PublishRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Publishing benchmarks, against the standalone fake registry on loopback:
 *
 * <ol>
 *   <li>a 200 MB tarball published by {@code npmauth publish} with the client's heap capped at
 *       {@code -Xmx64m} (it must succeed: the body is streamed), with the client's peak RSS;
 *   <li>100 small packages published with npmauth (the SDK in one JVM, and the {@code npmauth
 *       release} command) and with {@code npm publish} (one process per package, as a release
 *       script runs it), in the same run, as a ratio of wall time.
 * </ol>
 *
 * <p>Run: {@code ./mvnw -q -DskipTests package && java -jar bench/target/npmauth-bench.jar publish}
 * (options: {@code --big-mb N}, {@code --packages N}).
 */
public final class PublishBench {
  private PublishBench() {
  }

  /**
   * Runs the benchmark.
   *
   * @param args {@code --big-mb N} (default 200), {@code --packages N} (default 100)
   * @throws Exception if a step fails
   */
  public static void main(String[] args) throws Exception {
    int bigMb = Options.intOption(args, "--big-mb", 200);
    int packages = Options.intOption(args, "--packages", 100);
    Path work = Files.createTempDirectory("npmauth-publish-bench");
    try {
      bigTarball(work, bigMb);
      manyPackages(work, packages);
    } finally {
      Bench.deleteTree(work);
    }
  }

  private static void bigTarball(Path work, int megabytes) throws Exception {
    Path tgz = work.resolve("big-pkg-1.0.0.tgz");
    writeTarball(tgz, "big-pkg", "1.0.0", megabytes * 1024L * 1024L);
    try (StandaloneRegistry registry = StandaloneRegistry.start(Files.createDirectories(work.resolve("big-registry")))) {
      Bench.Run run = Bench.run(work, Map.of("NPM_TOKEN", registry.adminToken()), List.of(Bench.java(), "-Xmx64m",
          "-jar", Bench.jar("samples/target/npmauth.jar").toString(), "publish", tgz.toString(), "--registry",
          registry.url()));
      Bench.table("Publish one " + megabytes + " MB tarball (" + Files.size(tgz) / (1024 * 1024) + " MiB on disk) to the fake registry,"
              + " client heap -Xmx64m",
          List.of("client", "result", "wall ms", "MB/s", "client peak RSS MB"),
          List.of(List.of("npmauth publish", run.exitCode() == 0 ? "published" : "FAILED (exit " + run.exitCode() + ")",
              Bench.millis(run.wall()), String.format("%.1f", Files.size(tgz) / 1e6 / (run.wall().toMillis() / 1e3)),
              run.maxRssKb() < 0 ? "n/a" : String.valueOf(run.maxRssKb() / 1024))));
      if (run.exitCode() != 0) {
        System.out.println(run.output());
      }
    }
  }

  private static void manyPackages(Path work, int count) throws Exception {
    Path npmDir = Files.createDirectories(work.resolve("npm-packages"));
    Path sdkDir = Files.createDirectories(work.resolve("sdk-packages"));
    Path cliDir = Files.createDirectories(work.resolve("cli-packages"));
    List<Path> npmFolders = folders(npmDir, "npm-bench-", count);
    List<Path> sdkFolders = folders(sdkDir, "sdk-bench-", count);
    List<Path> cliFolders = folders(cliDir, "cli-bench-", count);
    List<List<String>> rows = new ArrayList<>();
    try (StandaloneRegistry registry = StandaloneRegistry.start(Files.createDirectories(work.resolve("many-registry")))) {
      // npm publish, one process per package, with the token in a fresh userconfig
      Path home = Files.createDirectories(work.resolve("home"));
      Files.writeString(home.resolve(".npmrc"), "//" + registry.url().replaceFirst("^https?://", "") + ":_authToken="
          + registry.adminToken() + "\n");
      Map<String, String> npmEnv = Map.of("HOME", home.toString(), "npm_config_userconfig", home.resolve(".npmrc").toString(),
          "npm_config_cache", home.resolve("cache").toString(), "npm_config_update_notifier", "false");
      long npmStart = System.nanoTime();
      for (Path folder : npmFolders) {
        Bench.Run run = Bench.run(folder, npmEnv, List.of("npm", "publish", "--registry", registry.url()));
        if (run.exitCode() != 0) {
          throw new IllegalStateException("npm publish failed in " + folder + ":\n" + run.output());
        }
      }
      Duration npm = Duration.ofNanos(System.nanoTime() - npmStart);

      // the SDK, embedded in this JVM (a release tool's case)
      long sdkStart = System.nanoTime();
      try (NpmRegistryClient client = NpmRegistryClient.builder().registry(registry.url())
          .environment(Environment.empty()).npmConfig(NpmConfig.empty()).build()) {
        PublishCredentialProvider token = PublishCredentialProvider.fixed(Credential.granular(Secret.of(registry.adminToken())));
        for (Path folder : sdkFolders) {
          client.publisher().publish(PublishRequest.builder(folder).credentials(token).build());
        }
      }
      Duration sdk = Duration.ofNanos(System.nanoTime() - sdkStart);

      // the npmauth command line, one JVM for the whole release
      List<String> release = new ArrayList<>(List.of(Bench.java(), "-jar", Bench.jar("samples/target/npmauth.jar").toString(),
          "release", "--registry", registry.url()));
      cliFolders.forEach(f -> release.add(f.toString()));
      Bench.Run cli = Bench.run(work, Map.of("NPM_TOKEN", registry.adminToken()), release);
      if (cli.exitCode() != 0) {
        throw new IllegalStateException("npmauth release failed:\n" + cli.output());
      }
      rows.add(List.of("npm publish (" + count + " processes)", Bench.millis(npm), per(npm, count), "1.00"));
      rows.add(List.of("npmauth SDK (one JVM, embedded)", Bench.millis(sdk), per(sdk, count), ratio(npm, sdk)));
      rows.add(List.of("npmauth release (one process)", Bench.millis(cli.wall()), per(cli.wall(), count), ratio(npm, cli.wall())));
    }
    Bench.table("Publish " + count + " small packages (folders, packed by each client) to the fake registry, sequentially",
        List.of("client", "wall ms", "ms per package", "speed-up vs npm (npm time / this time)"), rows);
  }

  private static String per(Duration total, int count) {
    return String.format("%.1f", total.toNanos() / 1e6 / count);
  }

  private static String ratio(Duration baseline, Duration other) {
    return String.format("%.2f", (double) baseline.toNanos() / other.toNanos());
  }

  private static List<Path> folders(Path dir, String prefix, int count) throws IOException {
    List<Path> folders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path folder = Files.createDirectories(dir.resolve(prefix + i));
      Files.writeString(folder.resolve("package.json"), "{\"name\":\"" + prefix + i + "\",\"version\":\"1.0.0\","
          + "\"description\":\"benchmark package\",\"main\":\"index.js\",\"license\":\"MIT\"}\n");
      Files.writeString(folder.resolve("index.js"), "module.exports = " + i + ";\n");
      Files.writeString(folder.resolve("README.md"), "# " + prefix + i + "\n");
      folders.add(folder);
    }
    return folders;
  }

  /** A package tarball with a package.json and {@code bytes} of incompressible data. */
  private static void writeTarball(Path tgz, String name, String version, long bytes) throws IOException {
    byte[] json = ("{\"name\":\"" + name + "\",\"version\":\"" + version + "\"}").getBytes(StandardCharsets.UTF_8);
    Random random = new Random(42);
    try (OutputStream out = Files.newOutputStream(tgz);
         GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      TarArchiveEntry manifest = new TarArchiveEntry("package/package.json");
      manifest.setSize(json.length);
      tar.putArchiveEntry(manifest);
      tar.write(json);
      tar.closeArchiveEntry();
      TarArchiveEntry blob = new TarArchiveEntry("package/blob.bin");
      blob.setSize(bytes);
      tar.putArchiveEntry(blob);
      byte[] chunk = new byte[1 << 20];
      for (long left = bytes; left > 0; left -= chunk.length) {
        random.nextBytes(chunk);
        tar.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
      tar.closeArchiveEntry();
    }
  }
}
