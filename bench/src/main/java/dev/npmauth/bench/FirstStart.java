package dev.npmauth.bench;

import dev.npmauth.testkit.FakeRegistry;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The first {@link FakeRegistry#start()} of a fresh JVM, as a test JVM's first registry: {@link
 * #main} runs in a JVM of its own (the bench's JVM options, the bench jar as class path), starts a
 * registry, asks it {@code GET /-/ping}, and prints both times; {@link #measure} runs it several
 * times and sums the runs up.
 */
final class FirstStart {
  private static final String PREFIX = "first-start-ms ";

  private FirstStart() {
  }

  /**
   * Starts one registry, pings it, and prints {@code first-start-ms <start> <start to first answer>}.
   *
   * @param args ignored
   * @throws IOException if the ping fails
   */
  public static void main(String[] args) throws IOException {
    long t0 = System.nanoTime();
    try (FakeRegistry registry = FakeRegistry.start()) {
      long started = System.nanoTime();
      HttpURLConnection ping = (HttpURLConnection) registry.url().resolve("-/ping").toURL().openConnection();
      int status = ping.getResponseCode();
      long answered = System.nanoTime();
      if (status != 200) {
        throw new IOException("GET /-/ping answered " + status);
      }
      System.out.println(PREFIX + (started - t0) / 1_000 + " " + (answered - t0) / 1_000);
    }
  }

  /** Medians, minimums and maximums over {@code runs} fresh JVMs, in ms. */
  record Summary(int runs, double startMedian, double startMin, double startMax, double answerMedian) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "start median %.1f ms (min %.1f, max %.1f), start to first answer median"
          + " %.1f ms, over %d fresh JVMs", startMedian, startMin, startMax, answerMedian, runs);
    }
  }

  static Summary measure(int runs) throws IOException, InterruptedException {
    List<Long> starts = new ArrayList<>();
    List<Long> answers = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Process process = new ProcessBuilder(Bench.java(), "-cp", System.getProperty("java.class.path"),
          FirstStart.class.getName()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("the first-start JVM failed: " + output);
      }
      String line = output.lines().filter(l -> l.startsWith(PREFIX)).findFirst()
          .orElseThrow(() -> new IllegalStateException("the first-start JVM printed no time: " + output));
      String[] parts = line.substring(PREFIX.length()).trim().split(" ");
      starts.add(Long.parseLong(parts[0]));
      answers.add(Long.parseLong(parts[1]));
    }
    long[] s = starts.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] a = answers.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Summary(runs, s[runs / 2] / 1000.0, s[0] / 1000.0, s[runs - 1] / 1000.0,
        a[runs / 2] / 1000.0);
  }
}
