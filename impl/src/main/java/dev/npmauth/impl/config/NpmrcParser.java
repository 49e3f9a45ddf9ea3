package dev.npmauth.impl.config;

import dev.npmauth.Environment;
import dev.npmauth.config.NpmConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of an {@code .npmrc} as npm does: {@code key = value} lines, {@code ;} and
 * {@code #} comments, quoted values, {@code key[]} lists (kept as the last value), and
 * {@code ${VAR}} / {@code ${VAR?}} expansion in keys and values ({@code \$} escapes). An unset
 * {@code ${VAR}} stays as written, as in npm; {@code ${VAR?}} becomes empty.
 */
public final class NpmrcParser {
  private static final Pattern ENV = Pattern.compile("(?<!\\\\)(\\\\*)\\$\\{([^${}?]+)(\\?)?\\}");

  private NpmrcParser() {
  }

  /**
   * Parses a file's text.
   *
   * @param text the file's content
   * @param origin the file's path, for error messages
   * @param environment the variables for {@code ${VAR}}
   * @return the keys and values, in file order
   * @throws NpmConfigException for a line that is not a setting, naming the line
   */
  public static Map<String, String> parse(String text, String origin, Environment environment) {
    Map<String, String> values = new LinkedHashMap<>();
    String section = "";
    String[] lines = text.split("\\r?\\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = unquote(line.substring(1, line.length() - 1).strip()) + ".";
        continue;
      }
      int eq = indexOfUnquotedEquals(line);
      String rawKey = eq < 0 ? line : line.substring(0, eq).strip();
      String rawValue = eq < 0 ? "true" : line.substring(eq + 1).strip();
      if (rawKey.isEmpty()) {
        throw new NpmConfigException(origin + ":" + (i + 1) + ": a setting needs a key before '='"
            + " (write key=value)");
      }
      String key = expand(unquote(rawKey), environment);
      if (key.endsWith("[]")) {
        key = key.substring(0, key.length() - 2);
      }
      values.put(section + key, expand(unquote(rawValue), environment));
    }
    return values;
  }

  private static int indexOfUnquotedEquals(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '=') {
        return i;
      }
    }
    return -1;
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && ((value.startsWith("\"") && value.endsWith("\""))
        || (value.startsWith("'") && value.endsWith("'")))) {
      String inner = value.substring(1, value.length() - 1);
      return value.startsWith("\"") ? inner.replace("\\\"", "\"").replace("\\\\", "\\") : inner;
    }
    return value;
  }

  /**
   * Expands {@code ${VAR}} and {@code ${VAR?}} as npm's env-replace does.
   *
   * @param text the text
   * @param environment the variables
   * @return the expanded text
   */
  public static String expand(String text, Environment environment) {
    Matcher matcher = ENV.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String escapes = matcher.group(1);
      String name = matcher.group(2);
      boolean optional = matcher.group(3) != null;
      String replacement;
      if (escapes.length() % 2 == 1) {
        replacement = matcher.group().substring((escapes.length() + 1) / 2);
      } else {
        String value = environment.get(name).orElse(optional ? "" : "${" + name + "}");
        replacement = escapes.substring(escapes.length() / 2) + value;
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
