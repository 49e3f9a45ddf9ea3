package dev.npmauth.samples.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the README's code blocks and the source regions they must equal. A block is tied to its
 * source by the comment line before it: {@code <!-- compiled: path/to/File.java -->} (the block is
 * the file's text between {@code // README:begin} and {@code // README:end}), or {@code
 * <!-- peer-tested: TestName -->} (a peer test runs the block).
 */
public final class ReadmeBlocks {
  static final String BEGIN = "// README:begin";
  static final String END = "// README:end";
  private static final Pattern COMPILED = Pattern.compile("(?m)^<!-- compiled: (\\S+) -->$");

  private ReadmeBlocks() {
  }

  /** The repository root (the build passes it; else the parent of the module folder). */
  public static Path root() {
    String root = System.getProperty("npmauth.root");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  /** The README's text. */
  public static String readme() throws IOException {
    return Files.readString(root().resolve("README.md"));
  }

  /**
   * The content of the first fenced code block after a marker line (without the fences).
   *
   * @throws IllegalStateException if the marker or the block is missing
   */
  public static String blockAfter(String readme, String marker) {
    int at = readme.indexOf("\n" + marker + "\n");
    if (at < 0) {
      throw new IllegalStateException("README.md has no line " + marker);
    }
    int open = readme.indexOf("```", at + marker.length());
    int start = readme.indexOf('\n', open) + 1;
    int close = readme.indexOf("\n```", start - 1);
    if (open < 0 || close < 0 || readme.substring(at + marker.length() + 2, open).strip().length() > 0) {
      throw new IllegalStateException("README.md has no code block right after " + marker);
    }
    return readme.substring(start, close + 1);
  }

  /** Every {@code compiled:} marker's source path with the block after it. */
  static Map<String, String> compiledBlocks(String readme) {
    Map<String, String> blocks = new LinkedHashMap<>();
    Matcher m = COMPILED.matcher(readme);
    while (m.find()) {
      blocks.put(m.group(1), blockAfter(readme, m.group()));
    }
    return blocks;
  }

  /**
   * The text of a source file between its {@code // README:begin} and {@code // README:end}
   * lines (those lines excluded), each line ending in a newline.
   */
  static String region(Path source) throws IOException {
    List<String> lines = Files.readAllLines(source);
    int begin = lines.indexOf(BEGIN);
    int end = lines.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException(source + " has no " + BEGIN + " ... " + END + " region");
    }
    StringBuilder text = new StringBuilder();
    lines.subList(begin + 1, end).forEach(l -> text.append(l).append('\n'));
    return text.toString();
  }
}
