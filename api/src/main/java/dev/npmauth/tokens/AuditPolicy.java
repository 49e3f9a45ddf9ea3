package dev.npmauth.tokens;

import java.time.Duration;
import java.util.Objects;

/**
 * What a token audit calls "expiring soon".
 *
 * <pre>{@code
 * client.tokens().audit(session, new AuditPolicy(Duration.ofDays(14)));
 * }</pre>
 *
 * @param expiryWarning write tokens expiring within this time are flagged
 */
public record AuditPolicy(Duration expiryWarning) {

  /**
   * Checks the value.
   *
   * @throws IllegalArgumentException if negative
   * @throws NullPointerException if null
   */
  public AuditPolicy {
    Objects.requireNonNull(expiryWarning, "expiryWarning");
    if (expiryWarning.isNegative()) {
      throw new IllegalArgumentException("the expiry warning window must be zero or more, got " + expiryWarning);
    }
  }

  /**
   * Flags write tokens expiring within seven days.
   *
   * @return the default policy
   */
  public static AuditPolicy defaults() {
    return new AuditPolicy(Duration.ofDays(7));
  }
}
