package dev.npmauth.tokens;

import dev.npmauth.Secret;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a token is kept once created, for the programs that use it: a file a CI job reads, a line
 * that exports it into a job's environment, or your own vault. {@link Tokens#rotate} hands the
 * replacement token to one of these before it revokes the old one.
 *
 * <pre>{@code
 * SecretStore file = SecretStore.file(Path.of("/run/secrets/npm-token"));     // 0600, written atomically
 * SecretStore ci = SecretStore.exportLine("NPM_TOKEN", System.out);           // prints export NPM_TOKEN='…'
 * SecretStore vault = new SecretStore() { … };                                // your own
 * }</pre>
 */
public interface SecretStore {

  /**
   * Keeps the secret, replacing what was kept. It must be durable when this returns.
   *
   * @param secret the secret
   * @throws dev.npmauth.NpmAuthException when it cannot be kept
   */
  void store(Secret secret);

  /**
   * The secret kept now, for stores that can read it back (after a crash, rotation checks with it
   * that the replacement still works before revoking the old token).
   *
   * @return the secret; empty when none is kept or the store cannot read it back
   * @throws dev.npmauth.NpmAuthException when it cannot be read
   */
  Optional<Secret> read();

  /**
   * Where the secret goes, for messages; never the secret.
   *
   * @return for example {@code file /run/secrets/npm-token}
   */
  String describe();

  /**
   * A file holding the secret on one line: written atomically (a temporary file in the same
   * folder, then a move) and readable and writable by its owner only (0600) where the file system
   * has POSIX permissions.
   *
   * @param file the file; its folder is created when missing
   * @return the store
   */
  static SecretStore file(Path file) {
    return new FileSecretStore(file);
  }

  /**
   * Prints {@code export NAME='value'} (POSIX-shell quoted) to a stream, for a CI step to
   * evaluate or append to its environment file. It cannot read the secret back.
   *
   * @param variable the variable name: letters, digits and {@code _}, not starting with a digit
   * @param out where to print; the caller keeps it private
   * @return the store
   * @throws IllegalArgumentException if the name is not a shell variable name
   */
  static SecretStore exportLine(String variable, PrintStream out) {
    return new ExportingSecretStore(variable, out);
  }
}
