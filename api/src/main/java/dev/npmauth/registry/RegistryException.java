package dev.npmauth.registry;

import dev.npmauth.NpmAuthException;
import java.net.URI;
import java.util.Optional;

/**
 * The registry answered with an error status. The message reads like npm's:
 * {@code <status> - <METHOD> <url> - <registry's message>}, followed by advice.
 */
public class RegistryException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  private final RegistryErrorKind kind;
  private final int status;
  private final String method;
  private final URI url;
  private final String registryMessage;

  /**
   * Creates the exception.
   *
   * @param kind what kind of refusal this is
   * @param status the HTTP status
   * @param method the request method
   * @param url the request URL (never holds a secret)
   * @param registryMessage the {@code error} or {@code message} of the JSON error body, or null
   */
  public RegistryException(RegistryErrorKind kind, int status, String method, URI url, String registryMessage) {
    super(status + " - " + method + " " + url
        + (registryMessage == null || registryMessage.isBlank() ? "" : " - " + registryMessage)
        + " (" + kind.advice() + ")");
    this.kind = kind;
    this.status = status;
    this.method = method;
    this.url = url;
    this.registryMessage = registryMessage;
  }

  /**
   * What kind of refusal this is.
   *
   * @return the kind
   */
  public RegistryErrorKind kind() {
    return kind;
  }

  /**
   * The HTTP status.
   *
   * @return for example 403
   */
  public int status() {
    return status;
  }

  /**
   * The request method.
   *
   * @return for example {@code PUT}
   */
  public String method() {
    return method;
  }

  /**
   * The request URL.
   *
   * @return the URL
   */
  public URI url() {
    return url;
  }

  /**
   * The registry's own message, from the {@code error} or {@code message} field of its JSON body.
   *
   * @return the message, if the body had one
   */
  public Optional<String> registryMessage() {
    return Optional.ofNullable(registryMessage).filter(m -> !m.isBlank());
  }
}
