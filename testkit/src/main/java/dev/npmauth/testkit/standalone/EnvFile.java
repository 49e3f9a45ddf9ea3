package dev.npmauth.testkit.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The env file of the standalone runner ({@code --env-file}): one {@code export NAME='value'} line
 * per variable, a value's {@code '} written as {@code '\''}, so that a POSIX shell takes it with
 * {@code . FILE}. The runner writes it atomically (a temp file in the same folder, then a move),
 * readable by its owner only since it holds tokens, once the registry listens.
 *
 * <p>JVM code that runs the standalone registry as a process reads it here:
 *
 * <pre>{@code
 * Process registry = new ProcessBuilder("npmauth-fake-registry", "--port", "0", "--env-file", envFile.toString())
 *     .inheritIO().start();
 * Map<String, String> env = EnvFile.awaitWrittenBy(registry, envFile, Duration.ofSeconds(30));
 * URI url = URI.create(env.get("NPMAUTH_REGISTRY"));
 * }</pre>
 */
public final class EnvFile {
  private EnvFile() {}

  /** The line pattern, compiled on the first read: a runner that only writes its file never needs it. */
  private static final class Export {
    /** Possessive, so that a long value (an ID token) is matched in runs, not a stack frame a character. */
    static final Pattern LINE = Pattern.compile("^export ([A-Z_][A-Z0-9_]*)='((?:[^']++|'\\\\'')*+)'$");
  }

  static void write(Path file, Map<String, String> variables) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> e : variables.entrySet()) {
      text.append("export ").append(e.getKey()).append('=').append(quote(e.getValue())).append('\n');
    }
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp = createTemporaryFile(dir, "." + target.getFileName() + ".");
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
   * A new file, readable by its owner only where the file system has POSIX permissions. Named here
   * rather than by {@link Files#createTempFile}, whose random names load the JDK's security
   * providers (~15 ms of a start), and without the process id, which loads the JDK's process
   * handling; the file is made with {@code CREATE_NEW}, so a name that exists is never reused.
   */
  private static Path createTemporaryFile(Path dir, String prefix) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    for (int attempt = 0; ; attempt++) {
      Path temp = dir.resolve(prefix + System.nanoTime() + ".tmp");
      try {
        return posix
            ? Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createFile(temp);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      }
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
    return await(file, exit::isDone, () -> "the runner exited with " + exit.join() + ": " + errors.get(),
        () -> "no env file after " + timeout.toSeconds() + " s: " + errors.get(), timeout);
  }

  /**
   * Waits until a standalone registry started as {@code process} has written its env file, and
   * reads it. Delete a previous run's file before starting the process: an existing file is read
   * at once.
   *
   * @param process the registry's process ({@code npmauth-fake-registry} or {@code java -jar
   *     npmauth-testkit-standalone.jar}), to stop waiting when it exits
   * @param file the {@code --env-file} it was given
   * @param timeout how long to wait; a first start through the launcher makes its JVM cache, which
   *     takes a few seconds
   * @return each variable and its value, in the file's order
   * @throws IllegalStateException if the process exits before writing the file (its exit code in
   *     the message; the reason is on its error stream), or the file is not written in time
   * @throws IOException if the file cannot be read or is not an env file (see {@link #read})
   * @throws InterruptedException if interrupted while waiting
   */
  public static Map<String, String> awaitWrittenBy(Process process, Path file, Duration timeout)
      throws IOException, InterruptedException {
    return await(file, () -> !process.isAlive(),
        () -> "the standalone registry exited with " + process.exitValue() + " before writing " + file,
        () -> "the standalone registry did not write " + file + " in " + timeout.toSeconds() + " s", timeout);
  }

  private static Map<String, String> await(Path file, BooleanSupplier ended, Supplier<String> endedMessage,
      Supplier<String> timeoutMessage, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(file)) {
      if (ended.getAsBoolean() && !Files.exists(file)) {
        throw new IllegalStateException(endedMessage.get());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(timeoutMessage.get());
      }
      Thread.sleep(2);
    }
    return read(file);
  }

  /**
   * Reads an env file the standalone runner wrote.
   *
   * @param file the runner's {@code --env-file}
   * @return each variable and its value (unquoted), in the file's order
   * @throws IOException if the file cannot be read, or a line is not {@code export NAME='value'}
   *     (the message names the line by number only: the file holds tokens)
   */
  public static Map<String, String> read(Path file) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    int number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      Matcher m = Export.LINE.matcher(line);
      if (!m.matches()) {
        throw new IOException("line " + number + " of " + file + " is not of the form export NAME='value'"
            + " (NAME in capitals, digits and _; a ' in the value written as '\\'')");
      }
      env.put(m.group(1), m.group(2).replace("'\\''", "'"));
    }
    return env;
  }

  /** Single-quotes a value for POSIX shells ({@code '} becomes {@code '\''}). */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
