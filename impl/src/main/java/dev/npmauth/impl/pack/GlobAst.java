package dev.npmauth.impl.pack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One path portion of a glob, parsed into literal text and extglobs ({@code !(a|b)},
 * {@code ?(...)}, {@code +(...)}, {@code *(...)}, {@code @(...)}) and turned into a Java regular
 * expression the way minimatch 10's {@code AST} turns it into a JavaScript one: same structure,
 * same flattening of nested extglobs, same protection against matching {@code .} and {@code ..}
 * and (without {@code dot}) names that start with a dot.
 */
final class GlobAst {
  private static final Set<Character> EXTGLOB_TYPES = Set.of('!', '?', '+', '*', '@');

  private static final Map<Character, String> ADOPTION = Map.of(
      '!', "@", '?', "?@", '@', "@", '*', "*+?@", '+', "+@");
  private static final Map<Character, String> ADOPTION_WITH_SPACE = Map.of(
      '!', "?", '@', "?", '+', "?*");
  private static final Map<Character, String> ADOPTION_ANY = Map.of(
      '!', "?@", '?', "?@", '@', "?@", '*', "*+?@", '+', "+@?*");
  /** parent type -> (child type -> resulting type) when an only child takes its parent over. */
  private static final Map<Character, Map<Character, Character>> USURP = Map.of(
      '!', Map.of('!', '@'),
      '?', Map.of('*', '*', '+', '*'),
      '@', Map.of('!', '!', '?', '?', '@', '@', '*', '*', '+', '+'),
      '+', Map.of('?', '*', '*', '*'));

  private static final String START_NO_TRAVERSAL = "(?!(?:^|/)\\.\\.?(?:$|/))";
  private static final String START_NO_DOT = "(?!\\.)";
  private static final String QMARK = "[^/]";
  private static final String STAR = QMARK + "*?";
  private static final String STAR_NO_EMPTY = QMARK + "+?";

  /** Options that shape the regular expression. */
  record Options(boolean dot, boolean nocase) {
  }

  /** A regular expression source with what minimatch reports alongside it. */
  record Source(String regex, String body, boolean hasMagic, boolean unicode) {
  }

  private Character type; // null for plain text, else the extglob type
  private final GlobAst root;
  private Boolean hasMagic;
  private boolean unicode;
  private List<Object> parts = new ArrayList<>(); // String or GlobAst
  private GlobAst parent;
  private final int parentIndex;
  private final List<GlobAst> negs;
  private boolean filledNegs;
  private final Options options;
  private String toStringCache;
  private boolean emptyExt;

  private GlobAst(Character type, GlobAst parent, Options options) {
    this.type = type;
    if (type != null) {
      hasMagic = true;
    }
    this.parent = parent;
    this.root = parent != null ? parent.root : this;
    this.options = root == this ? options : root.options;
    this.negs = root == this ? new ArrayList<>() : root.negs;
    if (type != null && type == '!' && !root.filledNegs) {
      negs.add(this);
    }
    this.parentIndex = parent != null ? parent.parts.size() : 0;
  }

  /**
   * Parses one path portion.
   *
   * @param pattern the portion, without {@code /}
   * @param options dot and case handling
   * @return the tree
   */
  static GlobAst fromGlob(String pattern, Options options) {
    GlobAst ast = new GlobAst(null, null, options);
    parseAst(pattern, ast, 0, 0);
    return ast;
  }

  /** JavaScript's {@code s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, '\\$&')}. */
  static String regExpEscape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("-[]{}()*+?.,\\^$|#".indexOf(c) >= 0 || Js.isWhitespace(c)) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  private static final Pattern UNESCAPE_CLASS = Pattern.compile("((?!\\\\).|^)\\[([^/\\\\])\\]");
  private static final Pattern UNESCAPE_BACKSLASH = Pattern.compile("\\\\([^/])");

