package dev.npmauth;

/**
 * The root of every exception npmauth throws.
 *
 * <p>Each subclass names one kind of failure, and its message says what was wrong and what would
 * fix it. Messages never contain a secret (tokens, ID tokens, passwords, one-time passwords).
 */
public class NpmAuthException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what went wrong.
   *
   * @param message what went wrong, free of secrets
   */
  public NpmAuthException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the underlying cause.
   *
   * @param message what went wrong, free of secrets
   * @param cause the underlying failure
   */
  public NpmAuthException(String message, Throwable cause) {
    super(message, cause);
  }
}
