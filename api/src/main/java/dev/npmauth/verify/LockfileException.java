package dev.npmauth.verify;

import dev.npmauth.NpmAuthException;
import java.nio.file.Path;

/** A lockfile that cannot be read: missing, not JSON, or of an unknown shape or version. */
public class LockfileException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  /** The file, as a string (paths are not serializable). */
  private final String file;

  /**
   * Creates the exception.
   *
   * @param file the lockfile
   * @param message what is wrong and what is accepted
   */
  public LockfileException(Path file, String message) {
    super(file + ": " + message);
    this.file = String.valueOf(file);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param file the lockfile
   * @param message what is wrong and what is accepted
   * @param cause the underlying failure
   */
  public LockfileException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = String.valueOf(file);
  }

  /**
   * The lockfile.
   *
   * @return its path
   */
  public Path file() {
    return Path.of(file);
  }
}
