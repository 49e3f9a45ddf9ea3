package dev.npmauth.config;

import dev.npmauth.NpmAuthException;

/** npm configuration could not be read or written: a bad line, a missing variable, a file error. */
public final class NpmConfigException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, where, and what is allowed
   */
  public NpmConfigException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what is wrong
   * @param cause the underlying failure
   */
  public NpmConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
