package dev.npmauth.testkit;

/** Two-factor authentication settings of a fake registry account, as npm names them. */
public enum TwoFactorMode {
  /** No two-factor authentication. */
  NONE,
  /** A one-time password is needed to log in with a password and to manage trusted publishers. */
  AUTH_ONLY,
  /**
   * As {@link #AUTH_ONLY}, and every write (publish, token create and revoke, trust changes)
   * needs {@code npm-otp} unless the token bypasses 2FA.
   */
  AUTH_AND_WRITES
}
