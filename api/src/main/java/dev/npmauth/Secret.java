package dev.npmauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value: an npm token, an OIDC ID token, a password or a one-time password.
 *
 * <p>{@link #toString()} never shows the value; it shows {@link #redacted()}. The only way to read
 * the value is {@link #reveal()}, which the SDK calls where the value must go on the wire.
 *
 * <pre>{@code
 * Secret token = Secret.of(System.getenv("NPM_TOKEN"));
 * System.out.println(token); // Secret[****] (40 chars)
 * }</pre>
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @param value the secret; must not be null or empty
   * @return the wrapped secret
   * @throws IllegalArgumentException if {@code value} is null or empty
   */
  public static Secret of(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be null or empty");
    }
    return new Secret(value);
  }

  /**
   * Returns the secret value itself. Call it only where the value must leave the process (an HTTP
   * header, a secret store), never to log or print it.
   *
   * @return the secret value
   */
  public String reveal() {
    return value;
  }

  /**
   * A printable stand-in for the value that tells nothing about it but its length.
   *
   * @return for example {@code Secret[****] (40 chars)}
   */
  public String redacted() {
    return "Secret[****] (" + value.length() + " chars)";
  }

  /** Returns {@link #redacted()}: the value itself is never printed. */
  @Override
  public String toString() {
    return redacted();
  }

  /** Two secrets are equal when their values are equal; compared in constant time. */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Secret that)) {
      return false;
    }
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return Objects.hash(value.length());
  }
}
