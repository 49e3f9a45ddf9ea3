package dev.npmauth.tokens;

import java.util.List;
import java.util.Objects;

/**
 * One token of an audit with its flags (none when nothing is risky).
 *
 * @param token the token as listed
 * @param id its short display id (npm's shortest unique key prefix)
 * @param flags what is risky about it, in {@link AuditFlag} order
 */
public record AuditFinding(TokenInfo token, String id, List<AuditFlag> flags) {
  /**
   * Copies the list and checks that nothing is null.
   *
   * @throws NullPointerException if a component is null
   */
  public AuditFinding {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(id, "id");
    flags = List.copyOf(flags);
  }
}
