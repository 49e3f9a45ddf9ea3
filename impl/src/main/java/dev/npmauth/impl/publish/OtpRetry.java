package dev.npmauth.impl.publish;

import dev.npmauth.OtpProvider;
import dev.npmauth.Secret;
import dev.npmauth.registry.OtpRequiredException;
import java.util.Optional;
import java.util.function.Function;

/**
 * npm's "otplease": run an operation; when the registry asks for a one-time password, ask the
 * provider once and repeat the operation once with the code.
 */
public final class OtpRetry {
  private OtpRetry() {
  }

  /**
   * Runs an operation with OTP retry.
   *
   * @param operation what is done, for the challenge, e.g. {@code PUT demo-pkg}
   * @param initialOtp a code to send from the start, if given
   * @param provider who to ask when the registry wants a code
   * @param action the operation, given the code to send (or null)
   * @param <T> its result
   * @return the result
   * @throws OtpRequiredException when the registry wants a code and there is no provider, or it
   *     refuses the code given
   */
  public static <T> T run(String operation, Optional<Secret> initialOtp, Optional<OtpProvider> provider,
      Function<Secret, T> action) {
    try {
      return action.apply(initialOtp.orElse(null));
    } catch (OtpRequiredException e) {
      if (provider.isEmpty() || initialOtp.isPresent()) {
        throw e;
      }
      Secret code = provider.get().oneTimePassword(new OtpProvider.Challenge(operation, e.registryMessage(),
          e.authUrl(), e.doneUrl()));
      return action.apply(code);
    }
  }
}
