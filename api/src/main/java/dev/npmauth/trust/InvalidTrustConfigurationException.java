package dev.npmauth.trust;

import dev.npmauth.NpmAuthException;

/**
 * A trusted publisher configuration breaks one of the npm CLI's checks (or names no permission);
 * nothing was sent. The message says what was wrong and what is allowed.
 */
public final class InvalidTrustConfigurationException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and what is allowed
   */
  public InvalidTrustConfigurationException(String message) {
    super(message);
  }
}
