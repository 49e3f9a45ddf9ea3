package dev.npmauth.impl.config;

import dev.npmauth.config.NpmConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Changes one top-level key of an {@code .npmrc} (such as {@code //host/path/:_authToken}) and
 * leaves every other line, comment, blank line, section and line ending as it was. The file is
 * written atomically (a temporary file in the same folder, then a move), keeps its permissions,
 * and is created readable and writable by its owner only. A symbolic link is followed: the file
 * it points to is changed.
 */
public final class NpmrcWriter {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private NpmrcWriter() {
  }

  /**
   * Sets a key: its first top-level line is replaced, later top-level lines for the same key are
   * removed (they would win over it), and a missing key is added after the last top-level line.
   *
   * @param file the {@code .npmrc}; created when missing
   * @param key for example {@code //registry.npmjs.org/:_authToken}
   * @param value the value (quoted when it holds {@code ;}, {@code #}, quotes or surrounding space)
   * @throws NpmConfigException when the file cannot be read or written
   */
  public static void set(Path file, String key, String value) {
    Path target = resolve(file);
    write(target, set(read(target), key, value));
  }

  /**
   * Removes every top-level line of a key.
   *
   * @param file the {@code .npmrc}
   * @param key the key
   * @return true when a line was removed (the file is only written then)
   * @throws NpmConfigException when the file cannot be read or written
   */
  public static boolean remove(Path file, String key) {
    Path target = resolve(file);
    String text = read(target);
    String changed = remove(text, key);
    if (changed.equals(text)) {
      return false;
    }
    write(target, changed);
    return true;
  }

  /**
   * The text with the key set (see {@link #set(Path, String, String)}).
   *
   * @param text the file's text, possibly empty
   * @param key the key
   * @param value the value
   * @return the new text
   */
  static String set(String text, String key, String value) {
    String newline = text.contains("\r\n") ? "\r\n" : "\n";
    List<String> lines = split(text);
    String line = key + "=" + quote(value);
    boolean replaced = false;
    int lastTopLevel = -1;
    List<String> out = new ArrayList<>();
    boolean inSection = false;
    for (String l : lines) {
      String trimmed = l.strip();
      if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
        inSection = true;
      }
      if (!inSection && keyOf(trimmed).map(key::equals).orElse(false)) {
        if (!replaced) {
          out.add(line);
          replaced = true;
          lastTopLevel = out.size() - 1;
        }
        continue;
      }
      out.add(l);
      if (!inSection && !trimmed.isEmpty()) {
        lastTopLevel = out.size() - 1;
      }
    }
    if (!replaced) {
      out.add(lastTopLevel + 1, line);
    }
    return String.join(newline, out) + newline;
  }

  /**
   * The text without the key's top-level lines.
   *
   * @param text the file's text
   * @param key the key
   * @return the new text (the same text when the key is absent)
   */
  static String remove(String text, String key) {
    String newline = text.contains("\r\n") ? "\r\n" : "\n";
    List<String> out = new ArrayList<>();
    boolean inSection = false;
    boolean removed = false;
    for (String l : split(text)) {
      String trimmed = l.strip();
      if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
        inSection = true;
      }
      if (!inSection && keyOf(trimmed).map(key::equals).orElse(false)) {
        removed = true;
        continue;
      }
      out.add(l);
    }
    if (!removed) {
      return text;
    }
    return out.isEmpty() ? "" : String.join(newline, out) + newline;
  }

  /** The lines of a text, without the empty piece after a final newline. */
  private static List<String> split(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\\r?\\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** The key of a setting line as npm reads it (quotes removed, {@code []} dropped), if it is one. */
  private static java.util.Optional<String> keyOf(String trimmed) {
    if (trimmed.isEmpty() || trimmed.startsWith(";") || trimmed.startsWith("#") || trimmed.startsWith("[")) {
      return java.util.Optional.empty();
    }
    int eq = trimmed.indexOf('=');
    String key = (eq < 0 ? trimmed : trimmed.substring(0, eq)).strip();
    if (key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"") || key.startsWith("'") && key.endsWith("'"))) {
      key = key.substring(1, key.length() - 1);
    }
    if (key.endsWith("[]")) {
      key = key.substring(0, key.length() - 2);
    }
    return java.util.Optional.of(key);
  }

  private static String quote(String value) {
    boolean plain = !value.isEmpty() && value.equals(value.strip())
        && value.chars().noneMatch(c -> c == ';' || c == '#' || c == '"' || c == '\'' || c == '\n' || c == '\r');
    if (plain) {
      return value;
    }
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static Path resolve(Path file) {
    Path absolute = file.toAbsolutePath();
    try {
      return Files.isSymbolicLink(absolute) ? absolute.toRealPath() : absolute;
    } catch (IOException e) {
      throw new NpmConfigException("cannot follow the link " + absolute + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new NpmConfigException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, String text) {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try {
      Path dir = file.getParent();
      Files.createDirectories(dir);
      Set<PosixFilePermission> permissions = OWNER_ONLY;
      if (posix && Files.exists(file)) {
        permissions = Files.getPosixFilePermissions(file);
      }
      Path temp = posix
          ? Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
              PosixFilePermissions.asFileAttribute(OWNER_ONLY))
          : Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
      try {
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        if (posix) {
          Files.setPosixFilePermissions(temp, permissions);
        }
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new NpmConfigException("cannot write " + file + ": " + e.getMessage()
          + " (check that its folder exists and is writable)", e);
    }
  }
}
