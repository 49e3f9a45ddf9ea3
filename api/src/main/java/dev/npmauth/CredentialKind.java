package dev.npmauth;

/** What kind of credential a token is, which tells how long it lives and what it may do. */
public enum CredentialKind {
  /**
   * A short-lived token the registry issued in exchange for a CI's OIDC ID token (trusted
   * publishing). It may publish one package only and is never stored.
   */
  OIDC_EXCHANGED,
  /**
   * A granular access token, limited to packages, scopes or organisations; write tokens have a
   * maximum lifetime. Tokens found in the environment or in {@code .npmrc} are treated as this
   * kind, since classic tokens no longer exist.
   */
  GRANULAR,
  /** A session token from a human login ({@code npm login}); it lasts two hours. */
  SESSION,
  /** A user name and password sent as HTTP Basic authentication (legacy registries). */
  LEGACY_BASIC
}
