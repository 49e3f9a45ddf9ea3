package dev.npmauth.impl.pack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A glob pattern matched against slash-separated paths as minimatch 10 matches it, for the
 * options npm's file selection uses: {@code dot}, {@code nocase}, {@code matchBase},
 * {@code flipNegate}, and partial matching (does a directory's path match the start of the
 * pattern, so that files below it might match?). Supports negation ({@code !}), brace expansion,
 * {@code **}, {@code *}, {@code ?}, character classes (with POSIX classes) and extglobs.
 *
 * <p>Paths are POSIX paths; there is no Windows handling. The optimisation level is minimatch's
 * default (1).
 */
final class Minimatch {

  /**
   * The options npm uses are fixed per call site; these are the ones that change matching.
   *
   * @param dot whether {@code *} and {@code **} match names starting with a dot
   * @param nocase whether matching ignores case
   * @param matchBase whether a pattern without a slash is matched against the base name
   * @param flipNegate whether {@link #match} returns "the pattern matched" even for a negated
   *     pattern
   */
  record Options(boolean dot, boolean nocase, boolean matchBase, boolean flipNegate) {
  }

  /** The options ignore-walk (and so npm-packlist) uses for every ignore rule. */
  static final Options IGNORE_RULES = new Options(true, true, true, true);

  /** The marker for a {@code **} path portion. */
  static final Object GLOBSTAR = new Object() {
    @Override
    public String toString() {
      return "**";
    }
  };

  private static final int MAX_GLOBSTAR_RECURSION = 200;

  private static final Pattern STAR = Pattern.compile("^\\*+$");
  private static final Pattern STAR_DOT_EXT = Pattern.compile("^\\*+([^+@!?*\\[(]*)$");
  private static final Pattern QMARKS = Pattern.compile("^\\?+([^+@!?*\\[(]*)?$");
  private static final Pattern STAR_DOT_STAR = Pattern.compile("^\\*+\\.\\*+$");
  private static final Pattern DOT_STAR = Pattern.compile("^\\.\\*+$");
  private static final Pattern SLASHES = Pattern.compile("/+");

  private final Options options;
  private final String original;
  private String pattern;
  private boolean negate;
  private boolean comment;
  private boolean empty;
  private List<List<String>> globParts = List.of();
  private List<List<Object>> set = List.of();

  /**
   * Compiles a pattern.
   *
   * @param pattern the glob, for example {@code !/lib/**} or {@code readme{,.*[^~$]}}
   * @param options the options
   * @throws IllegalArgumentException if a portion makes a regular expression that cannot be
   *     compiled (minimatch fails on the same patterns)
   */
  Minimatch(String pattern, Options options) {
    this.options = options;
    this.original = pattern;
    this.pattern = pattern;
    make();
  }

  /** Whether the pattern started with an odd number of {@code !}. */
  boolean negate() {
    return negate;
  }

  /** The expanded, split path portions, before they became matchers (ignore-walk reads these). */
  List<List<String>> globParts() {
    return globParts;
  }

  @Override
  public String toString() {
    return original;
  }

  private void make() {
    if (pattern.startsWith("#")) {
      comment = true;
      return;
    }
    if (pattern.isEmpty()) {
      empty = true;
      return;
    }
    parseNegate();
    List<String> globSet = new ArrayList<>(new LinkedHashSet<>(BraceExpansion.minimatchExpand(pattern)));
    List<List<String>> raw = new ArrayList<>();
    for (String s : globSet) {
      raw.add(slashSplit(s));
    }
    globParts = levelOneOptimize(raw);
    List<List<Object>> compiled = new ArrayList<>();
    for (List<String> parts : globParts) {
      List<Object> matchers = new ArrayList<>(parts.size());
      for (String part : parts) {
        matchers.add(parse(part));
      }
      compiled.add(matchers);
    }
    set = compiled;
  }

  private void parseNegate() {
    int offset = 0;
    boolean neg = false;
    while (offset < pattern.length() && pattern.charAt(offset) == '!') {
      neg = !neg;
      offset++;
    }
    if (offset > 0) {
      pattern = pattern.substring(offset);
    }
    negate = neg;
  }

  private static List<String> slashSplit(String p) {
    return new ArrayList<>(List.of(SLASHES.split(p, -1)));
  }

  /** Removes repeated {@code **} and resolves {@code x/..}. */
  private static List<List<String>> levelOneOptimize(List<List<String>> globParts) {
    List<List<String>> out = new ArrayList<>();
    for (List<String> parts : globParts) {
      List<String> reduced = new ArrayList<>();
      for (String part : parts) {
        String prev = reduced.isEmpty() ? null : reduced.get(reduced.size() - 1);
        if (part.equals("**") && "**".equals(prev)) {
          continue;
        }
        if (part.equals("..") && prev != null && !prev.isEmpty() && !prev.equals("..") && !prev.equals(".")
            && !prev.equals("**")) {
          reduced.remove(reduced.size() - 1);
          continue;
        }
        reduced.add(part);
      }
      out.add(reduced.isEmpty() ? new ArrayList<>(List.of("")) : reduced);
    }
    return out;
  }

