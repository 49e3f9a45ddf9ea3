package dev.npmauth.testkit.internal.http;

import java.util.Locale;

/**
 * Content negotiation for packuments: does an {@code Accept} header prefer the abbreviated
 * ("corgi") document {@code application/vnd.npm.install-v1+json} over full JSON?
 *
 * <p>Internal to the testkit; not API.
 */
public final class Accept {
  public static final String ABBREVIATED = "application/vnd.npm.install-v1+json";

  private Accept() {}

  /**
   * True when the abbreviated type is acceptable and weighted at least as high as {@code
   * application/json} (npm sends {@code application/vnd.npm.install-v1+json; q=1.0,
   * application/json; q=0.8, *}{@code /*}).
   */
  public static boolean prefersAbbreviated(String acceptHeader) {
    if (acceptHeader == null) {
      return false;
    }
    double abbreviated = 0;
    double json = -1;
    double wildcard = 0;
    for (String part : acceptHeader.split(",")) {
      String[] pieces = part.split(";");
      String type = pieces[0].trim().toLowerCase(Locale.ROOT);
      double q = 1.0;
      for (int i = 1; i < pieces.length; i++) {
        String param = pieces[i].trim();
        if (param.startsWith("q=")) {
          try {
            q = Double.parseDouble(param.substring(2).trim());
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (type.equals(ABBREVIATED)) {
        abbreviated = Math.max(abbreviated, q);
      } else if (type.equals("application/json")) {
        json = Math.max(json, q);
      } else if (type.equals("application/*") || type.equals("*/*")) {
        wildcard = Math.max(wildcard, q);
      }
    }
    // Only an explicit mention asks for the abbreviated form; a wildcard means "anything", and
    // the full document is the default.
    double full = json >= 0 ? json : wildcard;
    return abbreviated > 0 && abbreviated >= full;
  }
}
