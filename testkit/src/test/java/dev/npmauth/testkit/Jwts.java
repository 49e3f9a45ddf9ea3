package dev.npmauth.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Reads a JWT payload without verifying it (verification is what the tests check elsewhere). */
final class Jwts {
  private Jwts() {}

  static Map<String, Object> payload(String jwt) throws IOException {
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      throw new AssertionError("not a compact JWS: " + parts.length + " parts");
    }
    return TestHttp.json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }
}
