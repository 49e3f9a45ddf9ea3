package dev.npmauth.testkit;

import dev.npmauth.testkit.internal.registry.Checks;
import java.util.Objects;

/**
 * An account to create with {@link FakeRegistry#createUser(UserSpec)}: a name, a password, an
 * e-mail address and the two-factor mode. With 2FA the account gets a TOTP secret; {@link
 * FakeRegistry#otp(String)} gives the current code by the registry's clock.
 *
 * <pre>{@code
 * registry.createUser(UserSpec.of("alice", "correct horse").twoFactor(TwoFactorMode.AUTH_AND_WRITES));
 * String code = registry.otp("alice");
 * }</pre>
 *
 * <p>Immutable: each setter returns a changed copy. {@link #toString()} hides the password.
 */
public final class UserSpec {
  private final String name;
  private final String password;
  private final String email;
  private final TwoFactorMode twoFactor;

  private UserSpec(String name, String password, String email, TwoFactorMode twoFactor) {
    this.name = name;
    this.password = password;
    this.email = email;
    this.twoFactor = twoFactor;
  }

  /**
   * A user without 2FA, with e-mail {@code <name>@example.com}.
   *
   * @throws IllegalArgumentException if the name is blank or has spaces, {@code /} or {@code :},
   *     or the password is blank
   */
  public static UserSpec of(String name, String password) {
    Checks.notBlank(name, "the user name");
    if (!name.matches("[a-zA-Z0-9._~-]+")) {
      throw new IllegalArgumentException(
          "a user name may use letters, digits and - . _ ~ only, got \"" + name + "\"");
    }
    Checks.notBlank(password, "the password");
    return new UserSpec(name, password, name + "@example.com", TwoFactorMode.NONE);
  }

  /** Sets the e-mail address. */
  public UserSpec email(String email) {
    return new UserSpec(name, password, Checks.notBlank(email, "the e-mail address"), twoFactor);
  }

  /** Sets the two-factor mode. */
  public UserSpec twoFactor(TwoFactorMode mode) {
    return new UserSpec(name, password, email, Objects.requireNonNull(mode, "mode"));
  }

  public String name() {
    return name;
  }

  /** The password (a secret: do not log it). */
  public String password() {
    return password;
  }

  public String email() {
    return email;
  }

  public TwoFactorMode twoFactorMode() {
    return twoFactor;
  }

  @Override
  public String toString() {
    return "UserSpec[" + name + ", " + email + ", 2FA " + twoFactor + ", password ****]";
  }
}
