package dev.npmauth.provenance;

import dev.npmauth.NpmAuthException;

/**
 * A Sigstore bundle could not be parsed: not JSON, a field of the wrong type, invalid base64, a
 * negative log index, ... The message names the field (a JSON path).
 */
public class BundleParseException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the field
   */
  public BundleParseException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what is wrong, naming the field
   * @param cause the underlying failure
   */
  public BundleParseException(String message, Throwable cause) {
    super(message, cause);
  }
}
