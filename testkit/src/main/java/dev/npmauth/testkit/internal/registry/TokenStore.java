package dev.npmauth.testkit.internal.registry;

import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.http.Request;
import dev.npmauth.testkit.internal.http.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens the fake registry knows, keyed by the SHA-256 digest of the token (the value itself
 * is not kept once the token is keyed), and the authentication of requests that carry one. Tokens made by users
 * (granular tokens, login sessions, test tokens) also have a {@link TokenRecord}, so the token
 * API can list and revoke them by key.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class TokenStore {
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  /** Tokens registered by {@link #addKeyedOnFirstUse} and not yet keyed; written under this. */
  private volatile List<Unkeyed> unkeyed = List.of();

  /** A token not yet keyed; a class, not a record, so that no {@code toString} shows the token. */
  private static final class Unkeyed {
    private final String token;
    private final TokenGrant grant;

    Unkeyed(String token, TokenGrant grant) {
      this.token = token;
      this.grant = grant;
    }
  }

  /** One known token: its rights and, for listable tokens, what the list shows. */
  public record Entry(String digest, TokenGrant grant, TokenRecord record) {}

  public TokenStore(Clock clock) {
    this.clock = clock;
  }

  /**
   * Registers a token that the token API does not list (admin, OIDC-exchanged).
   *
   * @throws IllegalArgumentException if the same token value is already registered
   */
  public void add(String token, TokenGrant grant) {
    add(token, grant, null);
  }

  /**
   * Registers a token with what the token list shows about it (null: not listed).
   *
   * @throws IllegalArgumentException if the same token value is already registered
   */
  public void add(String token, TokenGrant grant, TokenRecord record) {
    requireNonBlank(token);
    put(entries(), token, grant, record);
  }

  /**
   * Registers the first token of a new store (the admin token), to be keyed on the store's first
   * use rather than now. Keying takes a SHA-256 digest, and the first digest in a JVM loads the
   * JDK's {@code SUN} provider, about 15 ms in a fresh JVM: a start need not wait for that, and
   * the first answers (a ping, a packument) do not need it. Every other method of this store keys
   * such a token before it reads or writes.
   *
   * @throws IllegalArgumentException if the token is empty
   * @throws IllegalStateException if the store already has tokens
   */
  public void addKeyedOnFirstUse(String token, TokenGrant grant) {
    requireNonBlank(token);
    synchronized (this) {
      if (!entries.isEmpty() || !unkeyed.isEmpty()) {
        throw new IllegalStateException("only a new store's first token can be keyed on first use");
      }
      unkeyed = List.of(new Unkeyed(token, grant));
    }
  }

  /** The map of keyed tokens, after keying those added by {@link #addKeyedOnFirstUse}. */
  private Map<String, Entry> entries() {
    if (!unkeyed.isEmpty()) {
      synchronized (this) {
        for (Unkeyed u : unkeyed) {
          put(entries, u.token, u.grant, null);
        }
        unkeyed = List.of(); // volatile write after the puts: a reader that sees it sees them
      }
    }
    return entries;
  }

  private static void requireNonBlank(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the token factory returned an empty token");
    }
  }

  private static void put(Map<String, Entry> entries, String token, TokenGrant grant, TokenRecord record) {
    String digest = Secrets.digest(token);
    if (entries.putIfAbsent(digest, new Entry(digest, grant, record)) != null) {
      throw new IllegalArgumentException(
          "the token factory returned a token that is already in use; tokens must be unique");
    }
  }

  /**
   * Who the request's credentials belong to: empty without an {@code Authorization} header.
   *
   * @throws HttpError 401 for an unknown or expired token, a non-Bearer scheme, or a token used
   *     outside its CIDR allow-list ({@code WWW-Authenticate: ipaddress}, which npm reports as
   *     EAUTHIP)
   */
  public Optional<TokenGrant> authenticate(Request request) {
    return authenticatedEntry(request).map(Entry::grant);
  }

  /** Like {@link #authenticate} but returns the whole entry (for the token's own key). */
  public Optional<Entry> authenticatedEntry(Request request) {
    Optional<String> header = request.header("authorization");
    if (header.isEmpty() || header.get().isBlank()) {
      return Optional.empty();
    }
    Optional<String> token = request.bearerToken();
    if (token.isEmpty()) {
      String scheme = header.get().trim().split("\\s+")[0];
      throw HttpError.of(
          401,
          "the fake registry accepts only Bearer tokens, not the \"" + scheme + "\" scheme");
    }
    Entry entry = entries().get(Secrets.digest(token.get()));
    if (entry == null) {
      throw HttpError.of(401, "the token is not valid (unknown or revoked)");
    }
    TokenGrant grant = entry.grant();
    Instant now = clock.instant();
    if (grant.expires() != null && !now.isBefore(grant.expires())) {
      throw HttpError.of(
          401, "the token expired at " + Times.iso(grant.expires()) + " (now " + Times.iso(now) + ")");
    }
    if (!grant.cidrs().isEmpty()
        && grant.cidrs().stream().noneMatch(c -> c.contains(request.remoteAddress()))) {
      String message = "Login is not allowed from your IP address (the token allows " + grant.cidrs() + ")";
      throw HttpError.of(
          Response.error(401, message).header("www-authenticate", "ipaddress"), message);
    }
    return Optional.of(entry);
  }

  /**
   * Like {@link #authenticate} but a missing token is a 401 too.
   *
   * @param action what needs the token, for the message, e.g. "publish packages"
   */
  public TokenGrant require(Request request, String action) {
    return requireEntry(request, action).grant();
  }

  /** Like {@link #require} but returns the whole entry. */
  public Entry requireEntry(Request request, String action) {
    return authenticatedEntry(request)
        .orElseThrow(() -> HttpError.of(401, "You must be logged in to " + action + "."));
  }

  /** The entry of a token value, if it is known (whether or not it has expired). */
  public Optional<Entry> byValue(String token) {
    return token == null || token.isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(entries().get(Secrets.digest(token)));
  }

  /** The listed token of {@code user} with this key. */
  public Optional<Entry> byKey(String user, String key) {
    return entries().values().stream()
        .filter(e -> e.record() != null && e.record().key().equals(key) && e.grant().user().equals(user))
        .findFirst();
  }

  /** The listed tokens of a user, oldest first (ties by key), expired ones included. */
  public List<Entry> listed(String user) {
    return entries().values().stream()
        .filter(e -> e.record() != null && e.grant().user().equals(user))
        .sorted(Comparator.comparing((Entry e) -> e.record().created()).thenComparing(e -> e.record().key()))
        .toList();
  }

  /** Every listed token, oldest first. */
  public List<Entry> listed() {
    return entries().values().stream()
        .filter(e -> e.record() != null)
        .sorted(Comparator.comparing((Entry e) -> e.record().created()).thenComparing(e -> e.record().key()))
        .toList();
  }

  /** Forgets a token; true when it was known. */
  public boolean revoke(Entry entry) {
    return entries().remove(entry.digest()) != null;
  }

  /** Whether a token value would be accepted now from an address its CIDR list allows. */
  public boolean works(String token) {
    return byValue(token)
        .map(e -> e.grant().expires() == null || clock.instant().isBefore(e.grant().expires()))
        .orElse(false);
  }

  /** For snapshots: a copy of the known tokens (the entries are immutable). */
  Map<String, Entry> entriesCopy() {
    return new java.util.HashMap<>(entries());
  }

  /** For snapshots: replaces every known token. */
  void replaceEntries(Map<String, Entry> replacement) {
    Map<String, Entry> keyed = entries();
    keyed.clear();
    keyed.putAll(replacement);
  }
}
