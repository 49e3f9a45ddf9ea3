package dev.npmauth.testkit.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Writes variables as a shell file of {@code export NAME='value'} lines, atomically (a temp file
 * in the same folder, then a move) and readable by the owner only, since it holds tokens.
 */
final class EnvFile {
  private EnvFile() {}

  static void write(Path file, Map<String, String> variables) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> e : variables.entrySet()) {
      text.append("export ").append(e.getKey()).append('=').append(quote(e.getValue())).append('\n');
    }
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp =
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
            ? Files.createTempFile(
                dir,
                "." + target.getFileName() + ".",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
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

  /** Single-quotes a value for POSIX shells ({@code '} becomes {@code '\''}). */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
