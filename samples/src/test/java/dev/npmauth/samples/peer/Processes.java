package dev.npmauth.samples.peer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs programs for peer tests with an environment built from scratch, like {@code env -i}. */
final class Processes {
  private Processes() {
  }

  /**
   * What a finished program did.
   *
   * @param exitCode its exit code
   * @param output standard output and error, interleaved
   */
  record Result(int exitCode, String output) {
  }

  /** The npm executable on PATH, if any. */
  static Optional<Path> which(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The java executable running these tests, so subprocesses use the same JDK. */
  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** The repository root. */
  static Path root() {
    String root = System.getProperty("npmauth.root");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  /**
   * Runs a program to its end.
   *
   * @param dir the working directory
   * @param environment the complete environment (nothing is inherited but PATH)
   * @param timeout how long it may take
   * @param command the program and its arguments
   * @return what it did
   */
  static Result run(Path dir, Map<String, String> environment, Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    try {
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("timed out after " + timeout + ": " + command);
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } finally {
      process.destroyForcibly();
    }
  }
}