  /** A compiled path portion: a regular expression, or one of minimatch's fast tests. */
  private record PortionMatcher(Pattern regex, Predicate<String> fastTest) {
    boolean test(String f) {
      // RegExp.prototype.test: a search, so an alternation like "x|" (from an escaped |) matches anywhere
      return fastTest != null ? fastTest.test(f) : regex.matcher(f).find();
    }
  }

  private Object parse(String portion) {
    if (portion.equals("**")) {
      return GLOBSTAR;
    }
    if (portion.isEmpty()) {
      return "";
    }
    Predicate<String> fastTest = null;
    Matcher m;
    boolean dot = options.dot();
    boolean nocase = options.nocase();
    if (STAR.matcher(portion).matches()) {
      fastTest = dot ? f -> !f.isEmpty() && !f.equals(".") && !f.equals("..") : f -> !f.isEmpty() && !f.startsWith(".");
    } else if ((m = STAR_DOT_EXT.matcher(portion)).matches()) {
      String ext = m.group(1);
      if (nocase) {
        String lowerExt = ext.toLowerCase(Locale.ROOT);
        fastTest = dot ? f -> f.toLowerCase(Locale.ROOT).endsWith(lowerExt)
            : f -> !f.startsWith(".") && f.toLowerCase(Locale.ROOT).endsWith(lowerExt);
      } else {
        fastTest = dot ? f -> f.endsWith(ext) : f -> !f.startsWith(".") && f.endsWith(ext);
      }
    } else if ((m = QMARKS.matcher(portion)).matches()) {
      int len = portion.length();
      String ext = m.group(1) == null ? "" : m.group(1);
      Predicate<String> noext = dot ? f -> f.length() == len && !f.equals(".") && !f.equals("..")
          : f -> f.length() == len && !f.startsWith(".");
      if (ext.isEmpty()) {
        fastTest = noext;
      } else if (nocase) {
        String lowerExt = ext.toLowerCase(Locale.ROOT);
        fastTest = f -> noext.test(f) && f.toLowerCase(Locale.ROOT).endsWith(lowerExt);
      } else {
        fastTest = f -> noext.test(f) && f.endsWith(ext);
      }
    } else if (STAR_DOT_STAR.matcher(portion).matches()) {
      fastTest = dot ? f -> !f.equals(".") && !f.equals("..") && f.contains(".")
          : f -> !f.startsWith(".") && f.contains(".");
    } else if (DOT_STAR.matcher(portion).matches()) {
      fastTest = f -> !f.equals(".") && !f.equals("..") && f.startsWith(".");
    }
    Object re;
    try {
      re = GlobAst.fromGlob(portion, new GlobAst.Options(dot, nocase)).toMatcher();
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("the glob portion '" + portion + "' of '" + original
          + "' is not a valid pattern (npm fails on it too): " + e.getDescription(), e);
    }
    if (re instanceof Pattern regex) {
      return new PortionMatcher(regex, fastTest);
    }
    return re;
  }

  /**
   * Matches a path, non-partially.
   *
   * @param f a slash-separated path
   * @return see {@link #match(String, boolean)}
   */
  boolean match(String f) {
    return match(f, false);
  }

  /**
   * Matches a path.
   *
   * @param f a slash-separated path
   * @param partial whether a path that runs out before the pattern does still matches (for
   *     directories whose contents might match)
   * @return with {@code flipNegate}: whether the pattern (ignoring its negation) matches; without
   *     it: whether it matches, inverted for a negated pattern
   */
  boolean match(String f, boolean partial) {
    if (comment) {
      return false;
    }
    if (empty) {
      return f.isEmpty();
    }
    if (f.equals("/") && partial) {
      return true;
    }
    List<String> ff = slashSplit(f);
    String filename = ff.get(ff.size() - 1);
    if (filename.isEmpty()) {
      for (int i = ff.size() - 2; filename.isEmpty() && i >= 0; i--) {
        filename = ff.get(i);
      }
    }
    for (List<Object> patternParts : set) {
      List<String> file = ff;
      if (options.matchBase() && patternParts.size() == 1) {
        file = List.of(filename);
      }
      if (matchOne(file, patternParts, partial)) {
        return options.flipNegate() || !negate;
      }
    }
    return !options.flipNegate() && negate;
  }

  private boolean matchOne(List<String> file, List<Object> pattern, boolean partial) {
    if (pattern.contains(GLOBSTAR)) {
      return matchGlobstar(file, pattern, partial, 0, 0);
    }
    return matchParts(file, pattern, partial, 0, 0);
  }

  /** JavaScript's {@code Array.prototype.slice}: an empty list when {@code from >= to}. */
  private static <T> List<T> slice(List<T> list, int from, int to) {
    int start = Math.min(from, list.size());
    int end = Math.min(to, list.size());
    return start >= end ? List.of() : list.subList(start, end);
  }

