package dev.npmauth.testkit.internal.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random secrets and their digests. The fake keeps tokens by SHA-256 digest, never by value.
 *
 * <p>Internal to the testkit; not API.
 */
public final class Secrets {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private Secrets() {}

  /** {@code npm_} followed by 36 random letters and digits, like a real npm token. */
  public static String npmToken(SecureRandom random) {
    return "npm_" + randomAlphanumeric(random, 36);
  }

  public static String randomAlphanumeric(SecureRandom random, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }

  /** {@code bytes} random bytes as lower-case hex. */
  public static String randomHex(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * Hex SHA-256 of a secret, used as its lookup key. The JDK's digest, not BouncyCastle's: the
   * first request with a token keys the admin token, and in a test JVM the first BouncyCastle class
   * makes the JDK verify the signature of the whole signed {@code bcprov} jar (about 0.3 s).
   */
  public static String digest(String secret) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Compares two secrets in time independent of where they differ. */
  public static boolean same(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
