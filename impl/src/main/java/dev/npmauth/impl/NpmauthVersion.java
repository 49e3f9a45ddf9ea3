package dev.npmauth.impl;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SDK's own version, from a resource written by the build. */
public final class NpmauthVersion {
  private static final String VERSION = load();

  private NpmauthVersion() {
  }

  /**
   * The version.
   *
   * @return for example {@code 0.1.0-SNAPSHOT}
   */
  public static String get() {
    return VERSION;
  }

  /**
   * The user agent the SDK sends, modelled on npm's.
   *
   * @param ciSuffix for example {@code ci/github-actions}, or null
   * @return for example {@code npmauth/0.1.0 java/17.0.15 linux amd64 ci/github-actions}
   */
  public static String userAgent(String ciSuffix) {
    return "npmauth/" + VERSION + " java/" + System.getProperty("java.version") + " "
        + System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + " "
        + System.getProperty("os.arch") + (ciSuffix == null ? "" : " " + ciSuffix);
  }

  private static String load() {
    try (InputStream in = NpmauthVersion.class.getResourceAsStream("npmauth-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
