package dev.npmauth.impl.pack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Builds package folders for tests from path to content. */
final class Trees {
  private Trees() {
  }

  /**
   * Writes each file (parent folders are made).
   *
   * @param root the folder to fill
   * @param files path (with {@code /}) to content
   * @return the root
   */
  static Path write(Path root, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> e : files.entrySet()) {
        Path file = root.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue());
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
