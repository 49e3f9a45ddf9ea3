package dev.npmauth;

/**
 * A registry URL that cannot be used: not absolute, not {@code http}/{@code https}, carrying user
 * information, or plain {@code http} to a host that is not loopback without an explicit opt-in.
 */
public final class InvalidRegistryUrlException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the URL and what is allowed
   */
  public InvalidRegistryUrlException(String message) {
    super(message);
  }
}
