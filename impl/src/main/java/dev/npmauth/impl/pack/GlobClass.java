package dev.npmauth.impl.pack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A glob character class ({@code [a-z]}, {@code [!~$]}, {@code [[:alpha:]]}) turned into a Java
 * regular expression class, as minimatch 10 turns it into a JavaScript one.
 */
final class GlobClass {

  /**
   * The result of parsing a class.
   *
   * @param source the regular expression source; {@code (?!)} for a class that can match nothing
   * @param unicode whether the source uses Unicode properties
   * @param consumed how many pattern characters the class took; 0 when it is not a class (the
   *     {@code [} is then a literal)
   * @param magic whether the class is more than one literal character
   */
  record Parsed(String source, boolean unicode, int consumed, boolean magic) {
  }

  /** A class that matches nothing (minimatch writes {@code $.}). */
  static final String NOTHING = "(?!)";

  private record Posix(String ranges, boolean unicode, boolean negated) {
  }

  private static final Map<String, Posix> POSIX = new LinkedHashMap<>();

  static {
    POSIX.put("[:alnum:]", new Posix("\\p{L}\\p{Nl}\\p{Nd}", true, false));
    POSIX.put("[:alpha:]", new Posix("\\p{L}\\p{Nl}", true, false));
    POSIX.put("[:ascii:]", new Posix("\\x00-\\x7f", false, false));
    POSIX.put("[:blank:]", new Posix("\\p{Zs}\\t", true, false));
    POSIX.put("[:cntrl:]", new Posix("\\p{Cc}", true, false));
    POSIX.put("[:digit:]", new Posix("\\p{Nd}", true, false));
    POSIX.put("[:graph:]", new Posix("\\p{Z}\\p{C}", true, true));
    POSIX.put("[:lower:]", new Posix("\\p{Ll}", true, false));
    // minimatch maps [:print:] to \p{C}; kept as it is, since npm matches with it
    POSIX.put("[:print:]", new Posix("\\p{C}", true, false));
    POSIX.put("[:punct:]", new Posix("\\p{P}", true, false));
    // JavaScript's \v is the vertical tab; Java's \v is a class of vertical white space
    POSIX.put("[:space:]", new Posix("\\p{Z}\\t\\r\\n\\x0B\\f", true, false));
    POSIX.put("[:upper:]", new Posix("\\p{Lu}", true, false));
    POSIX.put("[:word:]", new Posix("\\p{L}\\p{Nl}\\p{Nd}\\p{Pc}", true, false));
    POSIX.put("[:xdigit:]", new Posix("A-Fa-f0-9", false, false));
  }

  private GlobClass() {
  }

  /**
   * Escapes a character for use inside a Java class: minimatch escapes {@code [ ] \ -}; Java also
   * needs {@code &} escaped, since {@code &&} is intersection there.
   */
  private static String classEscape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[' || c == ']' || c == '\\' || c == '-' || c == '&') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Parses the class starting at {@code position}, which must be a {@code [}.
   *
   * @param glob the path portion
   * @param position where the {@code [} is
   * @return the class
   */
  static Parsed parse(String glob, int position) {
    List<String> ranges = new ArrayList<>();
    List<String> negs = new ArrayList<>();
    int i = position + 1;
    boolean sawStart = false;
    boolean unicode = false;
    boolean escaping = false;
    boolean negate = false;
    int endPos = position;
    String rangeStart = "";
    outer:
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if ((c == '!' || c == '^') && i == position + 1) {
        negate = true;
        i++;
        continue;
      }
      if (c == ']' && sawStart && !escaping) {
        endPos = i + 1;
        break;
      }
      sawStart = true;
      if (c == '\\') {
        if (!escaping) {
          escaping = true;
          i++;
          continue;
        }
      }
      if (c == '[' && !escaping) {
        for (Map.Entry<String, Posix> cls : POSIX.entrySet()) {
          if (glob.startsWith(cls.getKey(), i)) {
            if (!rangeStart.isEmpty()) {
              return new Parsed(NOTHING, false, glob.length() - position, true);
            }
            i += cls.getKey().length();
            if (cls.getValue().negated()) {
              negs.add(cls.getValue().ranges());
            } else {
              ranges.add(cls.getValue().ranges());
            }
            unicode = unicode || cls.getValue().unicode();
            continue outer;
          }
        }
      }
      escaping = false;
      if (!rangeStart.isEmpty()) {
        String cs = String.valueOf(c);
        if (c > rangeStart.charAt(0)) {
          ranges.add(classEscape(rangeStart) + "-" + classEscape(cs));
        } else if (c == rangeStart.charAt(0)) {
          ranges.add(classEscape(cs));
        }
        rangeStart = "";
        i++;
        continue;
      }
      if (glob.startsWith("-]", i + 1)) {
        ranges.add(classEscape(c + "-"));
        i += 2;
        continue;
      }
      if (glob.startsWith("-", i + 1)) {
        rangeStart = String.valueOf(c);
        i += 2;
        continue;
      }
      ranges.add(classEscape(String.valueOf(c)));
      i++;
    }
    if (endPos < i) {
      return new Parsed("", false, 0, false);
    }
    if (ranges.isEmpty() && negs.isEmpty()) {
      return new Parsed(NOTHING, false, glob.length() - position, true);
    }
    if (negs.isEmpty() && ranges.size() == 1 && isOneCharacter(ranges.get(0)) && !negate) {
      String r = ranges.get(0).length() == 2 ? ranges.get(0).substring(1) : ranges.get(0);
      return new Parsed(GlobAst.regExpEscape(r), false, endPos - position, false);
    }
    String joinedRanges = String.join("", ranges);
    String joinedNegs = String.join("", negs);
    String sranges = "[" + (negate ? "^" : "") + joinedRanges + "]";
    String snegs = "[" + (negate ? "" : "^") + joinedNegs + "]";
    String comb = !ranges.isEmpty() && !negs.isEmpty() ? "(" + sranges + "|" + snegs + ")"
        : !ranges.isEmpty() ? sranges : snegs;
    return new Parsed(comb, unicode, endPos - position, true);
  }

  /** minimatch's {@code /^\\?.$/}: one character, maybe escaped ({@code .} is not a line terminator). */
  private static boolean isOneCharacter(String range) {
    if (range.length() == 1) {
      return !isLineTerminator(range.charAt(0));
    }
    return range.length() == 2 && range.charAt(0) == '\\' && !isLineTerminator(range.charAt(1));
  }

  private static boolean isLineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
  }
}
