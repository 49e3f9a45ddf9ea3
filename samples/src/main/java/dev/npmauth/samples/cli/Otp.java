package dev.npmauth.samples.cli;

import dev.npmauth.OtpProvider;
import dev.npmauth.Secret;
import java.io.Console;
import java.util.Optional;

/** Where the CLI gets one-time passwords: {@code --otp}, else a prompt when there is a terminal. */
final class Otp {
  private Otp() {
  }

  static Optional<OtpProvider> provider(String otpFlag) {
    if (otpFlag != null) {
      return Optional.of(OtpProvider.fixed(Secret.of(otpFlag)));
    }
    Console console = System.console();
    if (console == null) {
      return Optional.empty();
    }
    return Optional.of(challenge -> {
      challenge.authUrl().ifPresent(url -> console.printf("Authenticate your account at:%n%s%n", url));
      char[] code = console.readPassword("This operation requires a one-time password.%nEnter OTP: ");
      if (code == null || code.length == 0) {
        throw new dev.npmauth.NpmAuthException("no one-time password entered");
      }
      return Secret.of(new String(code).replace(" ", ""));
    });
  }
}
