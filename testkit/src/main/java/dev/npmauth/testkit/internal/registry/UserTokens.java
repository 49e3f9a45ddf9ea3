package dev.npmauth.testkit.internal.registry;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Issues the tokens users hold (granular tokens, login sessions, tokens a test makes) with a key
 * and a list entry, so the token API lists and revokes them.
 *
 * <p>Internal to the testkit; not API.
 */
public final class UserTokens {
  /** How long a login session lasts. */
  public static final Duration SESSION_LIFETIME = Duration.ofHours(2);

  /** A token just made: its value (returned once, never kept) and its list entry. */
  public record Issued(String token, TokenRecord record, TokenGrant grant) {}

  private final TokenStore store;
  private final Supplier<String> tokenFactory;
  private final SecureRandom random;
  private final Clock clock;

  public UserTokens(TokenStore store, Supplier<String> tokenFactory, SecureRandom random, Clock clock) {
    this.store = store;
    this.tokenFactory = tokenFactory;
    this.random = random;
    this.clock = clock;
  }

  /** Issues a token with these rights and list details. */
  public Issued issue(
      TokenGrant grant,
      String name,
      String description,
      String origin,
      String packagesPermission,
      String orgsPermission,
      Set<String> orgs,
      boolean packagesAll) {
    String token = tokenFactory.get();
    if (token == null || token.isBlank()) {
      throw new IllegalStateException("the token factory returned an empty token");
    }
    TokenRecord record =
        new TokenRecord(
            Secrets.randomHex(random, 16),
            TokenRecord.prefixOf(token),
            name,
            description,
            clock.instant(),
            origin,
            packagesPermission,
            orgsPermission,
            orgs,
            packagesAll);
    store.add(token, grant, record);
    return new Issued(token, record, grant);
  }

  /** A login session of {@code user}: read-write on every package, for two hours. */
  public Issued session(String user) {
    Instant expires = clock.instant().plus(SESSION_LIFETIME);
    TokenGrant grant =
        new TokenGrant(user, TokenGrant.Kind.USER, false, Set.of(), expires, false, List.of(), Set.of());
    return issue(grant, null, null, "session", null, null, Set.of(), false);
  }
}