  private boolean badDot(String f) {
    return f == null || f.equals(".") || f.equals("..") || (!options.dot() && f.startsWith("."));
  }

  private boolean matchGlobstar(List<String> file, List<Object> pattern, boolean partial, int fileIndex,
      int patternIndex) {
    int firstgs = pattern.indexOf(GLOBSTAR);
    int lastgs = pattern.lastIndexOf(GLOBSTAR);
    List<Object> head = slice(pattern, patternIndex, firstgs);
    List<Object> body = partial ? slice(pattern, firstgs + 1, pattern.size()) : slice(pattern, firstgs + 1, lastgs);
    List<Object> tail = partial ? List.of() : slice(pattern, lastgs + 1, pattern.size());

    if (!head.isEmpty()) {
      List<String> fileHead = slice(file, fileIndex, fileIndex + head.size());
      if (!matchParts(fileHead, head, partial, 0, 0)) {
        return false;
      }
      fileIndex += head.size();
    }

    int fileTailMatch = 0;
    if (!tail.isEmpty()) {
      if (tail.size() + fileIndex > file.size()) {
        return false;
      }
      int tailStart = file.size() - tail.size();
      if (matchParts(file, tail, partial, tailStart, 0)) {
        fileTailMatch = tail.size();
      } else {
        if (!file.get(file.size() - 1).isEmpty() || fileIndex + tail.size() == file.size()) {
          return false;
        }
        tailStart--;
        if (!matchParts(file, tail, partial, tailStart, 0)) {
          return false;
        }
        fileTailMatch = tail.size() + 1;
      }
    }

    if (body.isEmpty()) {
      boolean sawSome = fileTailMatch > 0;
      for (int i = fileIndex; i < file.size() - fileTailMatch; i++) {
        sawSome = true;
        if (badDot(file.get(i))) {
          return false;
        }
      }
      return partial || sawSome;
    }

    List<List<Object>> sections = new ArrayList<>();
    List<Object> current = new ArrayList<>();
    sections.add(current);
    int nonGlobstarParts = 0;
    List<Integer> nonGlobstarSums = new ArrayList<>(List.of(0));
    for (Object b : body) {
      if (b == GLOBSTAR) {
        nonGlobstarSums.add(nonGlobstarParts);
        current = new ArrayList<>();
        sections.add(current);
      } else {
        current.add(b);
        nonGlobstarParts++;
      }
    }
    int[] after = new int[sections.size()];
    int i = sections.size() - 1;
    int fileLength = file.size() - fileTailMatch;
    for (int s = 0; s < sections.size(); s++) {
      after[s] = fileLength - (nonGlobstarSums.get(i--) + sections.get(s).size());
    }
    return Boolean.TRUE.equals(matchBodySections(file, sections, after, fileIndex, 0, partial, 0, fileTailMatch > 0));
  }

  /** True, false ("try further on"), or null ("cannot match, stop trying"). */
  private Boolean matchBodySections(List<String> file, List<List<Object>> sections, int[] after, int fileIndex,
      int bodyIndex, boolean partial, int depth, boolean sawTail) {
    if (bodyIndex >= sections.size()) {
      for (int i = fileIndex; i < file.size(); i++) {
        sawTail = true;
        if (badDot(file.get(i))) {
          return false;
        }
      }
      return sawTail;
    }
    List<Object> body = sections.get(bodyIndex);
    int last = after[bodyIndex];
    while (fileIndex <= last) {
      boolean m = matchParts(slice(file, 0, fileIndex + body.size()), body, partial, fileIndex, 0);
      if (m && depth < MAX_GLOBSTAR_RECURSION) {
        Boolean sub = matchBodySections(file, sections, after, fileIndex + body.size(), bodyIndex + 1, partial,
            depth + 1, sawTail);
        if (!Boolean.FALSE.equals(sub)) {
          return sub;
        }
      }
      String f = fileIndex < file.size() ? file.get(fileIndex) : null;
      if (f != null && badDot(f)) {
        return false;
      }
      fileIndex++;
    }
    return partial ? Boolean.TRUE : null;
  }

  private boolean matchParts(List<String> file, List<Object> pattern, boolean partial, int fileIndex,
      int patternIndex) {
    int fi = fileIndex;
    int pi = patternIndex;
    int fl = file.size();
    int pl = pattern.size();
    for (; fi < fl && pi < pl; fi++, pi++) {
      Object p = pattern.get(pi);
      String f = file.get(fi);
      if (p == GLOBSTAR) {
        return false;
      }
      boolean hit = p instanceof String s ? f.equals(s) : ((PortionMatcher) p).test(f);
      if (!hit) {
        return false;
      }
    }
    if (fi == fl && pi == pl) {
      return true;
    } else if (fi == fl) {
      return partial;
    } else if (pi == pl) {
      return fi == fl - 1 && file.get(fi).isEmpty();
    }
    throw new IllegalStateException("unreachable");
  }

  /** For tests: the compiled portions. */
  List<List<Object>> set() {
    return Collections.unmodifiableList(set);
  }
}
