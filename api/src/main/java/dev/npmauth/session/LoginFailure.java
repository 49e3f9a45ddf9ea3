package dev.npmauth.session;

/** Why a login did not give a session, with what usually fixes it. */
public enum LoginFailure {
  /**
   * The registry refused {@code POST /-/v1/login} with 4xx or 500: it has no web login. The npm
   * CLI then falls back to the CouchDB login; do the same with {@link Sessions#legacyLogin}.
   */
  WEB_LOGIN_NOT_SUPPORTED("log in with a user name and password (legacy login) instead"),
  /** The registry's answer lacked a login or done URL, or a token, or was not http(s). */
  INVALID_RESPONSE("the registry does not speak npm's login protocol: check the registry URL"),
  /** Nobody completed the web login before the timeout. */
  TIMED_OUT("open the login URL and complete the login sooner, or raise the timeout"),
  /** The registry has no user with that name. */
  NO_SUCH_USER("check the user name, or create the account first"),
  /** The registry refused the user name and password. */
  BAD_CREDENTIALS("check the password"),
  /** The thread was interrupted while waiting for the login. */
  INTERRUPTED("the login was cancelled");

  private final String fix;

  LoginFailure(String fix) {
    this.fix = fix;
  }

  /**
   * What usually fixes it.
   *
   * @return one sentence
   */
  public String fix() {
    return fix;
  }
}
