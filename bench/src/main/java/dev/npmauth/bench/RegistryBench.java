package dev.npmauth.bench;

import dev.npmauth.Credential;
import dev.npmauth.bench.StandaloneRegistry.Launch;
import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.Secret;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.credentials.PublishCredentialProvider;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.session.TwoFactor;
import dev.npmauth.testkit.FakeRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fake registry beside Verdaccio (pinned in .ci/tools), in the same run, on loopback:
 * time from process start to the first answer, 50 sequential publishes, packument GET throughput
 * with the same load generators and concurrency (wrk when it is installed, which leaves the CPU to
 * the server, and a JVM closed loop), and each server's RSS after the load. Also the in-process
 * start time of {@link FakeRegistry}: the first start in this JVM, and in fresh JVMs ({@link
 * FirstStart}). The fake runs with {@code --quiet}, as Verdaccio runs with
 * its log level at {@code error}, started by {@code testkit/bin/npmauth-fake-registry}; its start is
 * also measured by {@code java -jar}, and on the launcher's first run (which makes the JVM cache).
 * Beside them, for reference: {@link BareJdkServer}, the JDK's HTTP server (which the fake was built
 * on before it moved to HttpCore) answering {@code {}} and nothing else, started like the fake by
 * the launcher.
 *
 * <p>Run: {@code java -jar bench/target/npmauth-bench.jar registry [--threads N] [--seconds S]}.
 */
public final class RegistryBench {
  private RegistryBench() {
  }

