package dev.npmauth.testkit.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of URL parts as UTF-8. Malformed escapes are kept literally, as browsers do.
 *
 * <p>Internal to the testkit; not API.
 */
public final class PercentDecoding {
  private PercentDecoding() {}

  /**
   * Decodes {@code %XX} escapes.
   *
   * @param plusIsSpace true for query strings (form encoding), false for paths
   */
  public static String decode(String raw, boolean plusIsSpace) {
    if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b == '%' && i + 2 < bytes.length) {
        int hi = Character.digit(bytes[i + 1], 16);
        int lo = Character.digit(bytes[i + 2], 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      out.write(plusIsSpace && b == '+' ? ' ' : b);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
