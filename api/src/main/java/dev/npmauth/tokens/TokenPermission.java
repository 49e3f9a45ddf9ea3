package dev.npmauth.tokens;

import java.util.Locale;

/**
 * What a granular token may do with the packages and scopes (or organizations) it is limited to,
 * as npm's {@code --packages-and-scopes-permission} and {@code --orgs-permission} name it.
 */
public enum TokenPermission {
  /** {@code read-only}: install and view. */
  READ_ONLY("read-only"),
  /** {@code read-write}: also publish and change; the registry limits the lifetime of such tokens. */
  READ_WRITE("read-write"),
  /** {@code no-access}: nothing. */
  NO_ACCESS("no-access");

  private final String wireValue;

  TokenPermission(String wireValue) {
    this.wireValue = wireValue;
  }

  /**
   * The value npm sends.
   *
   * @return {@code read-only}, {@code read-write} or {@code no-access}
   */
  public String wireValue() {
    return wireValue;
  }

  /**
   * Parses the value npm sends (or the constant's name).
   *
   * @param value for example {@code read-write}
   * @return the permission
   * @throws InvalidTokenRequestException naming the allowed values
   */
  public static TokenPermission parse(String value) {
    for (TokenPermission p : values()) {
      if (p.wireValue.equals(value) || p.name().equals(String.valueOf(value).toUpperCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new InvalidTokenRequestException(TokenRule.PERMISSION_VALUE,
        "\"" + value + "\" is not a token permission");
  }
}
