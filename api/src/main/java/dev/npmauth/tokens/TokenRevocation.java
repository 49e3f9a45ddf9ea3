package dev.npmauth.tokens;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Tokens#revoke} sent: the full key the given id resolved to, or the token value
 * itself (which never appears here).
 *
 * @param key the key revoked, when the id was a key or a unique key prefix
 * @param byTokenValue true when the token value itself was sent, as npm does for a value
 */
public record TokenRevocation(Optional<String> key, boolean byTokenValue) {
  /**
   * Checks that nothing is null.
   *
   * @throws NullPointerException if a component is null
   */
  public TokenRevocation {
    Objects.requireNonNull(key, "key");
  }
}
