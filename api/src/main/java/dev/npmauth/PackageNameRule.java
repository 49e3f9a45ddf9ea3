package dev.npmauth;

/**
 * The rules an npm package name must follow, as the npm CLI's {@code validate-npm-package-name}
 * applies them. The first group holds for every name; the rules marked "new packages only" are the
 * ones the registry applies when a package is created (older packages may break them).
 */
public enum PackageNameRule {
  /** The name is not empty. */
  NOT_EMPTY("name length must be greater than zero"),
  /** The name does not start with a period. */
  NO_LEADING_PERIOD("name cannot start with a period"),
  /** The name does not start with a hyphen. */
  NO_LEADING_HYPHEN("name cannot start with a hyphen"),
  /** The name does not start with an underscore. */
  NO_LEADING_UNDERSCORE("name cannot start with an underscore"),
  /** The name has no leading or trailing white space. */
  NO_SURROUNDING_SPACES("name cannot contain leading or trailing spaces"),
  /** The name is not {@code node_modules} or {@code favicon.ico}. */
  NOT_EXCLUDED("name cannot be node_modules or favicon.ico"),
  /**
   * The name holds only URL-friendly characters ({@code a-z A-Z 0-9 - . _ ~ ! * ' ( )}), with one
   * {@code @scope/} prefix allowed.
   */
  URL_FRIENDLY("name can only contain URL-friendly characters (a-z 0-9 - . _ ~, and one @scope/ prefix)"),
  /** New packages only: the name is not a Node.js core module. */
  NOT_CORE_MODULE("name cannot be a Node.js core module name"),
  /** New packages only: the name is at most 214 characters long. */
  AT_MOST_214_CHARACTERS("name can no longer contain more than 214 characters"),
  /** New packages only: the name has no capital letters. */
  LOWER_CASE("name can no longer contain capital letters"),
  /** New packages only: the part after the scope has none of {@code ~'!()*}. */
  NO_SPECIAL_CHARACTERS("name can no longer contain special characters (\"~'!()*\")");

  private final String description;

  PackageNameRule(String description) {
    this.description = description;
  }

  /**
   * The rule in the words npm uses for it.
   *
   * @return a sentence such as {@code name cannot start with a period}
   */
  public String description() {
    return description;
  }

  /**
   * Whether the registry applies this rule only to packages that do not exist yet.
   *
   * @return true for the rules that older packages may break
   */
  public boolean newPackagesOnly() {
    return ordinal() >= NOT_CORE_MODULE.ordinal();
  }
}
