package dev.npmauth.testkit.internal.registry;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The fake registry's own package-name rules (npm's rules for new packages), written here rather
 * than shared with the client so that one misunderstanding cannot hide on both sides of a test.
 *
 * <p>Internal to the testkit; not API.
 */
public final class PackageNames {
  private static final Pattern NAME =
      Pattern.compile("(?:@[a-z0-9~-][a-z0-9._~-]*/)?[a-z0-9~-][a-z0-9._~-]*");
  private static final int MAX_LENGTH = 214;

  private PackageNames() {}

  /** True when {@code name} is a valid new-package name. */
  public static boolean isValid(String name) {
    return problem(name) == null;
  }

  /**
   * Checks a package name.
   *
   * @return {@code name}
   * @throws IllegalArgumentException naming what is wrong and what is allowed
   */
  public static String check(String name) {
    String problem = problem(name);
    if (problem != null) {
      throw new IllegalArgumentException("invalid package name \"" + name + "\": " + problem);
    }
    return name;
  }

  /** True for {@code @scope/name}. */
  public static boolean isScoped(String name) {
    return name.startsWith("@");
  }

  /** The name without its scope: {@code widgets} for {@code @acme/widgets}. */
  public static String bareName(String name) {
    int slash = name.indexOf('/');
    return isScoped(name) && slash > 0 ? name.substring(slash + 1) : name;
  }

  /** The name as npm puts it in a URL path: the scope's {@code /} becomes {@code %2f}. */
  public static String escaped(String name) {
    return isScoped(name) ? name.replace("/", "%2f") : name;
  }

  private static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "a name must not be empty";
    }
    if (name.length() > MAX_LENGTH) {
      return "a name can be at most " + MAX_LENGTH + " characters long";
    }
    if (!name.equals(name.trim())) {
      return "a name must not start or end with spaces";
    }
    if (!name.equals(name.toLowerCase(Locale.ROOT))) {
      return "new package names must not contain capital letters";
    }
    String bare = bareName(name);
    if (bare.startsWith(".") || bare.startsWith("_")) {
      return "a name must not start with a period or an underscore";
    }
    if (bare.equals("node_modules") || bare.equals("favicon.ico")) {
      return "\"" + bare + "\" is a reserved name";
    }
    if (!NAME.matcher(name).matches()) {
      return "a name is either \"name\" or \"@scope/name\", each part using only a-z, 0-9 and"
          + " - . _ ~ (not starting with . or _)";
    }
    return null;
  }
}
