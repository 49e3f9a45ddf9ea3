package dev.npmauth;

/**
 * A package name breaks one of npm's naming rules.
 *
 * <p>The message quotes the name, names the rule it breaks and says what is allowed.
 */
public final class InvalidPackageNameException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final PackageNameRule rule;

  /**
   * Creates the exception for a name and the first rule it breaks.
   *
   * @param name the refused name as given
   * @param rule the rule it breaks
   */
  public InvalidPackageNameException(String name, PackageNameRule rule) {
    super("invalid npm package name \"" + name + "\": " + rule.description()
        + ". A name is lower case, at most 214 characters, made of a-z 0-9 - . _ ~,"
        + " optionally prefixed by @scope/, and does not start with . _ or -");
    this.name = name;
    this.rule = rule;
  }

  /**
   * The refused name, as given.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The first rule the name breaks.
   *
   * @return the rule
   */
  public PackageNameRule rule() {
    return rule;
  }
}
