package dev.npmauth.impl.pack;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Bash-style brace expansion as minimatch 10 does it (the {@code brace-expansion} 5 and
 * {@code balanced-match} packages): {@code a{b,c}d} gives {@code abd, acd}; {@code {1..3}} gives
 * {@code 1, 2, 3}; {@code readme{,.*[^~$]}} gives {@code readme, readme.*[^~$]}. Invalid sets stay
 * as they are, and {@code \{ \} \, \.} and {@code \\} escape the brace syntax (losing their
 * backslash, as in npm).
 */
final class BraceExpansion {
  /** Most results kept. */
  static final int MAX = 100_000;
  /** Most characters kept across all results. */
  static final int MAX_LENGTH = 4_000_000;

  // placeholders for escaped syntax; NUL cannot occur in a pattern read from a text file line
  private static final String ESC_SLASH = "\0SLASH\uE000\0";
  private static final String ESC_OPEN = "\0OPEN\uE000\0";
  private static final String ESC_CLOSE = "\0CLOSE\uE000\0";
  private static final String ESC_COMMA = "\0COMMA\uE000\0";
  private static final String ESC_PERIOD = "\0PERIOD\uE000\0";

  /** minimatch's shortcut: only a {@code {...}} without a nested opening brace can expand. */
  private static final Pattern HAS_BRACE_SET = Pattern.compile("\\{(?:(?!\\{).)*\\}");
  private static final Pattern NUMERIC_SEQUENCE = Pattern.compile("^-?\\d+\\.\\.-?\\d+(?:\\.\\.-?\\d+)?$");
  private static final Pattern ALPHA_SEQUENCE = Pattern.compile("^[a-zA-Z]\\.\\.[a-zA-Z](?:\\.\\.-?\\d+)?$");
  private static final Pattern COMMA_THEN_CLOSE = Pattern.compile(",(?!,).*\\}");
  private static final Pattern PADDED = Pattern.compile("^-?0\\d");

  private BraceExpansion() {
  }

  /**
   * Expands a glob pattern's braces as minimatch's {@code braceExpand} does.
   *
   * @param pattern the pattern (negation already removed)
   * @return the expansions, at least one
   */
  static List<String> minimatchExpand(String pattern) {
    if (!HAS_BRACE_SET.matcher(pattern).find()) {
      return List.of(pattern);
    }
    return expand(pattern);
  }

  /**
   * Expands braces as {@code brace-expansion}'s {@code expand} does.
   *
   * @param str the string
   * @return the expansions; empty for the empty string
   */
  static List<String> expand(String str) {
    if (str.isEmpty()) {
      return List.of();
    }
    if (str.startsWith("{}")) {
      str = "\\{\\}" + str.substring(2);
    }
    List<String> expanded = expandInner(escapeBraces(str), true);
    List<String> out = new ArrayList<>(expanded.size());
    for (String s : expanded) {
      out.add(unescapeBraces(s));
    }
    return out;
  }

  private static String escapeBraces(String str) {
    return str.replace("\\\\", ESC_SLASH).replace("\\{", ESC_OPEN).replace("\\}", ESC_CLOSE)
        .replace("\\,", ESC_COMMA).replace("\\.", ESC_PERIOD);
  }

  private static String unescapeBraces(String str) {
    return str.replace(ESC_SLASH, "\\").replace(ESC_OPEN, "{").replace(ESC_CLOSE, "}")
        .replace(ESC_COMMA, ",").replace(ESC_PERIOD, ".");
  }

  /** The first balanced {@code {...}} of a string: what is before, inside and after it. */
  record Balanced(int start, int end, String pre, String body, String post) {
  }

  /** balanced-match's {@code balanced('{', '}', str)}. */
  static Balanced balanced(String str) {
    int[] r = range(str);
    if (r == null) {
      return null;
    }
    return new Balanced(r[0], r[1], str.substring(0, r[0]), str.substring(r[0] + 1, r[1]), str.substring(r[1] + 1));
  }

  private static int[] range(String str) {
    int ai = str.indexOf('{');
    int bi = str.indexOf('}', ai + 1);
    int i = ai;
    int[] result = null;
    if (ai >= 0 && bi > 0) {
      List<Integer> begs = new ArrayList<>();
      int left = str.length();
      Integer right = null;
      while (i >= 0 && result == null) {
        if (i == ai) {
          begs.add(i);
          ai = str.indexOf('{', i + 1);
        } else if (begs.size() == 1) {
          int r = begs.remove(begs.size() - 1);
          result = new int[] {r, bi};
        } else {
          Integer beg = begs.isEmpty() ? null : begs.remove(begs.size() - 1);
          if (beg != null && beg < left) {
            left = beg;
            right = bi;
          }
          bi = str.indexOf('}', i + 1);
        }
        i = ai < bi && ai >= 0 ? ai : bi;
      }
      if (!begs.isEmpty() && right != null) {
        result = new int[] {left, right};
      }
    }
    return result;
  }

  /** Splits on commas that are not inside a nested brace set. */
  private static List<String> parseCommaParts(String str) {
    if (str.isEmpty()) {
      return new ArrayList<>(List.of(""));
    }
    Balanced m = balanced(str);
    if (m == null) {
      return new ArrayList<>(List.of(str.split(",", -1)));
    }
    List<String> p = new ArrayList<>(List.of(m.pre().split(",", -1)));
    p.set(p.size() - 1, p.get(p.size() - 1) + "{" + m.body() + "}");
    List<String> postParts = parseCommaParts(m.post());
    if (!m.post().isEmpty()) {
      p.set(p.size() - 1, p.get(p.size() - 1) + postParts.remove(0));
      p.addAll(postParts);
    }
    return p;
  }