  /**
   * Runs the comparison.
   *
   * @param args {@code --threads N} (default 16), {@code --seconds S} (default 15)
   * @throws Exception if a step fails
   */
  public static void main(String[] args) throws Exception {
    int threads = Options.intOption(args, "--threads", 16);
    int seconds = Options.intOption(args, "--seconds", 15);
    Path work = Files.createTempDirectory("npmauth-registry-bench");
    List<List<String>> rows = new ArrayList<>();
    try {
      long[] inProcess = new long[21];
      for (int i = 0; i < inProcess.length; i++) {
        long t = System.nanoTime();
        FakeRegistry.start().close();
        inProcess[i] = (System.nanoTime() - t) / 1000;
      }
      long first = inProcess[0];
      Arrays.sort(inProcess);
      System.out.printf("in-process FakeRegistry.start(): first (cold JVM) %.1f ms, median %.1f ms,"
          + " min %.1f ms (21 starts)%n", first / 1000.0, inProcess[10] / 1000.0,
          inProcess[0] / 1000.0);
      System.out.println("in-process, the first FakeRegistry.start() of a fresh JVM (default options): "
          + FirstStart.measure(FIRST_START_RUNS));

      // The bench's own HTTP client is used once before timing, so its first-use cost is no one's.
      try (FakeRegistry warm = FakeRegistry.start()) {
        VerdaccioProcess.answers(warm.url().resolve("-/ping"));
      }
      Path fakeWork = Files.createDirectories(work.resolve("fake"));
      Path cache = work.resolve("jvm-cache");
      long firstStart;
      try (StandaloneRegistry fake = StandaloneRegistry.start(fakeWork, Launch.LAUNCHER, cache, "--quiet")) {
        firstStart = fake.startMillis; // includes the training run that makes the JVM cache
      }
      boolean verdaccio = VerdaccioProcess.installed();
      long[] launcherStarts = new long[STARTS];
      long[] javaJarStarts = new long[STARTS];
      long[] verdaccioStarts = new long[STARTS];
      long[] bareStarts = new long[STARTS];
      // its first start makes its JVM cache, as the fake's first run made the fake's; not timed
      StandaloneRegistry.start(fakeWork, Launch.BARE_JDK_SERVER, cache).close();
      for (int i = 0; i < STARTS; i++) { // interleaved, so a noisy moment hits all of them alike
        try (StandaloneRegistry fake = StandaloneRegistry.start(fakeWork, Launch.LAUNCHER, cache, "--quiet")) {
          launcherStarts[i] = fake.startMillis;
        }
        try (StandaloneRegistry fake = StandaloneRegistry.start(fakeWork, Launch.JAVA_JAR, cache, "--quiet")) {
          javaJarStarts[i] = fake.startMillis;
        }
        try (StandaloneRegistry bare = StandaloneRegistry.start(fakeWork, Launch.BARE_JDK_SERVER, cache)) {
          bareStarts[i] = bare.startMillis;
        }
        if (verdaccio) {
          Path home = Files.createDirectories(work.resolve("verdaccio-start-" + i));
          try (VerdaccioProcess process = VerdaccioProcess.start(home, "bench", "bench-password")) {
            verdaccioStarts[i] = process.startMillis;
          }
        }
      }
      List<List<String>> startRows = new ArrayList<>();
      startRows.add(startRow("npmauth-fake-registry (launcher, JVM cache)", launcherStarts));
      startRows.add(startRow("java -jar npmauth-testkit-standalone.jar", javaJarStarts));
      startRows.add(List.of("npmauth-fake-registry, first run (makes the cache)", String.valueOf(firstStart), "",
          "", ""));
      startRows.add(startRow("reference: the JDK's HTTP server answering {} (launcher's JVM options and cache)",
          bareStarts));
      if (verdaccio) {
        startRows.add(startRow("Verdaccio 6 (node 22)", verdaccioStarts));
      }
      Bench.table("Process start to first answer (GET /-/ping), ms; " + STARTS + " starts each, interleaved; "
              + Runtime.version().feature() + " is the JDK",
          List.of("server", "median", "min", "max", "vs Verdaccio (median)"),
          verdaccio ? withRatios(startRows, median(verdaccioStarts)) : startRows);

      try (StandaloneRegistry fake = StandaloneRegistry.start(fakeWork, Launch.LAUNCHER, cache, "--quiet")) {
        rows.add(measure("npmauth fake registry (launcher)", URI.create(fake.url()),
            Credential.granular(Secret.of(fake.adminToken())), fake.pid(), median(launcherStarts),
            work.resolve("fake-pkgs"), threads, seconds));
      }
      if (!verdaccio) {
        rows.add(List.of("Verdaccio", "not installed: npm install --prefix .ci/tools", "", "", "", "",
            ""));
      } else {
        try (VerdaccioProcess process = VerdaccioProcess.start(work, "bench", "bench-password")) {
          Credential token;
          try (NpmRegistryClient client = client(process.url)) {
            token = client.sessions().legacyLogin("bench", Secret.of("bench-password"), TwoFactor.none());
          }
          rows.add(measure("Verdaccio 6 (node 22)", process.url, token, process.process.pid(),
              median(verdaccioStarts), work.resolve("verdaccio-pkgs"), threads, seconds));
        }
      }
    } finally {
      Bench.deleteTree(work);
    }
    Bench.table("Fake registry vs Verdaccio, loopback, same load generators (" + threads
            + " concurrent GET connections for " + seconds + " s; wrk " + (WRK.isPresent()
            ? "with 2 threads" : "not installed (apt-get install wrk)") + "; start: median of "
            + STARTS + ")",
        List.of("server", "process start to first answer ms", "50 sequential publishes ms (after 50 to warm up)",
            "packument GETs/s (wrk)", "packument GETs/s (JVM client)", "GET errors",
            "RSS after load MiB"), rows);
    if (rows.size() == 2 && !rows.get(1).get(1).startsWith("not")) {
      double startRatio = Double.parseDouble(rows.get(1).get(1)) / Double.parseDouble(rows.get(0).get(1));
      double publishRatio = Double.parseDouble(rows.get(1).get(2)) / Double.parseDouble(rows.get(0).get(2));
      double jvmGetRatio = Double.parseDouble(rows.get(0).get(4)) / Double.parseDouble(rows.get(1).get(4));
      String wrkGetRatio = WRK.isPresent() ? String.format("%.2fx",
          Double.parseDouble(rows.get(0).get(3)) / Double.parseDouble(rows.get(1).get(3))) : "n/a";
      System.out.printf("%nratios (fake vs Verdaccio): start %.2fx faster (goal 10x), GET throughput %s"
              + " with wrk, %.2fx with the JVM client (goal 5x), publishes %.2fx faster%n",
          startRatio, wrkGetRatio, jvmGetRatio, publishRatio);
    }
  }

