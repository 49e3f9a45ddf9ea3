package dev.npmauth.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the harnesses share: finding the repository's jars, running programs, printing tables. */
final class Bench {
  private Bench() {
  }

  /** The repository root: {@code -Dnpmauth.root}, else the working directory. */
  static Path root() {
    return Path.of(System.getProperty("npmauth.root", ".")).toAbsolutePath().normalize();
  }

  static Path jar(String relative) {
    Path jar = root().resolve(relative);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run ./mvnw -q -DskipTests package first");
    }
    return jar;
  }

  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** What a finished program did. */
  record Run(int exitCode, String output, Duration wall, long maxRssKb) {
  }

  /**
   * Runs a program to its end, with GNU time measuring its peak resident set size when available.
   */
  static Run run(Path dir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    Path timeFile = Files.createTempFile("bench-time", ".txt");
    boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
    if (gnuTime) {
      full.addAll(List.of("/usr/bin/time", "-f", "%M", "-o", timeFile.toString()));
    }
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    long start = System.nanoTime();
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    long rss = -1;
    if (gnuTime) {
      String text = Files.readString(timeFile).strip();
      String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1).strip();
      rss = last.matches("\\d+") ? Long.parseLong(last) : -1;
    }
    Files.deleteIfExists(timeFile);
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8), wall, rss);
  }

  /** Prints a table with a header row and aligned columns. */
  static void table(String title, List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    System.out.println();
    System.out.println(title);
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < header.size(); i++) {
      line.append(String.format("| %-" + widths[i] + "s ", header.get(i)));
    }
    System.out.println(line.append('|'));
    StringBuilder rule = new StringBuilder();
    for (int width : widths) {
      rule.append("|").append("-".repeat(width + 2));
    }
    System.out.println(rule.append('|'));
    for (List<String> row : rows) {
      StringBuilder r = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        r.append(String.format("| %-" + widths[i] + "s ", row.get(i)));
      }
      System.out.println(r.append('|'));
    }
  }

  static String millis(Duration d) {
    return String.valueOf(d.toMillis());
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