  /** minimatch's {@code unescape}: {@code [x]} and {@code \x} become {@code x}. */
  static String unescape(String s) {
    String once = UNESCAPE_CLASS.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2)));
    return UNESCAPE_BACKSLASH.matcher(once).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
  }

  /**
   * The part of minimatch's AST scan that is the same inside and outside an extglob: a backslash
   * escapes the next character, and a bracket class ({@code [...]}, {@code [!...]}, {@code [^...]},
   * where a {@code ]} right after the opening is literal) is taken whole.
   */
  private static final class LiteralScan {
    private boolean escaping;
    private boolean inBrace;
    private int braceStart = -1;
    private boolean braceNeg;

    /**
     * Appends {@code c} (read just before index {@code i}) when it is escaped or part of a bracket
     * class, or starts either.
     *
     * @return true if {@code c} was taken; false if the caller decides what it means
     */
    boolean consume(char c, int i, StringBuilder acc) {
      if (escaping || c == '\\') {
        escaping = !escaping;
        acc.append(c);
        return true;
      }
      if (inBrace) {
        if (i == braceStart + 1) {
          if (c == '^' || c == '!') {
            braceNeg = true;
          }
        } else if (c == ']' && !(i == braceStart + 2 && braceNeg)) {
          inBrace = false;
        }
        acc.append(c);
        return true;
      }
      if (c == '[') {
        inBrace = true;
        braceStart = i;
        braceNeg = false;
        acc.append(c);
        return true;
      }
      return false;
    }
  }

  private static int parseAst(String str, GlobAst ast, int pos, int extDepth) {
    int maxDepth = 2;
    LiteralScan literal = new LiteralScan();
    if (ast.type == null) {
      int i = pos;
      StringBuilder acc = new StringBuilder();
      while (i < str.length()) {
        char c = str.charAt(i++);
        if (literal.consume(c, i, acc)) {
          continue;
        }
        boolean doRecurse = EXTGLOB_TYPES.contains(c) && i < str.length() && str.charAt(i) == '(' && extDepth <= maxDepth;
        if (doRecurse) {
          ast.push(acc.toString());
          acc.setLength(0);
          GlobAst ext = new GlobAst(c, ast, null);
          i = parseAst(str, ext, i, extDepth + 1);
          ast.push(ext);
          continue;
        }
        acc.append(c);
      }
      ast.push(acc.toString());
      return i;
    }

    int i = pos + 1;
    GlobAst part = new GlobAst(null, ast, null);
    List<GlobAst> alternatives = new ArrayList<>();
    StringBuilder acc = new StringBuilder();
    while (i < str.length()) {
      char c = str.charAt(i++);
      if (literal.consume(c, i, acc)) {
        continue;
      }
      boolean doRecurse = EXTGLOB_TYPES.contains(c) && i < str.length() && str.charAt(i) == '('
          && (extDepth <= maxDepth || ast.canAdoptType(c, ADOPTION_ANY));
      if (doRecurse) {
        int depthAdd = ast.canAdoptType(c, ADOPTION_ANY) ? 0 : 1;
        part.push(acc.toString());
        acc.setLength(0);
        GlobAst ext = new GlobAst(c, part, null);
        part.push(ext);
        i = parseAst(str, ext, i, extDepth + depthAdd);
        continue;
      }
      if (c == '|') {
        part.push(acc.toString());
        acc.setLength(0);
        alternatives.add(part);
        part = new GlobAst(null, ast, null);
        continue;
      }
      if (c == ')') {
        if (acc.length() == 0 && ast.parts.isEmpty()) {
          ast.emptyExt = true;
        }
        part.push(acc.toString());
        acc.setLength(0);
        for (GlobAst alternative : alternatives) {
          ast.push(alternative);
        }
        ast.push(part);
        return i;
      }
      acc.append(c);
    }
    // unfinished extglob: it is literal text after all
    ast.type = null;
    ast.hasMagic = null;
    ast.parts = new ArrayList<>(List.of(str.substring(pos - 1)));
    return i;
  }

  private void push(Object p) {
    if (p instanceof String s && s.isEmpty()) {
      return;
    }
    parts.add(p);
  }

  @Override
  public String toString() {
    if (toStringCache != null) {
      return toStringCache;
    }
    StringBuilder out = new StringBuilder();
    if (type == null) {
      for (Object p : parts) {
        out.append(p);
      }
    } else {
      out.append(type).append('(');
      for (int i = 0; i < parts.size(); i++) {
        if (i > 0) {
          out.append('|');
        }
        out.append(parts.get(i));
      }
      out.append(')');
    }
    toStringCache = out.toString();
    return toStringCache;
  }

  private void fillNegs() {
    if (filledNegs) {
      return;
    }
    toString();
    filledNegs = true;
    while (!negs.isEmpty()) {
      GlobAst n = negs.remove(negs.size() - 1);
      if (n.type == null || n.type != '!') {
        continue;
      }
      GlobAst p = n;
      GlobAst pp = p.parent;
      while (pp != null) {
        for (int i = p.parentIndex + 1; pp.type == null && i < pp.parts.size(); i++) {
          for (Object part : n.parts) {
            ((GlobAst) part).copyIn(pp.parts.get(i));
          }
        }
        p = pp;
        pp = p.parent;
      }
    }
  }

  private boolean isStart() {
    if (root == this) {
      return true;
    }
    if (parent == null || !parent.isStart()) {
      return false;
    }
    if (parentIndex == 0) {
      return true;
    }
    for (int i = 0; i < parentIndex; i++) {
      Object pp = parent.parts.get(i);
      if (!(pp instanceof GlobAst a && a.type != null && a.type == '!')) {
        return false;
      }
    }
    return true;
  }

  private boolean isEnd() {
    if (root == this) {
      return true;
    }
    if (parent != null && parent.type != null && parent.type == '!') {
      return true;
    }
    if (parent == null || !parent.isEnd()) {
      return false;
    }
    if (type == null) {
      return parent.isEnd();
    }
    return parentIndex == parent.parts.size() - 1;
  }

  private void copyIn(Object part) {
    if (part instanceof String s) {
      push(s);
    } else {
      push(((GlobAst) part).cloneInto(this));
    }
  }

  private GlobAst cloneInto(GlobAst newParent) {
    GlobAst c = new GlobAst(type, newParent, null);
    for (Object p : parts) {
      c.copyIn(p);
    }
    return c;
  }

  private boolean canAdoptType(char c, Map<Character, String> map) {
    if (type == null) {
      return false;
    }
    String adoptable = map.get(type);
    return adoptable != null && adoptable.indexOf(c) >= 0;
  }

  private boolean canAdopt(Object child, Map<Character, String> map) {
    if (!(child instanceof GlobAst c) || c.type != null || c.parts.size() != 1 || type == null) {
      return false;
    }
    if (!(c.parts.get(0) instanceof GlobAst gc) || gc.type == null) {
      return false;
    }
    return canAdoptType(gc.type, map);
  }

  private void adoptWithSpace(GlobAst child, int index) {
    GlobAst gc = (GlobAst) child.parts.get(0);
    GlobAst blank = new GlobAst(null, gc, null);
    blank.parts.add("");
    gc.push(blank);
    adopt(child, index);
  }

  private void adopt(GlobAst child, int index) {
    GlobAst gc = (GlobAst) child.parts.get(0);
    parts.remove(index);
    parts.addAll(index, gc.parts);
    for (Object p : gc.parts) {
      if (p instanceof GlobAst a) {
        a.parent = this;
      }
    }
    toStringCache = null;
  }

  private boolean canUsurp(Object child) {
    if (!(child instanceof GlobAst c) || c.type != null || c.parts.size() != 1 || type == null || parts.size() != 1) {
      return false;
    }
    if (!(c.parts.get(0) instanceof GlobAst gc) || gc.type == null) {
      return false;
    }
    Map<Character, Character> m = USURP.get(type);
    return m != null && m.containsKey(gc.type);
  }

  private void usurp(GlobAst child) {
    GlobAst gc = (GlobAst) child.parts.get(0);
    Character newType = USURP.get(type).get(gc.type);
    parts = gc.parts;
    for (Object p : parts) {
      if (p instanceof GlobAst a) {
        a.parent = this;
      }
    }
    type = newType;
    toStringCache = null;
    emptyExt = false;
  }

  private void flatten() {
    if (type == null) {
      for (Object p : parts) {
        if (p instanceof GlobAst a) {
          a.flatten();
        }
      }
    } else {
      int iterations = 0;
      boolean done;
      do {
        done = true;
        for (int i = 0; i < parts.size(); i++) {
          Object c = parts.get(i);
          if (c instanceof GlobAst child) {
            child.flatten();
            if (canAdopt(child, ADOPTION)) {
              done = false;
              adopt(child, i);
            } else if (canAdopt(child, ADOPTION_WITH_SPACE)) {
              done = false;
              adoptWithSpace(child, i);
            } else if (canUsurp(child)) {
              done = false;
              usurp(child);
            }
          }
        }
      } while (!done && ++iterations < 10);
    }
    toStringCache = null;
  }

  /**
   * The matcher minimatch makes for this portion: the unescaped text when there is no magic (a
   * literal compare), else a regular expression.
   *
   * @return a {@link String} or a {@link Pattern}
   */
  Object toMatcher() {
    String glob = toString();
    Source source = toRegExpSource(null);
    boolean anyMagic = source.hasMagic() || Boolean.TRUE.equals(hasMagic)
        || options.nocase() && !glob.toUpperCase(java.util.Locale.ROOT).equals(glob.toLowerCase(java.util.Locale.ROOT));
    if (!anyMagic) {
      return source.body();
    }
    if (source.unicode()) {
      checkUnicodeModeSyntax(source.regex());
    }
    int flags = options.nocase() ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
    return Pattern.compile("^" + source.regex() + "$", flags);
  }

  /**
   * JavaScript compiles a portion that uses a POSIX class with the {@code u} flag, which refuses
   * identity escapes such as {@code \-} or {@code \ } outside a class and lone {@code { } ]}, so
   * minimatch (and npm) fails on such a pattern; fail the same way.
   */
  private static void checkUnicodeModeSyntax(String source) {
    boolean inClass = false;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '\\' && i + 1 < source.length()) {
        char next = source.charAt(++i);
        boolean allowed = "^$\\.*+?()[]{}|/".indexOf(next) >= 0 || "dDwWsSbBpPtrnfvx0".indexOf(next) >= 0
            || inClass && (next == '-' || next == '&');
        if (!allowed) {
          throw new PatternSyntaxException("invalid escape in a Unicode-mode regular expression", source, i);
        }
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
        if (i + 1 < source.length() && source.charAt(i + 1) == '^') {
          i++;
        }
      } else if (c == '{' || c == '}' || c == ']') {
        throw new PatternSyntaxException("lone quantifier bracket in a Unicode-mode regular expression", source, i);
      }
    }
  }

  private Source toRegExpSource(Boolean allowDot) {
    boolean dot = allowDot != null ? allowDot : options.dot();
    if (root == this) {
      flatten();
      fillNegs();
    }
    if (type == null) {
      boolean noEmpty = isStart() && isEnd() && parts.stream().allMatch(p -> p instanceof String);
      StringBuilder src = new StringBuilder();
      for (Object p : parts) {
        Source s = p instanceof String text ? parseGlob(text, Boolean.TRUE.equals(hasMagic), noEmpty)
            : ((GlobAst) p).toRegExpSource(allowDot);
        hasMagic = Boolean.TRUE.equals(hasMagic) || s.hasMagic();
        unicode = unicode || s.unicode();
        src.append(s.regex());
      }
      String start = "";
      if (isStart() && !parts.isEmpty() && parts.get(0) instanceof String first) {
        boolean dotTravAllowed = parts.size() == 1 && (first.equals(".") || first.equals(".."));
        if (!dotTravAllowed) {
          String s = src.toString();
          boolean needNoTrav = dot && startsWithPatternStart(s, 0)
              || s.startsWith("\\.") && startsWithPatternStart(s, 2)
              || s.startsWith("\\.\\.") && startsWithPatternStart(s, 4);
          boolean needNoDot = !dot && !Boolean.TRUE.equals(allowDot) && startsWithPatternStart(s, 0);
          start = needNoTrav ? START_NO_TRAVERSAL : needNoDot ? START_NO_DOT : "";
        }
      }
      String end = "";
      if (isEnd() && root.filledNegs && parent != null && parent.type != null && parent.type == '!') {
        end = "(?:$|/)";
      }
      hasMagic = Boolean.TRUE.equals(hasMagic);
      return new Source(start + src + end, unescape(src.toString()), hasMagic, unicode);
    }

    boolean repeated = type == '*' || type == '+';
    String start = type == '!' ? "(?:(?!(?:" : "(?:";
    String body = partsToRegExp(dot);
    if (isStart() && isEnd() && body.isEmpty() && type != '!') {
      // an extglob with nothing in it, as the whole portion: literal text
      String s = toString();
      parts = new ArrayList<>(List.of(s));
      type = null;
      hasMagic = null;
      return new Source(s, unescape(toString()), false, false);
    }
    String bodyDotAllowed = !repeated || Boolean.TRUE.equals(allowDot) || dot ? "" : partsToRegExp(true);
    if (bodyDotAllowed.equals(body)) {
      bodyDotAllowed = "";
    }
    if (!bodyDotAllowed.isEmpty()) {
      body = "(?:" + body + ")(?:" + bodyDotAllowed + ")*?";
    }
    String result;
    if (type == '!' && emptyExt) {
      result = (isStart() && !dot ? START_NO_DOT : "") + STAR_NO_EMPTY;
    } else {
      String close = type == '!'
          ? "))" + (isStart() && !dot && !Boolean.TRUE.equals(allowDot) ? START_NO_DOT : "") + STAR + ")"
          : type == '@' ? ")"
          : type == '?' ? ")?"
          : type == '+' && !bodyDotAllowed.isEmpty() ? ")"
          : type == '*' && !bodyDotAllowed.isEmpty() ? ")?"
          : ")" + type;
      result = start + body + close;
    }
    hasMagic = Boolean.TRUE.equals(hasMagic);
    return new Source(result, unescape(body), hasMagic, unicode);
  }

  private static boolean startsWithPatternStart(String s, int index) {
    return index < s.length() && (s.charAt(index) == '[' || s.charAt(index) == '.');
  }

  private String partsToRegExp(boolean dot) {
    List<String> sources = new ArrayList<>();
    boolean whole = isStart() && isEnd();
    for (Object p : parts) {
      Source s = ((GlobAst) p).toRegExpSource(dot);
      unicode = unicode || s.unicode();
      if (!whole || !s.regex().isEmpty()) {
        sources.add(s.regex());
      }
    }
    return String.join("|", sources);
  }

  private static Source parseGlob(String glob, boolean hasMagic, boolean noEmpty) {
    boolean escaping = false;
    StringBuilder re = new StringBuilder();
    boolean unicode = false;
    boolean inStar = false;
    boolean allStars = !glob.isEmpty() && glob.chars().allMatch(ch -> ch == '*');
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (escaping) {
        escaping = false;
        re.append("().*{}+?[]^$\\!".indexOf(c) >= 0 ? "\\" : "").append(c);
        continue;
      }
      if (c == '*') {
        if (inStar) {
          continue;
        }
        inStar = true;
        re.append(noEmpty && allStars ? STAR_NO_EMPTY : STAR);
        hasMagic = true;
        continue;
      } else {
        inStar = false;
      }
      if (c == '\\') {
        if (i == glob.length() - 1) {
          re.append("\\\\");
        } else {
          escaping = true;
        }
        continue;
      }
      if (c == '[') {
        GlobClass.Parsed cls = GlobClass.parse(glob, i);
        if (cls.consumed() > 0) {
          re.append(cls.source());
          unicode = unicode || cls.unicode();
          i += cls.consumed() - 1;
          hasMagic = hasMagic || cls.magic();
          continue;
        }
      }
      if (c == '?') {
        re.append(QMARK);
        hasMagic = true;
        continue;
      }
      re.append(regExpEscape(String.valueOf(c)));
    }
    return new Source(re.toString(), unescape(glob), hasMagic, unicode);
  }
}
