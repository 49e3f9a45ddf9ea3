package dev.npmauth.registry;

import dev.npmauth.NpmAuthException;
import java.net.URI;

/**
 * The request got no answer: the connection failed or dropped, or a timeout passed. Requests that
 * are safe to repeat have been retried (see {@link dev.npmauth.RetryPolicy}) before this is thrown.
 */
public final class RegistryUnreachableException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final URI url;
  private final boolean timedOut;

  /**
   * Creates the exception.
   *
   * @param method the request method
   * @param url the request URL
   * @param timedOut whether a timeout passed (rather than the connection failing)
   * @param cause the I/O failure
   */
  public RegistryUnreachableException(String method, URI url, boolean timedOut, Throwable cause) {
    super((timedOut ? "timed out: " : "no answer: ") + method + " " + url + " - " + cause.getMessage()
        + (timedOut ? " (the registry did not answer in time; retry, or raise the timeout)"
            : " (check the registry URL and the network)"), cause);
    this.method = method;
    this.url = url;
    this.timedOut = timedOut;
  }

  /**
   * The request method.
   *
   * @return for example {@code GET}
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
   * Whether a timeout passed.
   *
   * @return true for a timeout, false for a failed or dropped connection
   */
  public boolean timedOut() {
    return timedOut;
  }
}
