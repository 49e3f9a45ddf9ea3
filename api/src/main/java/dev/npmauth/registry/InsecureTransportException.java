package dev.npmauth.registry;

import dev.npmauth.NpmAuthException;
import java.net.URI;

/**
 * A request would have gone over plain {@code http://} to a host that is not loopback, and the
 * client was not built with {@code allowInsecureHttp(true)}. Tokens sent that way can be read on
 * the network.
 */
public final class InsecureTransportException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param url the refused URL
   */
  public InsecureTransportException(URI url) {
    super("refused to send a request over plain http to " + url.getScheme() + "://" + url.getRawAuthority()
        + ": only loopback hosts may use http. Use https, or opt in with allowInsecureHttp(true)"
        + " if this network is trusted");
  }
}
