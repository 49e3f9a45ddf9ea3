package dev.npmauth.tokens;

import dev.npmauth.NpmAuthException;

/**
 * {@link Tokens#revoke} found no token for the given id: it is neither the start of a key nor a
 * value starting with a listed token's prefix. The message never repeats a token value.
 */
public final class TokenNotFoundException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param detail what was looked for, free of secrets
   */
  public TokenNotFoundException(String detail) {
    super(detail);
  }
}
