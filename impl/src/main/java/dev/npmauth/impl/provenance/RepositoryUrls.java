package dev.npmauth.impl.provenance;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalizes the repository URLs of package manifests ({@code git+https://github.com/o/r.git},
 * {@code github:o/r}, {@code o/r}, {@code git@github.com:o/r.git}) to the form Fulcio writes into
 * certificates ({@code https://github.com/o/r}).
 */
final class RepositoryUrls {
  private static final Pattern SHORTHAND = Pattern.compile(
      "(?:(github|gitlab|bitbucket):)?([A-Za-z0-9][\\w.-]*)/([\\w.-]+)");
  private static final Pattern SCP = Pattern.compile("(?:[\\w.-]+@)?([\\w.-]+):(?!//)(.+)");

  private RepositoryUrls() {
  }

  static Optional<String> normalize(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String s = raw.trim();
    int hash = s.indexOf('#');
    if (hash >= 0) {
      s = s.substring(0, hash);
    }
    if (s.isEmpty()) {
      return Optional.empty();
    }
    Matcher shorthand = SHORTHAND.matcher(s);
    if (shorthand.matches()) {
      String host = shorthand.group(1) == null ? "github" : shorthand.group(1);
      String domain = "bitbucket".equals(host) ? "bitbucket.org" : host + ".com";
      return Optional.of("https://" + domain + "/" + shorthand.group(2) + "/"
          + stripGit(shorthand.group(3)));
    }
    if (s.startsWith("git+")) {
      s = s.substring(4);
    }
    String rest;
    int scheme = s.indexOf("://");
    if (scheme > 0) {
      rest = s.substring(scheme + 3);
      int at = rest.indexOf('@');
      int slash = rest.indexOf('/');
      if (at >= 0 && (slash < 0 || at < slash)) {
        rest = rest.substring(at + 1);
      }
    } else {
      Matcher scp = SCP.matcher(s);
      if (!scp.matches()) {
        return Optional.empty();
      }
      rest = scp.group(1) + "/" + scp.group(2);
    }
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      return Optional.empty();
    }
    String host = rest.substring(0, slash).toLowerCase(Locale.ROOT);
    int port = host.indexOf(':');
    if (port >= 0) {
      host = host.substring(0, port);
    }
    String path = stripGit(rest.substring(slash + 1));
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("https://" + host + "/" + path);
  }

  /** Compares two repository URLs after normalization, ignoring case (hosts and forges do). */
  static boolean same(String a, String b) {
    Optional<String> na = normalize(a);
    Optional<String> nb = normalize(b);
    return na.isPresent() && nb.isPresent() && na.get().equalsIgnoreCase(nb.get());
  }

  private static String stripGit(String path) {
    return path.endsWith(".git") ? path.substring(0, path.length() - 4) : path;
  }
}
