package dev.npmauth.tokens;

/** A risky property of a token, as a {@link TokenAudit} flags it. */
public enum AuditFlag {
  /** A token with write rights that never expires: a leak stays useful forever. */
  WRITE_WITHOUT_EXPIRY("write token without expiry"),
  /** A token with write rights that expires within the policy window, or has expired: rotate it. */
  WRITE_EXPIRING("write token expiring soon or expired"),
  /** A token with write rights over every package: limit it to the packages it publishes. */
  WRITE_ALL_PACKAGES("write token over all packages"),
  /** A token that skips two-factor authentication. */
  BYPASSES_2FA("bypasses two-factor authentication"),
  /** A token usable from any address: give it the CI's IPv4 ranges. */
  NO_CIDR_RESTRICTION("usable from any IP address");

  private final String description;

  AuditFlag(String description) {
    this.description = description;
  }

  /**
   * What the flag means.
   *
   * @return a short phrase
   */
  public String description() {
    return description;
  }
}
