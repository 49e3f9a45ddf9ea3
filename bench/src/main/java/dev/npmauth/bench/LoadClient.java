package dev.npmauth.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop load generator: N threads, each sending its next request as soon as the previous
 * one is answered, for a fixed time. The same generator is used against every server compared.
 */
final class LoadClient {
  private LoadClient() {
  }

  /** What a load run measured. */
  record Result(long requests, long errors, Duration duration) {
    double perSecond() {
      return requests / (duration.toNanos() / 1e9);
    }
  }

  /**
   * Runs the load.
   *
   * @param threads concurrent clients
   * @param duration how long
   * @param request the request for client {@code i} (called for every request)
   * @param ok whether an answer counts as success
   */
  static Result run(int threads, Duration duration, IntFunction<HttpRequest> request,
      java.util.function.Predicate<HttpResponse<byte[]>> ok) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicLong requests = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      futures.add(pool.submit(() -> {
        while (System.nanoTime() < end) {
          try {
            HttpResponse<byte[]> response = client.send(request.apply(id), HttpResponse.BodyHandlers.ofByteArray());
            if (!ok.test(response)) {
              errors.incrementAndGet();
            }
          } catch (Exception e) {
            errors.incrementAndGet();
          }
          requests.incrementAndGet();
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    pool.shutdown();
    return new Result(requests.get(), errors.get(), took);
  }

  static HttpRequest get(URI uri, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Accept", "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.GET().build();
  }
}
