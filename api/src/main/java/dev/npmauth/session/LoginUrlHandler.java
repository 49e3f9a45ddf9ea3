package dev.npmauth.session;

import java.net.URI;

/**
 * Shows or opens the page where a human completes a web login, as the npm CLI prints {@code Login
 * at: <url>} and offers to open a browser. It must return promptly: the SDK polls the registry
 * after it returns.
 *
 * <pre>{@code
 * LoginUrlHandler show = url -> System.err.println("Login at:\n" + url);
 * }</pre>
 */
@FunctionalInterface
public interface LoginUrlHandler {

  /**
   * Shows or opens the login page.
   *
   * @param loginUrl the page, an absolute http(s) URL from the registry
   */
  void open(URI loginUrl);
}
