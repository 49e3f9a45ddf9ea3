package dev.npmauth.testkit.internal.http;

/**
 * The checks of a fake server builder's {@code host} and {@code port}, so that the registry and
 * the Sigstore refuse the same values with the same words.
 *
 * <p>Internal to the testkit; not API.
 */
public final class ListenAddress {
  private ListenAddress() {}

  /**
   * @return {@code host}
   * @throws IllegalArgumentException if it is null or blank
   */
  public static String host(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("the host must not be empty");
    }
    return host;
  }

  /**
   * @return {@code port}
   * @throws IllegalArgumentException if it is not in 0..65535 (0 picks a free port)
   */
  public static int port(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("a port is between 0 and 65535 (0 picks a free one), got " + port);
    }
    return port;
  }
}
