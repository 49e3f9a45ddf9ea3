package dev.npmauth;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The base URL of an npm registry, normalised to end in {@code /}.
 *
 * <pre>{@code
 * RegistryUrl registry = RegistryUrl.of("https://registry.npmjs.org");
 * registry.oidcAudience();   // "npm:registry.npmjs.org"
 * registry.nerfDart();       // "//registry.npmjs.org/"
 * }</pre>
 *
 * @param uri the absolute {@code http} or {@code https} URI, ending in {@code /}
 */
public record RegistryUrl(URI uri) {

  /** The public npm registry. */
  public static final RegistryUrl NPMJS = RegistryUrl.of("https://registry.npmjs.org/");

  /**
   * Checks and normalises the URI.
   *
   * @throws InvalidRegistryUrlException if the URI is not an absolute http(s) URL without user
   *     information, query or fragment
   */
  public RegistryUrl {
    if (uri == null) {
      throw new InvalidRegistryUrlException("registry URL must not be null");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new InvalidRegistryUrlException("registry URL must be an absolute http:// or https:// URL, got \""
          + uri + "\"");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new InvalidRegistryUrlException("registry URL must name a host, got \"" + uri + "\"");
    }
    if (uri.getRawUserInfo() != null) {
      throw new InvalidRegistryUrlException(
          "registry URL must not carry credentials (user:password@); configure a token instead");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new InvalidRegistryUrlException(
          "registry URL must not have a query or fragment, got \"" + uri + "\"");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (!path.endsWith("/")) {
      path = path + "/";
    }
    try {
      uri = new URI(scheme + "://" + uri.getRawAuthority() + path);
    } catch (URISyntaxException e) {
      throw new InvalidRegistryUrlException("registry URL is not valid: " + e.getMessage());
    }
  }

  /**
   * Parses a registry URL; a missing trailing slash is added.
   *
   * @param url for example {@code https://registry.npmjs.org/}
   * @return the registry URL
   * @throws InvalidRegistryUrlException if it is not an absolute http(s) URL
   */
  public static RegistryUrl of(String url) {
    try {
      return new RegistryUrl(new URI(url));
    } catch (URISyntaxException e) {
      throw new InvalidRegistryUrlException("registry URL is not valid: \"" + url + "\": "
          + e.getReason());
    }
  }

  /**
   * The host name, without port.
   *
   * @return for example {@code registry.npmjs.org}
   */
  public String host() {
    return uri.getHost();
  }

  /**
   * The audience an OIDC ID token must have for trusted publishing to this registry:
   * {@code npm:} followed by the host name (no port, no path), as the npm CLI requests it.
   *
   * @return for example {@code npm:registry.npmjs.org}
   */
  public String oidcAudience() {
    return "npm:" + host();
  }

  /**
   * The key prefix under which {@code .npmrc} keeps credentials for this registry.
   *
   * @return for example {@code //registry.npmjs.org/} or {@code //127.0.0.1:4873/prefix/}
   */
  public String nerfDart() {
    return "//" + uri.getRawAuthority() + uri.getRawPath();
  }

  /**
   * The origin of this registry ({@code scheme://host[:port]}), where the npm CLI sends the OIDC
   * token exchange whatever the registry's path prefix.
   *
   * @return for example {@code https://registry.npmjs.org}
   */
  public URI origin() {
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/");
  }

  /**
   * Resolves a path below this registry's base, keeping its path prefix.
   *
   * @param relativePath a path without a leading slash, for example {@code -/whoami}
   * @return the absolute URI
   */
  public URI resolve(String relativePath) {
    String rel = relativePath.startsWith("/") ? relativePath.substring(1) : relativePath;
    return URI.create(uri.toString() + rel);
  }

  /**
   * Whether this registry uses TLS.
   *
   * @return true for {@code https}
   */
  public boolean isHttps() {
    return uri.getScheme().equals("https");
  }

  /**
   * Whether the host is a loopback address ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}).
   * Plain http is allowed to loopback without an opt-in.
   *
   * @return true for a loopback host
   */
  public boolean isLoopback() {
    String host = host();
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
      return false; // a DNS name: do not resolve it here
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** The URL, ending in {@code /}. */
  @Override
  public String toString() {
    return uri.toString();
  }
}
