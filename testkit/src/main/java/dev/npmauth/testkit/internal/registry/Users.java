package dev.npmauth.testkit.internal.registry;

import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.http.Request;
import dev.npmauth.testkit.internal.http.Response;
import dev.npmauth.testkit.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake registry's user accounts: a password (kept as a salted digest), an e-mail address and
 * optionally two-factor authentication with a TOTP secret. Enforces 2FA the way the registry
 * does: an account in {@code auth-and-writes} mode must send {@code npm-otp} on writes unless the
 * token bypasses 2FA; any 2FA account needs it to log in with a password.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class Users {
  /** npm's text for a missing one-time password (the CLI also recognises "one-time pass"). */
  public static final String OTP_REQUIRED_MESSAGE =
      "You must provide a one-time pass. Upgrade your client to npm@latest in order to use 2FA.";

  /** 2FA modes, as the registry names them. */
  public enum TwoFactor {
    NONE("disable"),
    AUTH_ONLY("auth-only"),
    AUTH_AND_WRITES("auth-and-writes");

    private final String wire;

    TwoFactor(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  /** One account. The password itself is not kept. */
  public record User(
      String name, String salt, String passwordDigest, String email, TwoFactor twoFactor, byte[] totpSecret) {}

  private final Map<String, User> users = new ConcurrentHashMap<>();
  private final Clock clock;
  private final SecureRandom random;

  public Users(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /**
   * Creates an account.
   *
   * @throws IllegalArgumentException if the name is taken
   */
  public User add(String name, String password, String email, TwoFactor twoFactor) {
    String salt = Secrets.randomHex(random, 16);
    byte[] secret = new byte[20];
    random.nextBytes(secret);
    User user =
        new User(name, salt, Secrets.digest(salt + password), email, twoFactor,
            twoFactor == TwoFactor.NONE ? null : secret);
    if (users.putIfAbsent(name, user) != null) {
      throw new IllegalArgumentException("a user named \"" + name + "\" already exists");
    }
    return user;
  }

  public Optional<User> user(String name) {
    return Optional.ofNullable(users.get(name));
  }

  /** True when the account exists and the password is its password. */
  public boolean passwordMatches(String name, String password) {
    User user = users.get(name);
    return user != null
        && password != null
        && Secrets.same(user.passwordDigest(), Secrets.digest(user.salt() + password));
  }

  /**
   * The current one-time password of an account with 2FA.
   *
   * @throws IllegalArgumentException for an unknown user or one without 2FA
   */
  public String currentOtp(String name) {
    User user = users.get(name);
    if (user == null) {
      throw new IllegalArgumentException("no user named \"" + name + "\"");
    }
    if (user.totpSecret() == null) {
      throw new IllegalArgumentException("user \"" + name + "\" has no two-factor authentication");
    }
    return Totp.code(user.totpSecret(), clock.instant());
  }

  /**
   * Checks the one-time password a write needs: for a user token of an account in {@code
   * auth-and-writes} mode that does not bypass 2FA.
   *
   * @throws HttpError 401 with {@code WWW-Authenticate: OTP} when it is missing or wrong
   */
  public void checkWrite(Request request, TokenGrant grant) {
    if (grant.kind() != TokenGrant.Kind.USER || grant.bypass2fa()) {
      return;
    }
    User user = users.get(grant.user());
    if (user != null && user.twoFactor() == TwoFactor.AUTH_AND_WRITES) {
      requireOtp(request, user);
    }
  }

  /**
   * Checks the one-time password a password login needs, for any account with 2FA.
   *
   * @throws HttpError 401 with {@code WWW-Authenticate: OTP} when it is missing or wrong
   */
  public void checkLogin(Request request, String name) {
    User user = users.get(name);
    if (user != null && user.twoFactor() != TwoFactor.NONE) {
      requireOtp(request, user);
    }
  }

  /**
   * Checks what managing trusted publishers needs, as npm documents it: a user (not a trusted
   * publishing token), whose account has 2FA, with a token that does not bypass it, and a
   * one-time password.
   *
   * @throws HttpError 403 for the wrong kind of token or account, 401 for a missing OTP
   */
  public void checkTrustManagement(Request request, TokenGrant grant) {
    switch (grant.kind()) {
      case ADMIN:
        return;
      case OIDC:
        throw HttpError.of(403, "a trusted publishing token cannot manage trusted publishers");
      default:
        break;
    }
    if (grant.bypass2fa()) {
      throw HttpError.of(
          403,
          "granular access tokens that bypass two-factor authentication cannot manage trusted"
              + " publishers; use a login session or a token without bypass_2fa");
    }
    User user = users.get(grant.user());
    if (user == null || user.twoFactor() == TwoFactor.NONE) {
      throw HttpError.of(
          403,
          "two-factor authentication must be enabled on the account of \""
              + grant.user()
              + "\" to manage trusted publishers");
    }
    requireOtp(request, user);
  }

  private void requireOtp(Request request, User user) {
    Optional<String> otp = request.header("npm-otp").map(String::trim).filter(s -> !s.isEmpty());
    if (otp.isEmpty()) {
      throw otpError(OTP_REQUIRED_MESSAGE);
    }
    if (!Totp.accepts(user.totpSecret(), clock.instant(), otp.get())) {
      throw otpError(
          "This one-time pass is not valid: it is not the code of your authenticator for this time.");
    }
  }

  private static HttpError otpError(String message) {
    return HttpError.of(
        Response.json(401, Json.object("error", message)).header("www-authenticate", "OTP"), message);
  }

  /** The name and password of an {@code Authorization: Basic} header, if the request has one. */
  public static Optional<String[]> basicCredentials(Request request) {
    return request
        .header("authorization")
        .map(String::trim)
        .filter(v -> v.regionMatches(true, 0, "Basic ", 0, 6))
        .flatMap(
            v -> {
              try {
                String pair =
                    new String(java.util.Base64.getDecoder().decode(v.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon < 0
                    ? Optional.empty()
                    : Optional.of(new String[] {pair.substring(0, colon), pair.substring(colon + 1)});
              } catch (IllegalArgumentException e) {
                return Optional.empty();
              }
            });
  }

  /** For snapshots: a copy of the accounts (the records are never changed). */
  Map<String, User> usersCopy() {
    return new java.util.HashMap<>(users);
  }

  /** For snapshots: replaces every account. */
  void replaceUsers(Map<String, User> replacement) {
    users.clear();
    users.putAll(replacement);
  }
}
