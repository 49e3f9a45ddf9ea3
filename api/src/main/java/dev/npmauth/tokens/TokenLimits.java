package dev.npmauth.tokens;

/**
 * The registry's limits that token requests are checked against before sending.
 *
 * <p>{@link #NPMJS} holds the public registry's documented limits. The npm CLI does not know them
 * (its {@code --expires} help only says the server decides); they come from npm's documentation,
 * docs.npmjs.com "About access tokens": "Set a token expiration date up to 90 days" (since October
 * 2025, npm/documentation#1741), and "Each token can access up to 50 organizations, and up to
 * either 50 packages, 50 scopes, or a combination of 50 packages and scopes". The brief behind
 * this SDK, like npm's announcements, applies the 90 days to tokens with write permission.
 * Registries differ and npm may change them: pass your own when yours does.
 *
 * <pre>{@code
 * TokenRequest.builder(password).limits(new TokenLimits(30, 50, 50))   // a registry allowing 30 days
 * }</pre>
 *
 * @param maxWriteLifetimeDays the longest lifetime, in days, of a token with write permission
 * @param maxPackagesAndScopes how many packages and scopes together one token may name
 * @param maxOrgs how many organizations one token may name
 */
public record TokenLimits(int maxWriteLifetimeDays, int maxPackagesAndScopes, int maxOrgs) {

  /** The public npm registry: write tokens live at most 90 days; 50 packages and scopes; 50 organizations. */
  public static final TokenLimits NPMJS = new TokenLimits(90, 50, 50);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a value is less than one
   */
  public TokenLimits {
    if (maxWriteLifetimeDays < 1 || maxPackagesAndScopes < 1 || maxOrgs < 1) {
      throw new IllegalArgumentException("token limits are at least 1, got " + maxWriteLifetimeDays + " days, "
          + maxPackagesAndScopes + " packages and scopes, " + maxOrgs + " organizations");
    }
  }

  /**
   * These limits with another longest write-token lifetime.
   *
   * @param days at least 1
   * @return the changed limits
   */
  public TokenLimits withMaxWriteLifetimeDays(int days) {
    return new TokenLimits(days, maxPackagesAndScopes, maxOrgs);
  }
}
