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
  private final java.time.Duration retryAfter;

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
    this(kind, status, method, url, registryMessage, null);
  }

  /**
   * Creates the exception with the wait the registry asked for.
   *
   * @param kind what kind of refusal this is
   * @param status the HTTP status
   * @param method the request method
   * @param url the request URL (never holds a secret)
   * @param registryMessage the {@code error} or {@code message} of the JSON error body, or null
   * @param retryAfter the registry's {@code Retry-After}, or null
   */
  public RegistryException(RegistryErrorKind kind, int status, String method, URI url, String registryMessage,
      java.time.Duration retryAfter) {
    super(status + " - " + method + " " + url
        + (registryMessage == null || registryMessage.isBlank() ? "" : " - " + registryMessage)
        + " (" + kind.advice() + ")");
    this.kind = kind;
    this.status = status;
    this.method = method;
    this.url = url;
    this.registryMessage = registryMessage;
    this.retryAfter = retryAfter;
  }

  /**
   * How long the registry asked to wait before trying again ({@code Retry-After}), if it said.
   *
   * @return the wait
   */
  public java.util.Optional<java.time.Duration> retryAfter() {
    return java.util.Optional.ofNullable(retryAfter);
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
