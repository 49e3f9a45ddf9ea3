package dev.npmauth.tokens;

import dev.npmauth.NpmAuthException;

/**
 * A rotation cannot go on safely: the old token is not among the listed ones, its rights are not
 * shown, the replacement does not work, or the journal belongs to another rotation. The old token
 * is never revoked when this is thrown before {@link RotationStep#REVOKE_OLD}. The message never
 * holds a token.
 */
public final class TokenRotationException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and what to do, free of secrets
   */
  public TokenRotationException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what is wrong and what to do, free of secrets
   * @param cause the underlying failure
   */
  public TokenRotationException(String message, Throwable cause) {
    super(message, cause);
  }
}
