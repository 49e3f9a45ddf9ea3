package dev.npmauth.impl.pack;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ICU collation npm sorts file names with ({@code a.localeCompare(b, 'en')} in npm-packlist,
 * {@code Intl.Collator('en', {sensitivity: 'case', numeric: true})} for the {@code npm pack
 * --json} listing), for the Unicode root order that English uses.
 *
 * <p>Exact for ASCII: control characters are ignored; white space, then punctuation and symbols
 * in ICU's order ({@code _ - , ; : ! ? . ' " ( ) [ ] { } @ * / \ & # % ` ^ + < = > | ~ $}), then
 * digits, then letters, compared first without case, then lower case before upper case. Beyond
 * ASCII it approximates: accented letters sort with their base letter (the accent compared
 * next), other letters after {@code z} by code point, other symbols with the punctuation.
 */
final class NpmCollator implements Comparator<String> {

  /** npm-packlist's order: {@code localeCompare(…, 'en')}, tertiary strength, no numeric. */
  static final NpmCollator PACKLIST = new NpmCollator(false, false);
  /** {@code npm pack --json}'s listing order: sensitivity {@code case}, numeric. */
  static final NpmCollator LISTING = new NpmCollator(true, true);

  private static final String ASCII_ORDER = "\t\n\u000B\f\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789";
  private static final int[] ASCII_PRIMARY = new int[128];
  private static final int SYMBOL_BAND = 1000; // after the ASCII symbols, before digits
  private static final int DIGIT_BASE = 200_000;
  private static final int LETTER_BASE = 300_000;
  private static final int OTHER_LETTER_BASE = 400_000;

  static {
    for (int i = 0; i < ASCII_ORDER.length(); i++) {
      char c = ASCII_ORDER.charAt(i);
      ASCII_PRIMARY[c] = c >= '0' && c <= '9' ? DIGIT_BASE + (c - '0') : i + 1;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      ASCII_PRIMARY[c] = LETTER_BASE + (c - 'a');
      ASCII_PRIMARY[Character.toUpperCase(c)] = LETTER_BASE + (c - 'a');
    }
  }

  private static final String LATIN_VARIANTS = "\u00F8\u00D8\u0142\u0141\u0111\u0110\u0127\u0126\u00DF\u00E6\u00C6\u0153\u0152";
  private static final String[] LATIN_BASES = {"o", "O", "l", "L", "d", "D", "h", "H", "ss", "ae", "AE", "oe", "OE"};

  /** The common combining marks in the root collation's accent order. */
  private static final String MARK_ORDER = "\u0301\u0300\u0306\u0302\u030C\u030A\u0308\u030B\u0303\u0307"
      + "\u0327\u0328\u0304\u0309\u030F\u0311\u031B\u0323\u0324\u0325\u0326\u032D\u0330\u0331";

  private final boolean numeric;
  private final boolean caseLevelOnly;

  private NpmCollator(boolean numeric, boolean caseLevelOnly) {
    this.numeric = numeric;
    this.caseLevelOnly = caseLevelOnly;
  }

  /**
   * One collation element.
   *
   * @param primary the base weight (0: ignorable at the first level)
   * @param number for a numeric element, its digits without leading zeros
   * @param secondary the accent weight (0 for none)
   * @param upper whether the character is upper case
   */
  private record Element(int primary, String number, int secondary, boolean upper) {
  }

