package dev.npmauth.provenance;

import dev.npmauth.NpmAuthException;

/**
 * A trusted root could not be read or is invalid (bad JSON, undecodable key or certificate, a
 * validity window without a start, ...). The message names the offending field.
 */
public class TrustedRootException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the field
   */
  public TrustedRootException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what is wrong, naming the field
   * @param cause the underlying failure
   */
  public TrustedRootException(String message, Throwable cause) {
    super(message, cause);
  }
}
