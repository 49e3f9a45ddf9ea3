package dev.npmauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential for one registry: a kind, a secret, and an expiry where one is known.
 *
 * <p>{@link #toString()} shows the kind, expiry and bound package, never the secret.
 *
 * <pre>{@code
 * Credential token = Credential.granular(Secret.of(System.getenv("NPM_TOKEN")));
 * }</pre>
 *
 * @param kind what kind of credential this is
 * @param secret the token (or, for {@link CredentialKind#LEGACY_BASIC}, base64 of
 *     {@code user:password})
 * @param expiresAt when the registry stops accepting it, if known
 * @param boundPackage the one package it may publish, for OIDC-exchanged tokens
 */
public record Credential(
    CredentialKind kind, Secret secret, Optional<Instant> expiresAt, Optional<PackageName> boundPackage) {

  /** How long a session token from a human login lasts. */
  public static final Duration SESSION_LIFETIME = Duration.ofHours(2);

  /**
   * Checks that no component is null.
   *
   * @throws NullPointerException if a component is null
   */
  public Credential {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(boundPackage, "boundPackage");
  }

  /**
   * A granular access token whose expiry is not known here.
   *
   * @param token the token
   * @return the credential
   */
  public static Credential granular(Secret token) {
    return new Credential(CredentialKind.GRANULAR, token, Optional.empty(), Optional.empty());
  }

  /**
   * A session token from a login made at {@code loggedInAt}; it expires two hours later.
   *
   * @param token the session token
   * @param loggedInAt when the login completed
   * @return the credential
   */
  public static Credential session(Secret token, Instant loggedInAt) {
    return new Credential(CredentialKind.SESSION, token, Optional.of(loggedInAt.plus(SESSION_LIFETIME)),
        Optional.empty());
  }

  /**
   * The value of the HTTP {@code Authorization} header for this credential.
   *
   * @return {@code Bearer <token>} or, for legacy credentials, {@code Basic <base64>}
   */
  public String authorizationHeaderValue() {
    return (kind == CredentialKind.LEGACY_BASIC ? "Basic " : "Bearer ") + secret.reveal();
  }

  /**
   * Whether the credential has expired at the clock's current instant.
   *
   * @param clock the clock to read
   * @return true when an expiry is known and has passed
   */
  public boolean isExpired(Clock clock) {
    return expiresAt.map(at -> !clock.instant().isBefore(at)).orElse(false);
  }

  /**
   * Whether the credential expires within the given time from now.
   *
   * @param window how far ahead to look
   * @param clock the clock to read
   * @return true when an expiry is known and falls within the window
   */
  public boolean expiresWithin(Duration window, Clock clock) {
    return expiresAt.map(at -> !clock.instant().plus(window).isBefore(at)).orElse(false);
  }

  @Override
  public String toString() {
    return "Credential[kind=" + kind + ", secret=" + secret.redacted()
        + expiresAt.map(at -> ", expiresAt=" + at).orElse("")
        + boundPackage.map(p -> ", boundPackage=" + p).orElse("") + "]";
  }
}
