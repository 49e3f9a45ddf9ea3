package dev.npmauth;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Supplies a one-time password when the registry asks for one (an account with two-factor
 * authentication). The SDK calls it at most once per operation, then repeats the request once
 * with the code in {@code npm-otp}, as the npm CLI does.
 *
 * <pre>{@code
 * OtpProvider fromConsole = challenge -> Secret.of(System.console().readLine("OTP: "));
 * OtpProvider fixed = OtpProvider.fixed(Secret.of("123456"));
 * }</pre>
 */
@FunctionalInterface
public interface OtpProvider {

  /**
   * Gives the one-time password for a challenge.
   *
   * @param challenge what the registry said, and for web-based 2FA where to approve
   * @return the code (digits, or a token from web approval)
   * @throws NpmAuthException when no code can be given
   */
  Secret oneTimePassword(Challenge challenge);

  /**
   * A provider that always answers with the same code.
   *
   * @param code the code
   * @return the provider
   */
  static OtpProvider fixed(Secret code) {
    Objects.requireNonNull(code, "code");
    return challenge -> code;
  }

  /**
   * What the registry asked.
   *
   * @param operation what needs the code, for example {@code PUT demo-pkg}
   * @param registryMessage the registry's message
   * @param authUrl for web-based 2FA, the page where a human approves
   * @param doneUrl for web-based 2FA, the URL that gives the code once approved
   */
  record Challenge(String operation, Optional<String> registryMessage, Optional<URI> authUrl, Optional<URI> doneUrl) {
    /** Checks that no component is null. */
    public Challenge {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(registryMessage, "registryMessage");
      Objects.requireNonNull(authUrl, "authUrl");
      Objects.requireNonNull(doneUrl, "doneUrl");
    }
  }
}
