package dev.npmauth.trust;

import java.util.Objects;

/**
 * A listed configuration of a type this SDK does not know; shown by its type only, as the npm CLI
 * shows it.
 *
 * @param type the configuration's type
 */
public record OtherClaims(String type) implements TrustClaims {
  /**
   * Checks that the type is not null.
   *
   * @throws NullPointerException if it is
   */
  public OtherClaims {
    Objects.requireNonNull(type, "type");
  }

  @Override
  public String describe() {
    return type;
  }
}
