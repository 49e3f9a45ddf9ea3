package dev.npmauth.registry;

/** What kind of refusal a registry answer was, with what usually fixes it. */
public enum RegistryErrorKind {
  /** 400: the request was malformed or refused as invalid. */
  BAD_REQUEST("check the request: the registry's message says what it refused"),
  /** 401: no credential, or the registry does not accept the one sent. */
  AUTHENTICATION_REQUIRED("the token is missing, expired or revoked: configure a valid token or use trusted publishing"),
  /** 401 with {@code WWW-Authenticate: OTP}: the account needs a one-time password. */
  OTP_REQUIRED("the account has two-factor authentication: supply a one-time password, or use a token that bypasses 2FA"),
  /** 401 with {@code WWW-Authenticate: ipaddress}: the token may not be used from this address. */
  IP_ADDRESS_NOT_ALLOWED("the token's CIDR allow-list does not include this machine's address"),
  /** 402: payment required (private packages on a free account). */
  PAYMENT_REQUIRED("publishing a private package needs a paid plan; publish with access public"),
  /** 403: the credential is valid but may not do this. */
  FORBIDDEN("the token may not do this: check its package, scope and read/write rights"),
  /** 404: no such package or endpoint (or it is private to others). */
  NOT_FOUND("check the name; private packages look missing without read rights"),
  /** 409: conflicting state, such as a concurrent change. */
  CONFLICT("someone changed the same thing at the same time: retry"),
  /** 408 or 429: too many requests or the registry timed out waiting. */
  RATE_LIMITED("slow down and retry later"),
  /** 5xx: the registry failed. */
  SERVER_ERROR("the registry failed: retry later"),
  /** Any other status. */
  OTHER("see the registry's message");

  private final String advice;

  RegistryErrorKind(String advice) {
    this.advice = advice;
  }

  /**
   * What usually fixes this kind of refusal.
   *
   * @return one sentence of advice
   */
  public String advice() {
    return advice;
  }
}
