package dev.npmauth.tokens;

/** The rules a {@link TokenRequest} is checked against before it is sent. */
public enum TokenRule {
  /** A password is required: the registry asks for it to create a token. */
  PASSWORD_REQUIRED("the account password is required to create a token"),
  /** A name or description, when given, is not blank. */
  TEXT_NOT_BLANK("a name or description, when given, must not be blank"),
  /** The lifetime is a positive number of days. */
  EXPIRY_POSITIVE("expires is a number of days, at least 1"),
  /** A token with write permission may not outlive the registry's maximum. */
  WRITE_EXPIRY_WITHIN_LIMIT("a token with read-write permission may live at most the registry's maximum lifetime"),
  /** Package names follow npm's rules. */
  PACKAGE_NAME_VALID("packages are npm package names such as left-pad or @acme/widgets"),
  /** Scope names are lower-case, URL-safe, optionally with a leading {@code @}. */
  SCOPE_NAME_VALID("scopes look like @acme or acme: lower-case letters, digits and - . _ ~, not starting with . or _"),
  /** Organization names are lower-case and URL-safe. */
  ORG_NAME_VALID("organizations look like acme: lower-case letters, digits and - . _ ~, not starting with . or _"),
  /** {@code packages_all} grants every package, so naming packages or scopes too is a mistake. */
  PACKAGES_ALL_EXCLUSIVE("packages_all gives every package: do not also name packages or scopes"),
  /** A token names at most the registry's number of packages and scopes, and of organizations. */
  SELECTION_WITHIN_LIMIT("a token may name at most the registry's maximum of packages and scopes (50 on npmjs) and of organizations (50)"),
  /** Permissions are {@code read-only}, {@code read-write} or {@code no-access}. */
  PERMISSION_VALUE("a permission is read-only, read-write or no-access"),
  /** The CIDR allow-list holds IPv4 ranges only, as the npm CLI enforces (EINVALIDCIDR). */
  CIDR_IPV4_ONLY("the CIDR allow-list accepts IPv4 ranges only"),
  /** Each allow-list entry is an IPv4 CIDR range such as {@code 192.0.2.0/24}. */
  CIDR_VALID("a CIDR range looks like 192.0.2.0/24: four numbers 0-255 and a prefix length 0-32");

  private final String description;

  TokenRule(String description) {
    this.description = description;
  }

  /**
   * The rule in one sentence, saying what is allowed.
   *
   * @return the description
   */
  public String description() {
    return description;
  }
}
