package dev.npmauth.samples.cli;

import dev.npmauth.NpmAuthException;
import dev.npmauth.Secret;
import dev.npmauth.session.TwoFactor;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How the account commands read secrets. Passwords never come from the command line (where other
 * users can see them): from an environment variable, from standard input, or typed at a terminal.
 * One-time passwords may be given with {@code --otp}, sent up front as npm does.
 */
final class AccountInput {
  private AccountInput() {
  }

  /** {@code --password-env NAME} / {@code --password-stdin}. */
  static final class Password {
    @Option(names = "--password-env", paramLabel = "NAME",
        description = "Read the account password from this environment variable.")
    String variable;

    @Option(names = "--password-stdin", description = "Read the account password from the first line of standard input.")
    boolean stdin;

    /**
     * The password, from the variable, standard input or a terminal prompt.
     *
     * @param what what it is for, for the prompt and messages
     * @return the password
     * @throws NpmAuthException when none can be read
     */
    Secret read(String what) {
      if (variable != null) {
        String value = System.getenv(variable);
        if (value == null || value.isEmpty()) {
          throw new NpmAuthException("the environment variable " + variable + " (--password-env) is not set or empty");
        }
        return Secret.of(value);
      }
      if (stdin) {
        try {
          String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
          if (line == null || line.isEmpty()) {
            throw new NpmAuthException("standard input had no password line (--password-stdin)");
          }
          return Secret.of(line);
        } catch (IOException e) {
          throw new NpmAuthException("cannot read the password from standard input: " + e.getMessage(), e);
        }
      }
      Console console = System.console();
      if (console != null) {
        char[] typed = console.readPassword("%s: ", what);
        if (typed != null && typed.length > 0) {
          return Secret.of(new String(typed));
        }
      }
      throw new NpmAuthException("no " + what + ": give it with --password-env NAME or --password-stdin"
          + " (never on the command line)");
    }
  }

  /**
   * The one-time password setting: {@code --otp} sent up front, else a prompt when there is a
   * terminal, else none.
   *
   * @param otp the {@code --otp} value, or null
   * @return the setting
   */
  static TwoFactor twoFactor(String otp) {
    if (otp != null && !otp.isBlank()) {
      return TwoFactor.code(Secret.of(otp.replace(" ", "")));
    }
    return Otp.provider(null).map(TwoFactor::ask).orElse(TwoFactor.none());
  }

  /** Durations such as {@code 90s}, {@code 30m}, {@code 2h}, {@code 7d} or ISO-8601 {@code PT1H}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      try {
        if (v.startsWith("p")) {
          return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
        }
        long amount = Long.parseLong(v.substring(0, v.length() - 1));
        switch (v.charAt(v.length() - 1)) {
          case 's':
            return Duration.ofSeconds(amount);
          case 'm':
            return Duration.ofMinutes(amount);
          case 'h':
            return Duration.ofHours(amount);
          case 'd':
            return Duration.ofDays(amount);
          default:
            break;
        }
      } catch (RuntimeException e) {
        // reported below
      }
      throw new TypeConversionException("'" + value + "' is not a duration: write 90s, 30m, 2h, 7d or PT1H");
    }
  }
}
