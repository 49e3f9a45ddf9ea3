package dev.npmauth.registry;

import java.net.URI;
import java.util.Optional;

/**
 * The registry wants a one-time password: a 401 with {@code WWW-Authenticate: OTP}, or a 401 whose
 * body says "one-time pass". For web-based 2FA the registry also gives an {@code authUrl} to open
 * and a {@code doneUrl} to poll.
 */
public final class OtpRequiredException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final URI authUrl;
  private final URI doneUrl;

  /**
   * Creates the exception.
   *
   * @param status the HTTP status (401)
   * @param method the request method
   * @param url the request URL
   * @param registryMessage the registry's message, or null
   * @param authUrl the web 2FA page, or null
   * @param doneUrl the web 2FA poll URL, or null
   */
  public OtpRequiredException(int status, String method, URI url, String registryMessage, URI authUrl, URI doneUrl) {
    super(RegistryErrorKind.OTP_REQUIRED, status, method, url, registryMessage);
    this.authUrl = authUrl;
    this.doneUrl = doneUrl;
  }

  /**
   * The page where a human approves the operation, for web-based 2FA.
   *
   * @return the URL, if the registry gave one
   */
  public Optional<URI> authUrl() {
    return Optional.ofNullable(authUrl);
  }

  /**
   * The URL to poll until the web-based 2FA is approved.
   *
   * @return the URL, if the registry gave one
   */
  public Optional<URI> doneUrl() {
    return Optional.ofNullable(doneUrl);
  }
}