  private List<Element> elements(String s) {
    String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
    List<Element> out = new ArrayList<>(nfd.length());
    int i = 0;
    while (i < nfd.length()) {
      int cp = nfd.codePointAt(i);
      if (numeric && cp >= '0' && cp <= '9') {
        int j = i;
        while (j < nfd.length() && nfd.charAt(j) >= '0' && nfd.charAt(j) <= '9') {
          j++;
        }
        String digits = nfd.substring(i, j).replaceFirst("^0+(?=.)", "");
        out.add(new Element(DIGIT_BASE, digits, 0, false));
        i = j;
        continue;
      }
      i += Character.charCount(cp);
      if (cp < 128) {
        int primary = ASCII_PRIMARY[cp];
        if (primary != 0) {
          out.add(new Element(primary, null, 0, cp >= 'A' && cp <= 'Z'));
        }
        continue;
      }
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
          || type == Character.COMBINING_SPACING_MARK) {
        int rank = MARK_ORDER.indexOf(cp);
        out.add(new Element(0, null, rank >= 0 ? 1 + rank : 100 + cp, false));
      } else if (type == Character.CONTROL || type == Character.FORMAT) {
        // completely ignorable
      } else if (LATIN_VARIANTS.indexOf(cp) >= 0) {
        // letters with a stroke or ligatures, which do not decompose: their base letters, told
        // apart from them at the accent level, as the root collation does
        String base = LATIN_BASES[LATIN_VARIANTS.indexOf(cp)];
        for (int k = 0; k < base.length(); k++) {
          char b = base.charAt(k);
          out.add(new Element(ASCII_PRIMARY[b], null, k == 0 ? 100 + cp : 0, Character.isUpperCase(b)));
        }
      } else if (Character.isLetter(cp)) {
        out.add(new Element(OTHER_LETTER_BASE + Character.toLowerCase(cp), null, 0, Character.isUpperCase(cp)));
      } else if (Character.isDigit(cp)) {
        out.add(new Element(DIGIT_BASE + Character.digit(cp, 10), null, 0, false));
      } else {
        out.add(new Element(SYMBOL_BAND + cp, null, 0, false));
      }
    }
    return out;
  }

  @Override
  public int compare(String a, String b) {
    List<Element> ea = elements(a);
    List<Element> eb = elements(b);
    int c = comparePrimary(ea, eb);
    if (c != 0) {
      return c;
    }
    if (!caseLevelOnly) {
      c = compareSecondary(ea, eb);
      if (c != 0) {
        return c;
      }
    }
    return compareCase(ea, eb);
  }

  private static int comparePrimary(List<Element> ea, List<Element> eb) {
    int i = 0;
    int j = 0;
    while (true) {
      while (i < ea.size() && ea.get(i).primary() == 0) {
        i++;
      }
      while (j < eb.size() && eb.get(j).primary() == 0) {
        j++;
      }
      if (i == ea.size() || j == eb.size()) {
        return Boolean.compare(i < ea.size(), j < eb.size());
      }
      Element x = ea.get(i++);
      Element y = eb.get(j++);
      int c = Integer.compare(x.primary(), y.primary());
      if (c != 0) {
        return c;
      }
      if (x.number() != null && y.number() != null) {
        c = Integer.compare(x.number().length(), y.number().length());
        if (c == 0) {
          c = x.number().compareTo(y.number());
        }
        if (c != 0) {
          return c;
        }
      }
    }
  }

  /** Accents: base characters carry the common weight, marks their own, compared in order. */
  private static int compareSecondary(List<Element> ea, List<Element> eb) {
    List<Integer> sa = secondaries(ea);
    List<Integer> sb = secondaries(eb);
    for (int i = 0; i < Math.min(sa.size(), sb.size()); i++) {
      int c = Integer.compare(sa.get(i), sb.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(sa.size(), sb.size());
  }

  private static List<Integer> secondaries(List<Element> elements) {
    List<Integer> out = new ArrayList<>(elements.size());
    for (Element e : elements) {
      out.add(e.secondary());
    }
    return out;
  }

  /** Case: lower (or uncased) before upper, element by element. */
  private static int compareCase(List<Element> ea, List<Element> eb) {
    List<Boolean> ca = new ArrayList<>();
    List<Boolean> cb = new ArrayList<>();
    for (Element e : ea) {
      if (e.primary() != 0) {
        ca.add(e.upper());
      }
    }
    for (Element e : eb) {
      if (e.primary() != 0) {
        cb.add(e.upper());
      }
    }
    for (int i = 0; i < Math.min(ca.size(), cb.size()); i++) {
      int c = Boolean.compare(ca.get(i), cb.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(ca.size(), cb.size());
  }
}
