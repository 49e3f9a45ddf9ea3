package dev.npmauth.testkit.internal.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;

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
   * Hex SHA-256 of a secret, used as its lookup key. BouncyCastle's digest rather than the JCA's:
   * the admin token is looked up this way at every start, and the JCA's first digest loads the whole
   * {@code SUN} provider (~15 ms).
   */
  public static String digest(String secret) {
    byte[] in = secret.getBytes(StandardCharsets.UTF_8);
    SHA256Digest sha256 = new SHA256Digest();
    sha256.update(in, 0, in.length);
    byte[] out = new byte[sha256.getDigestSize()];
    sha256.doFinal(out, 0);
    return HexFormat.of().formatHex(out);
  }

  /** Compares two secrets in time independent of where they differ. */
  public static boolean same(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
