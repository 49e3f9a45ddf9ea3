package dev.npmauth.pack;

import dev.npmauth.NpmAuthException;
import java.util.Objects;

/**
 * A package folder could not be packed. The message says what was wrong and what would fix it;
 * {@link #reason()} says which kind of failure it was.
 *
 * <pre>{@code
 * try {
 *   packer.pack(folder, out);
 * } catch (PackException e) {
 *   if (e.reason() == PackFailure.INVALID_VERSION) { ... }
 * }
 * }</pre>
 */
public class PackException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  private final PackFailure reason;

  /**
   * Creates the exception.
   *
   * @param reason the kind of failure
   * @param message what is wrong and what would fix it
   */
  public PackException(PackFailure reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates the exception with a cause.
   *
   * @param reason the kind of failure
   * @param message what is wrong and what would fix it
   * @param cause the underlying failure
   */
  public PackException(PackFailure reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * The kind of failure.
   *
   * @return never null
   */
  public PackFailure reason() {
    return reason;
  }
}
