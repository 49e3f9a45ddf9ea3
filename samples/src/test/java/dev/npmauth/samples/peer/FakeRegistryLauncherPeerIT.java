package dev.npmauth.samples.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code testkit/bin/npmauth-fake-registry}, the standalone fake's launcher: its first run for a jar
 * and a JDK makes a JVM cache (an AOT cache on Java 25+, a CDS archive before), later runs start
 * from it, a changed jar gets a new one, and what it cannot do it says. Checked on the JDK running
 * the tests (CI runs them on 17 and 25). The JVM's class-loading log shows whether the registry's
 * classes came from the cache ("shared objects file").
 */
@Tag("peer")
class FakeRegistryLauncherPeerIT {
  private static final String MAIN_FROM_CACHE =
      "dev.npmauth.testkit.standalone.FakeRegistryMain source: shared objects file";

  @TempDir
  Path work;
  private Path jar;
  private Path cacheDir;
  private Path classLog;

  @BeforeEach
  void setUp() throws IOException {
    Path built = Processes.root().resolve("testkit/target/npmauth-testkit-standalone.jar");
    assertThat(built).as("build the testkit module first (./mvnw verify builds it)").isRegularFile();
    // a copy, so that this test can change its timestamp without disturbing other tests
    jar = Files.copy(built, work.resolve("npmauth-testkit-standalone.jar"), StandardCopyOption.COPY_ATTRIBUTES);
    cacheDir = work.resolve("cache");
    classLog = work.resolve("classes.log");
  }

  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(StandaloneFakeRegistry.launcherEnvironment(jar));
    env.put("NPMAUTH_CACHE_DIR", cacheDir.toString());
    // the launcher's own options plus the JVM's class-loading log (same options every run: one cache)
    env.put("NPMAUTH_FAKE_REGISTRY_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"
        + " -Xlog:class+load=info:file=" + classLog);
    return env;
  }

  private List<Path> caches() throws IOException {
    if (!Files.isDirectory(cacheDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cacheDir)) {
      // the launcher's index of caches and their stamps are not caches
      return files.filter(f -> !f.getFileName().toString().endsWith(".index")
          && !f.getFileName().toString().endsWith(".stamp")).sorted().toList();
    }
  }

  private static void assertAnswers(StandaloneFakeRegistry registry) throws Exception {
    HttpResponse<String> ping = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
        HttpRequest.newBuilder(URI.create(registry.registry() + "-/ping")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(ping.statusCode()).isEqualTo(200);
  }

  @Test
  void theFirstRunMakesTheCacheAndLaterRunsStartFromIt() throws Exception {
    try (StandaloneFakeRegistry registry = StandaloneFakeRegistry.start(work, environment(), "--quiet")) {
      assertAnswers(registry);
    }
    List<Path> caches = caches();
    assertThat(caches).hasSize(1);
    int feature = Runtime.version().feature();
    assertThat(caches.get(0).getFileName().toString())
        .startsWith("fake-registry-" + feature + "-")
        .endsWith(feature >= 25 ? ".aot" : ".jsa");
    assertThat(Files.readString(classLog)).as("the first run, after making the cache, starts from it")
        .contains(MAIN_FROM_CACHE);
    FileTime made = Files.getLastModifiedTime(caches.get(0));

    Files.delete(classLog);
    // A later run finds its cache without running any program but java (no stat, no cksum: each
    // would cost a millisecond or two of the start), so it starts from it with no PATH at all.
    Map<String, String> noPath = environment();
    noPath.put("PATH", Files.createDirectory(work.resolve("empty-path")).toString());
    try (StandaloneFakeRegistry registry = StandaloneFakeRegistry.start(work, noPath, "--quiet")) {
      assertAnswers(registry);
    }
    assertThat(caches()).containsExactlyElementsOf(caches);
    assertThat(Files.getLastModifiedTime(caches.get(0))).as("not made again").isEqualTo(made);
    assertThat(Files.readString(classLog)).contains(MAIN_FROM_CACHE);
  }

  @Test
  void aChangedJarGetsItsOwnCacheAndMonthOldCachesGo() throws Exception {
    try (StandaloneFakeRegistry registry = StandaloneFakeRegistry.start(work, environment(), "--quiet")) {
      assertAnswers(registry);
    }
    List<Path> first = caches();
    assertThat(first).hasSize(1);
    FileTime monthsAgo = FileTime.fromMillis(System.currentTimeMillis() - 40L * 86_400_000L);
    Path stale = Files.setLastModifiedTime(Files.createFile(cacheDir.resolve("fake-registry-21-1.jsa")), monthsAgo);
    Path notACache = Files.setLastModifiedTime(Files.createFile(cacheDir.resolve("notes.txt")), monthsAgo);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 86_400_000L));

    Files.delete(classLog);
    try (StandaloneFakeRegistry registry = StandaloneFakeRegistry.start(work, environment(), "--quiet")) {
      assertAnswers(registry);
    }
    assertThat(caches()).hasSize(3).contains(first.get(0), notACache).doesNotContain(stale);
    assertThat(Files.readString(classLog)).contains(MAIN_FROM_CACHE);

    // A jar older than the one the last cache was made for (an earlier build put back, a restored
    // copy) is changed too.
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 3 * 86_400_000L));
    Files.delete(classLog);
    try (StandaloneFakeRegistry registry = StandaloneFakeRegistry.start(work, environment(), "--quiet")) {
      assertAnswers(registry);
    }
    assertThat(caches()).hasSize(4);
    assertThat(Files.readString(classLog)).contains(MAIN_FROM_CACHE);
  }

  @Test
  void withTheCacheOffItMakesNoneAndStillServes() throws Exception {
    Map<String, String> env = environment();
    env.put("NPMAUTH_JVM_CACHE", "off");
    try (StandaloneFakeRegistry registry = StandaloneFakeRegistry.start(work, env, "--quiet")) {
      assertAnswers(registry);
    }
    assertThat(caches()).isEmpty();
    assertThat(Files.readString(classLog)).doesNotContain(MAIN_FROM_CACHE);
  }

  @Test
  void badOptionsAndAMissingJavaOrJarExitTwoSayingWhatIsWrong() throws Exception {
    String launcher = StandaloneFakeRegistry.launcher().toString();
    Processes.Result badOption = Processes.run(work, environment(), Duration.ofSeconds(60),
        List.of(launcher, "--port", "http", "--env-file", work.resolve("x.env").toString()));
    assertThat(badOption.exitCode()).as(badOption.output()).isEqualTo(2);
    assertThat(badOption.output()).contains("--port", "'http' is not a port number");

    Map<String, String> noJava = environment();
    noJava.put("JAVA_HOME", work.resolve("no-such-jdk").toString());
    Processes.Result missingJava = Processes.run(work, noJava, Duration.ofSeconds(60), List.of(launcher, "--help"));
    assertThat(missingJava.exitCode()).isEqualTo(2);
    assertThat(missingJava.output()).contains("no java found", "JAVA_HOME");

    Map<String, String> noJar = environment();
    noJar.put("NPMAUTH_TESTKIT_JAR", work.resolve("missing.jar").toString());
    Processes.Result missingJar = Processes.run(work, noJar, Duration.ofSeconds(60), List.of(launcher, "--help"));
    assertThat(missingJar.exitCode()).isEqualTo(2);
    assertThat(missingJar.output()).contains("cannot find npmauth-testkit-standalone.jar", "NPMAUTH_TESTKIT_JAR");
    assertThat(work.resolve("x.env")).doesNotExist();
  }
}
