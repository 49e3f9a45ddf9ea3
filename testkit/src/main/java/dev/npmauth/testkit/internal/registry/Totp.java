package dev.npmauth.testkit.internal.registry;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as authenticator apps make them (RFC 6238: HMAC-SHA1, 30-second
 * steps, 6 digits), computed from the registry's clock so a test can ask for the current code.
 *
 * <p>Internal to the testkit; not API.
 */
public final class Totp {
  static final long STEP_SECONDS = 30;

  private Totp() {}

  /** The code for the step that holds {@code at}. */
  public static String code(byte[] secret, Instant at) {
    return codeForStep(secret, Math.floorDiv(at.getEpochSecond(), STEP_SECONDS));
  }

  /** True when {@code code} is the code of the current step or of one step before or after. */
  public static boolean accepts(byte[] secret, Instant at, String code) {
    if (code == null || !code.matches("\\d{6}")) {
      return false;
    }
    long step = Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    for (long s = step - 1; s <= step + 1; s++) {
      if (Secrets.same(codeForStep(secret, s), code)) {
        return true;
      }
    }
    return false;
  }

  private static String codeForStep(byte[] secret, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary =
          ((hash[offset] & 0x7f) << 24)
              | ((hash[offset + 1] & 0xff) << 16)
              | ((hash[offset + 2] & 0xff) << 8)
              | (hash[offset + 3] & 0xff);
      return String.format("%06d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }
}