  private static List<String> combine(List<String> acc, String pre, List<String> values, boolean dropEmpties) {
    List<String> out = new ArrayList<>();
    long length = 0;
    for (String a : acc) {
      for (String v : values) {
        if (out.size() >= MAX) {
          return out;
        }
        String expansion = a + pre + v;
        if (dropEmpties && expansion.isEmpty()) {
          continue;
        }
        if (length + expansion.length() > MAX_LENGTH) {
          return out;
        }
        out.add(expansion);
        length += expansion.length();
      }
    }
    return out;
  }

  /** JavaScript's {@code !isNaN(str) ? parseInt(str, 10) : str.charCodeAt(0)} for sequence bounds. */
  private static double numeric(String str) {
    if (str.matches("-?\\d+")) {
      return new BigDecimal(str).doubleValue();
    }
    return str.charAt(0);
  }

  /** JavaScript's {@code String(n)} for the whole numbers a sequence produces. */
  private static String jsIntegerString(double n) {
    if (Math.abs(n) < 1e21) {
      return new BigDecimal(n).toPlainString();
    }
    String s = Double.toString(n); // for example 1.0E21
    int e = s.indexOf('E');
    String mantissa = s.substring(0, e).replaceAll("\\.0$", "");
    return mantissa + "e+" + s.substring(e + 1);
  }

  private static List<String> expandSequence(String body, boolean alpha) {
    String[] n = body.split("\\.\\.", -1);
    List<String> out = new ArrayList<>();
    double x = numeric(n[0]);
    double y = numeric(n[1]);
    int width = Math.max(n[0].length(), n[1].length());
    double incr = n.length == 3 ? Math.max(Math.abs(numeric(n[2])), 1) : 1;
    boolean reverse = y < x;
    if (reverse) {
      incr *= -1;
    }
    boolean pad = false;
    for (String part : n) {
      pad |= PADDED.matcher(part).find();
    }
    long length = 0;
    for (double i = x; (reverse ? i >= y : i <= y) && out.size() < MAX; i += incr) {
      String c;
      if (alpha) {
        c = String.valueOf((char) (int) i);
        if (c.equals("\\")) {
          c = "";
        }
      } else {
        c = jsIntegerString(i);
        if (pad) {
          int need = width - c.length();
          if (need > 0) {
            String z = "0".repeat(need);
            c = i < 0 ? "-" + z + c.substring(1) : z + c;
          }
        }
      }
      if (length + c.length() > MAX_LENGTH) {
        break;
      }
      out.add(c);
      length += c.length();
    }
    return out;
  }

  private static List<String> expandInner(String str, boolean isTop) {
    List<String> acc = new ArrayList<>(List.of(""));
    boolean dropEmpties = false;
    boolean firstGroup = true;
    for (;;) {
      Balanced m = balanced(str);
      if (m == null) {
        return combine(acc, str, List.of(""), dropEmpties);
      }
      String pre = m.pre();
      if (pre.endsWith("$")) {
        acc = combine(acc, pre + "{" + m.body() + "}", List.of(""), dropEmpties && m.post().isEmpty());
        firstGroup = false;
        if (m.post().isEmpty()) {
          break;
        }
        str = m.post();
        continue;
      }
      boolean numericSequence = NUMERIC_SEQUENCE.matcher(m.body()).matches();
      boolean alphaSequence = ALPHA_SEQUENCE.matcher(m.body()).matches();
      boolean sequence = numericSequence || alphaSequence;
      boolean options = m.body().indexOf(',') >= 0;
      if (!sequence && !options) {
        if (COMMA_THEN_CLOSE.matcher(m.post()).find()) {
          str = m.pre() + "{" + m.body() + ESC_CLOSE + m.post();
          isTop = true;
          continue;
        }
        return combine(acc, pre + "{" + m.body() + "}" + m.post(), List.of(""), dropEmpties);
      }
      if (firstGroup) {
        dropEmpties = isTop && !sequence;
        firstGroup = false;
      }
      List<String> values;
      if (sequence) {
        values = expandSequence(m.body(), alphaSequence);
      } else {
        List<String> n = parseCommaParts(m.body());
        if (n.size() == 1) {
          List<String> inner = expandInner(n.get(0), false);
          List<String> embraced = new ArrayList<>(inner.size());
          for (String s : inner) {
            embraced.add("{" + s + "}");
          }
          n = embraced;
          if (n.size() == 1) {
            acc = combine(acc, pre + n.get(0), List.of(""), dropEmpties && m.post().isEmpty());
            if (m.post().isEmpty()) {
              break;
            }
            str = m.post();
            continue;
          }
        }
        boolean dropsEmpties = dropEmpties && m.post().isEmpty() && pre.isEmpty();
        for (String a : acc) {
          if (!a.isEmpty()) {
            dropsEmpties = false;
            break;
          }
        }
        values = new ArrayList<>();
        long valuesLength = 0;
        outer:
        for (String part : n) {
          for (String v : expandInner(part, false)) {
            if (dropsEmpties && v.isEmpty()) {
              continue;
            }
            if (values.size() >= MAX || valuesLength + v.length() > MAX_LENGTH) {
              break outer;
            }
            values.add(v);
            valuesLength += v.length();
          }
        }
      }
      acc = combine(acc, pre, values, dropEmpties && m.post().isEmpty());
      if (m.post().isEmpty()) {
        break;
      }
      str = m.post();
    }
    return acc;
  }
}
