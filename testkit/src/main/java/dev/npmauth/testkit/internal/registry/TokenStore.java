package dev.npmauth.testkit.internal.registry;

import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.http.Request;
import dev.npmauth.testkit.internal.http.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens the fake registry knows, keyed by the SHA-256 digest of the token (the value itself
 * is never stored), and the authentication of requests that carry one.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class TokenStore {
  private final Map<String, TokenGrant> grants = new ConcurrentHashMap<>();
  private final Clock clock;

  public TokenStore(Clock clock) {
    this.clock = clock;
  }

  /**
   * Registers a token.
   *
   * @throws IllegalArgumentException if the same token value is already registered
   */
  public void add(String token, TokenGrant grant) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the token factory returned an empty token");
    }
    if (grants.putIfAbsent(Secrets.digest(token), grant) != null) {
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
    TokenGrant grant = grants.get(Secrets.digest(token.get()));
    if (grant == null) {
      throw HttpError.of(401, "the token is not valid (unknown or revoked)");
    }
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
    return Optional.of(grant);
  }

  /**
   * Like {@link #authenticate} but a missing token is a 401 too.
   *
   * @param action what needs the token, for the message, e.g. "publish packages"
   */
  public TokenGrant require(Request request, String action) {
    return authenticate(request)
        .orElseThrow(() -> HttpError.of(401, "You must be logged in to " + action + "."));
  }
}
