package dev.npmauth.publish;

import dev.npmauth.NpmAuthException;

/** A publish was refused before anything was sent: the tarball or its package.json is not publishable. */
public class PublishException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and what is allowed
   */
  public PublishException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what is wrong
   * @param cause the underlying failure
   */
  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