  private static NpmRegistryClient client(URI registry) {
    return NpmRegistryClient.builder().registry(registry.toString()).environment(Environment.empty())
        .npmConfig(NpmConfig.empty()).build();
  }

  private static List<String> measure(String name, URI registry, Credential credential, long pid, long startMillis,
      Path packages, int threads, int seconds) throws Exception {
    Files.createDirectories(packages);
    long publishStart = 0;
    try (NpmRegistryClient client = client(registry)) {
      PublishCredentialProvider fixed = PublishCredentialProvider.fixed(credential);
      // round 0 warms server and client up (other package names); round 1 is measured
      for (String prefix : List.of("warm-pkg-", "bench-pkg-")) {
        publishStart = System.nanoTime();
        for (int i = 0; i < 50; i++) {
          Path folder = Files.createDirectories(packages.resolve(prefix + i));
          Files.writeString(folder.resolve("package.json"), "{\"name\":\"" + prefix + i
              + "\",\"version\":\"1.0.0\",\"description\":\"benchmark\",\"main\":\"index.js\","
              + "\"dependencies\":{\"left-pad\":\"^1.0.0\"}}\n");
          Files.writeString(folder.resolve("index.js"), "module.exports = " + i + ";\n");
          client.publisher().publish(PublishRequest.builder(folder).credentials(fixed).build());
        }
      }
    }
    long publishMillis = (System.nanoTime() - publishStart) / 1_000_000;
    // warm up, then measure
    String token = credential.secret().reveal();
    LoadClient.run(threads, Duration.ofSeconds(3), i -> LoadClient.get(registry.resolve("bench-pkg-" + (i % 50)), token),
        r -> r.statusCode() == 200);
    LoadClient.Result load = LoadClient.run(threads, Duration.ofSeconds(seconds),
        i -> LoadClient.get(registry.resolve("bench-pkg-" + (i % 50)), token), r -> r.statusCode() == 200);
    String wrkRate = "n/a";
    long errors = load.errors();
    if (WRK.isPresent()) {
      List<String> paths = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        paths.add("/bench-pkg-" + i);
      }
      Wrk.Result r = Wrk.get(WRK.get(), registry, paths, java.util.Map.of("Authorization",
          "Bearer " + token, "Accept", ABBREVIATED_ACCEPT), 2, threads, seconds);
      wrkRate = String.format("%.0f", r.perSecond());
      errors += r.errors();
    }
    return List.of(name, String.valueOf(startMillis), String.valueOf(publishMillis), wrkRate,
        String.format("%.0f", load.perSecond()), String.valueOf(errors),
        String.valueOf(ProcessStats.rssMb(pid)));
  }

  private static final int STARTS = 11;
  private static final int FIRST_START_RUNS = 21;
  private static final java.util.Optional<Path> WRK = Wrk.find();
  private static final String ABBREVIATED_ACCEPT =
      "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";

  private static List<String> startRow(String name, long[] starts) {
    long[] sorted = starts.clone();
    Arrays.sort(sorted);
    return List.of(name, String.valueOf(median(starts)), String.valueOf(sorted[0]),
        String.valueOf(sorted[sorted.length - 1]), "");
  }

  private static List<List<String>> withRatios(List<List<String>> rows, long verdaccioMedian) {
    List<List<String>> result = new ArrayList<>();
    for (List<String> row : rows) {
      List<String> copy = new ArrayList<>(row);
      if (!row.get(0).startsWith("Verdaccio")) {
        copy.set(4, String.format("%.1fx faster", verdaccioMedian / Double.parseDouble(row.get(1))));
      }
      result.add(copy);
    }
    return result;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
