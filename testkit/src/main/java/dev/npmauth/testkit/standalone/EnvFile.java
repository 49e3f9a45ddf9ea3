package dev.npmauth.testkit.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes variables as a shell file of {@code export NAME='value'} lines, atomically (a temp file
 * in the same folder, then a move) and readable by the owner only, since it holds tokens.
 */
final class EnvFile {
  private static final Pattern EXPORT = Pattern.compile("^export ([A-Z_][A-Z0-9_]*)='((?:[^']|'\\\\'')*)'$");

  private EnvFile() {}

  static void write(Path file, Map<String, String> variables) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> e : variables.entrySet()) {
      text.append("export ").append(e.getKey()).append('=').append(quote(e.getValue())).append('\n');
    }
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    // Named here rather than by Files.createTempFile, whose random names load the JDK's security
    // providers (~15 ms of a start); CREATE_NEW still refuses a name that exists.
    Path temp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
        + System.nanoTime() + ".tmp");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(temp);
    }
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Waits until a runner started in this JVM has written its env file, and reads it.
   *
   * @param file the runner's {@code --env-file}
   * @param exit the runner's exit code, to stop waiting when it ends without writing the file
   * @param errors what the runner printed on its error stream, for the exception message
   * @param timeout how long to wait
   * @return each variable and its value, in the file's order
   * @throws IllegalStateException if the runner exits first or the time runs out
   */
  static Map<String, String> await(Path file, CompletableFuture<Integer> exit, Supplier<String> errors,
      Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(file)) {
      if (exit.isDone()) {
        throw new IllegalStateException("the runner exited with " + exit.join() + ": " + errors.get());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no env file after " + timeout.toSeconds() + " s: " + errors.get());
      }
      Thread.sleep(5);
    }
    return read(file);
  }

  /** The variables of an env file this class wrote, values unquoted. */
  static Map<String, String> read(Path file) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      Matcher m = EXPORT.matcher(line);
      if (m.matches()) {
        env.put(m.group(1), m.group(2).replace("'\\''", "'"));
      }
    }
    return env;
  }

  /** Single-quotes a value for POSIX shells ({@code '} becomes {@code '\''}). */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
