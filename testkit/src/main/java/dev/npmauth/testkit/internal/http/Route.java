package dev.npmauth.testkit.internal.http;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * One endpoint: a method, a regex over the raw path (named groups are read with {@link
 * Request#pathGroup}), and the handler.
 *
 * <p>Internal to the testkit; not API.
 */
public record Route(String method, Pattern path, Handler handler) {
  /** Characters that end a regex's literal start. */
  private static final String REGEX_SYNTAX = "\\.[]{}()*+?^$|";

  /** Handles one request whose path matched. */
  @FunctionalInterface
  public interface Handler {
    Response handle(Request request) throws IOException;
  }

  /** A route for {@code method} ({@code *} for any) and the full-match regex {@code pathRegex}. */
  public static Route of(String method, String pathRegex, Handler handler) {
    return new Route(method, Pattern.compile(pathRegex), handler);
  }

  /**
   * The text every path this route matches starts with: its regex up to the first character of
   * regex syntax. {@code "/-/npm/v1/tokens/token/(?<id>[^/]+)"} gives {@code
   * "/-/npm/v1/tokens/token/"}, {@code "/-/.*"} gives {@code "/-/"}; a regex with an alternative at
   * its top level ({@code "/a|/b"}) or with flags gives {@code ""}, which every path starts with.
   */
  public String literalPrefix() {
    String regex = path.pattern();
    if (path.flags() != 0 || hasTopLevelAlternative(regex)) {
      return "";
    }
    int end = 0;
    while (end < regex.length() && REGEX_SYNTAX.indexOf(regex.charAt(end)) < 0) {
      end++;
    }
    // a quantifier applies to the character before it, which is then not certain to be there
    if (end < regex.length() && end > 0 && "*?{".indexOf(regex.charAt(end)) >= 0) {
      end--;
    }
    return regex.substring(0, end);
  }

  /** Whether {@code regex} has a {@code |} outside every group, character class and quote. */
  private static boolean hasTopLevelAlternative(String regex) {
    int groups = 0;
    int classes = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        if (i + 1 < regex.length() && regex.charAt(i + 1) == 'Q') { // quoted up to \E
          int quoteEnd = regex.indexOf("\\E", i + 2);
          i = quoteEnd < 0 ? regex.length() : quoteEnd + 1;
        } else {
          i++;
        }
      } else if (c == '[') {
        classes++;
      } else if (c == ']' && classes > 0) {
        classes--;
      } else if (classes == 0 && c == '(') {
        groups++;
      } else if (classes == 0 && c == ')') {
        groups--;
      } else if (classes == 0 && groups == 0 && c == '|') {
        return true;
      }
    }
    return false;
  }
}
