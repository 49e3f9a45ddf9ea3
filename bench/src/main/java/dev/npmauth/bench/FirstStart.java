package dev.npmauth.bench;

import dev.npmauth.testkit.FakeRegistry;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The first {@link FakeRegistry#start()} of a fresh JVM, as a test JVM's first registry: {@link
 * #main} runs in a JVM of its own (default JVM options, the bench's class path), starts a
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
      ping.setConnectTimeout(10_000);
      ping.setReadTimeout(10_000);
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
    Path log = Files.createTempFile("npmauth-first-start", ".log");
    try {
      for (int i = 0; i < runs; i++) {
        Process process = new ProcessBuilder(Bench.java(), "-cp", System.getProperty("java.class.path"),
            FirstStart.class.getName()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
          process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!ended || process.exitValue() != 0) {
          throw new IllegalStateException("the first-start JVM " + (ended ? "failed" : "took over 60 s") + ": "
              + output);
        }
        record(output, starts, answers);
      }
    } finally {
      Files.deleteIfExists(log);
    }
    long[] s = starts.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] a = answers.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Summary(runs, s[runs / 2] / 1000.0, s[0] / 1000.0, s[runs - 1] / 1000.0,
        a[runs / 2] / 1000.0);
  }

  private static void record(String output, List<Long> starts, List<Long> answers) {
    String line = output.lines().filter(l -> l.startsWith(PREFIX)).findFirst()
        .orElseThrow(() -> new IllegalStateException("the first-start JVM printed no time: " + output));
    String[] parts = line.substring(PREFIX.length()).trim().split(" ");
    starts.add(Long.parseLong(parts[0]));
    answers.add(Long.parseLong(parts[1]));
  }
}
