package dev.npmauth.bench;

import dev.npmauth.Credential;
import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.Secret;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.credentials.PublishCredentialProvider;
import dev.npmauth.publish.PublishRequest;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Load on the standalone fake registry: N concurrent clients (default 64) for S seconds (default
 * 60) of mixed traffic — one publish of a new package in ten requests, packument GETs otherwise —
 * counting errors, with the server's heap after a full GC before, halfway and after.
 *
 * <p>Run: {@code java -jar bench/target/npmauth-bench.jar load [--clients N] [--seconds S]}.
 */
public final class LoadBench {
  private LoadBench() {
  }

  /**
   * Runs the load.
   *
   * @param args {@code --clients N}, {@code --seconds S}
   * @throws Exception if a step fails
   */
  public static void main(String[] args) throws Exception {
    int clients = Options.intOption(args, "--clients", 64);
    int seconds = Options.intOption(args, "--seconds", 60);
    Path work = Files.createTempDirectory("npmauth-load-bench");
    try (StandaloneRegistry fake = StandaloneRegistry.start(Files.createDirectories(work.resolve("registry")));
         NpmRegistryClient client = NpmRegistryClient.builder().registry(fake.url()).environment(Environment.empty())
             .npmConfig(NpmConfig.empty()).build()) {
      PublishCredentialProvider admin = PublishCredentialProvider.fixed(Credential.granular(Secret.of(fake.adminToken())));
      for (int i = 0; i < 20; i++) {
        client.publisher().publish(PublishRequest.builder(tarball(work, "seed-" + i)).credentials(admin).build());
      }
      long heapBefore = ProcessStats.heapAfterGcKb(fake.pid());
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      AtomicLong gets = new AtomicLong();
      AtomicLong publishes = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
      long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int id = c;
        futures.add(pool.submit(() -> {
          long n = 0;
          while (System.nanoTime() < end) {
            n++;
            try {
              if (n % 10 == 0) {
                Path tgz = tarball(work, "load-" + id + "-" + n);
                client.publisher().publish(PublishRequest.builder(tgz).credentials(admin).build());
                Files.deleteIfExists(tgz);
                publishes.incrementAndGet();
              } else {
                URI uri = URI.create(fake.url() + "seed-" + ThreadLocalRandom.current().nextInt(20));
                HttpResponse<byte[]> r = http.send(LoadClient.get(uri, null), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                  throw new IllegalStateException("GET " + uri + " answered " + r.statusCode());
                }
                gets.incrementAndGet();
              }
            } catch (Exception e) {
              errors.incrementAndGet();
              if (firstErrors.size() < 5) {
                firstErrors.add(e.toString());
              }
            }
          }
          return null;
        }));
      }
      Thread.sleep(Duration.ofSeconds(seconds).toMillis() / 2);
      long heapMiddle = ProcessStats.heapAfterGcKb(fake.pid());
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      long heapAfter = ProcessStats.heapAfterGcKb(fake.pid());
      // GETs keep nothing; each publish stores a package (its manifest, packument cache and
      // signature stay on the heap, the tarball goes to a file), so the heap may grow with the
      // publishes and nothing else.
      double perPublishKib = publishes.get() == 0 ? 0
          : (heapAfter - heapBefore) / (double) publishes.get();
      Bench.table("Load on the standalone fake registry: " + clients + " clients for " + seconds
              + " s, one publish in ten requests",
          List.of("GETs", "publishes", "errors", "req/s", "heap after GC before MiB", "halfway MiB", "after MiB",
              "heap growth per publish KiB", "RSS after MiB"),
          List.of(List.of(String.valueOf(gets.get()), String.valueOf(publishes.get()), String.valueOf(errors.get()),
              String.format("%.0f", (gets.get() + publishes.get()) / (double) seconds), mib(heapBefore),
              mib(heapMiddle), mib(heapAfter), String.format("%.1f", perPublishKib),
              String.valueOf(ProcessStats.rssMb(fake.pid())))));
      firstErrors.forEach(e -> System.out.println("error: " + e));
    } finally {
      Bench.deleteTree(work);
    }
  }

  private static String mib(long kib) {
    return kib < 0 ? "n/a" : String.format("%.1f", kib / 1024.0);
  }

  private static Path tarball(Path dir, String name) throws java.io.IOException {
    Path tgz = dir.resolve(name + ".tgz");
    byte[] json = ("{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"description\":\"load\"}").getBytes(StandardCharsets.UTF_8);
    byte[] index = ("module.exports = '" + name + "';\n").getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(tgz);
         GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      for (Object[] file : new Object[][] {{"package/package.json", json}, {"package/index.js", index}}) {
        TarArchiveEntry entry = new TarArchiveEntry((String) file[0]);
        entry.setSize(((byte[]) file[1]).length);
        tar.putArchiveEntry(entry);
        tar.write((byte[]) file[1]);
        tar.closeArchiveEntry();
      }
    }
    return tgz;
  }
}
