package dev.npmauth.provenance;

import java.util.Objects;

/**
 * One named check of a verification and what came of it.
 *
 * @param name which check
 * @param status passed, failed or skipped
 * @param detail a human-readable explanation (what was compared, why it failed or was skipped)
 */
public record Check(CheckName name, CheckStatus status, String detail) {

  /**
   * Checks that no component is null.
   *
   * @param name which check
   * @param status passed, failed or skipped
   * @param detail a human-readable explanation (what was compared, why it failed or was skipped)
   */
  public Check {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * A passed check.
   *
   * @param name the check
   * @param detail what held
   * @return the check
   */
  public static Check passed(CheckName name, String detail) {
    return new Check(name, CheckStatus.PASSED, detail);
  }

  /**
   * A failed check.
   *
   * @param name the check
   * @param detail what did not hold
   * @return the check
   */
  public static Check failed(CheckName name, String detail) {
    return new Check(name, CheckStatus.FAILED, detail);
  }

  /**
   * A skipped check.
   *
   * @param name the check
   * @param detail why it did not run
   * @return the check
   */
  public static Check skipped(CheckName name, String detail) {
    return new Check(name, CheckStatus.SKIPPED, detail);
  }

  /**
   * Whether the check failed.
   *
   * @return true for {@link CheckStatus#FAILED}
   */
  public boolean failed() {
    return status == CheckStatus.FAILED;
  }

  @Override
  public String toString() {
    return name + " " + status + ": " + detail;
  }
}
