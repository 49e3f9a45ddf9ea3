package dev.npmauth.tokens;

import dev.npmauth.Secret;
import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;

/** {@link SecretStore#exportLine}: prints {@code export NAME='value'}. */
final class ExportingSecretStore implements SecretStore {
  private final String variable;
  private final PrintStream out;

  ExportingSecretStore(String variable, PrintStream out) {
    Objects.requireNonNull(variable, "variable");
    if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("\"" + variable + "\" is not a shell variable name"
          + " (letters, digits and _, not starting with a digit)");
    }
    this.variable = variable;
    this.out = Objects.requireNonNull(out, "out");
  }

  @Override
  public void store(Secret secret) {
    out.println("export " + variable + "='" + secret.reveal().replace("'", "'\\''") + "'");
    out.flush();
  }

  @Override
  public Optional<Secret> read() {
    return Optional.empty();
  }

  @Override
  public String describe() {
    return "export line for " + variable;
  }

  @Override
  public String toString() {
    return "SecretStore[" + describe() + "]";
  }
}
