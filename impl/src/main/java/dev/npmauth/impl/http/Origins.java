package dev.npmauth.impl.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import okhttp3.HttpUrl;

/** Origins and loopback checks for URLs. */
public final class Origins {
  private Origins() {
  }

  /**
   * The origin of a URL.
   *
   * @param url the URL
   * @return {@code scheme://host:port}, with the port always written
   */
  public static String of(HttpUrl url) {
    return url.scheme() + "://" + url.host().toLowerCase(java.util.Locale.ROOT) + ":" + url.port();
  }

  /**
   * Whether a host is loopback ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}), without a
   * DNS lookup.
   *
   * @param host the host as OkHttp reports it
   * @return true for a loopback host
   */
  public static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+") && !host.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
