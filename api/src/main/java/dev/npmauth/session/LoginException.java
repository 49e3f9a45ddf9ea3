package dev.npmauth.session;

import dev.npmauth.NpmAuthException;
import java.util.Objects;

/**
 * A login gave no session. {@link #reason()} says why; the message says what happened and
 * {@link LoginFailure#fix() how to fix it}. It never contains a password or token.
 */
public final class LoginException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  private final LoginFailure reason;

  /**
   * Creates the exception.
   *
   * @param reason why the login failed
   * @param detail what happened, free of secrets
   * @param cause the underlying failure, or null
   */
  public LoginException(LoginFailure reason, String detail, Throwable cause) {
    super(Objects.requireNonNull(reason, "reason") + ": " + detail + " (" + reason.fix() + ")", cause);
    this.reason = reason;
  }

  /**
   * Why the login failed.
   *
   * @return the reason
   */
  public LoginFailure reason() {
    return reason;
  }
}
