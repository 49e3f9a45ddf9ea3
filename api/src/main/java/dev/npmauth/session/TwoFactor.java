package dev.npmauth.session;

import dev.npmauth.OtpProvider;
import dev.npmauth.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * How an operation answers the registry's request for a one-time password (accounts with
 * two-factor authentication): a code sent up front, as {@code npm --otp=<code>} does, or a
 * provider asked once when the registry answers 401 {@code WWW-Authenticate: OTP}; the request is
 * then repeated once with the code, as the npm CLI does. A code given up front that the registry
 * refuses is not followed by asking the provider.
 *
 * <pre>{@code
 * TwoFactor.none();                                          // fail with OtpRequiredException if asked
 * TwoFactor.code(Secret.of("123456"));                        // send npm-otp: 123456 up front
 * TwoFactor.ask(challenge -> Secret.of(console.readLine()));   // ask only when the registry wants one
 * }</pre>
 *
 * @param code the code to send with the first request, if any
 * @param provider who to ask when the registry wants a code, if anyone
 */
public record TwoFactor(Optional<Secret> code, Optional<OtpProvider> provider) {

  /**
   * Checks that no component is null.
   *
   * @throws NullPointerException if a component is null
   */
  public TwoFactor {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(provider, "provider");
  }

  /**
   * No one-time password: an operation the registry wants one for fails with {@link
   * dev.npmauth.registry.OtpRequiredException}.
   *
   * @return the empty setting
   */
  public static TwoFactor none() {
    return new TwoFactor(Optional.empty(), Optional.empty());
  }

  /**
   * Sends this code with the first request ({@code npm-otp}).
   *
   * @param code the one-time password
   * @return the setting
   */
  public static TwoFactor code(Secret code) {
    return new TwoFactor(Optional.of(Objects.requireNonNull(code, "code")), Optional.empty());
  }

  /**
   * Asks the provider when the registry wants a code, then repeats the request once with it.
   *
   * @param provider asked at most once per request
   * @return the setting
   */
  public static TwoFactor ask(OtpProvider provider) {
    return new TwoFactor(Optional.empty(), Optional.of(Objects.requireNonNull(provider, "provider")));
  }

  /** Never shows the code. */
  @Override
  public String toString() {
    return "TwoFactor[" + (code.isPresent() ? "code " + code.get().redacted() : "no code")
        + (provider.isPresent() ? ", asks a provider" : "") + "]";
  }
}
