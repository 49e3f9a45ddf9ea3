package dev.npmauth.tokens;

import dev.npmauth.NpmAuthException;
import java.util.Objects;

/**
 * A token request breaks a rule; nothing was sent. The message says what was wrong and the rule
 * (what is allowed).
 */
public final class InvalidTokenRequestException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  private final TokenRule rule;

  /**
   * Creates the exception.
   *
   * @param rule the broken rule
   * @param detail what was wrong, free of secrets
   */
  public InvalidTokenRequestException(TokenRule rule, String detail) {
    super(detail + " (" + Objects.requireNonNull(rule, "rule").description() + ")");
    this.rule = rule;
  }

  /**
   * The broken rule.
   *
   * @return the rule
   */
  public TokenRule rule() {
    return rule;
  }
}
