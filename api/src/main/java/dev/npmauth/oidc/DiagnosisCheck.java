package dev.npmauth.oidc;

import java.util.Objects;
import java.util.Optional;

/**
 * One check of a {@link TrustedPublishingDiagnosis}.
 *
 * @param name what was checked, for example {@code ID token audience}
 * @param status how it went
 * @param detail what was seen, free of secrets
 * @param failure the reason, when the check failed
 */
public record DiagnosisCheck(String name, Status status, String detail, Optional<TrustedPublishingFailure> failure) {

  /** How a check went. */
  public enum Status {
    /** The check passed. */
    PASSED,
    /** Worth knowing, but not what stops trusted publishing. */
    WARNING,
    /** This stops trusted publishing. */
    FAILED,
    /** Not checked, because an earlier check failed or the information is not available. */
    SKIPPED
  }

  /** Checks that no component is null. */
  public DiagnosisCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(failure, "failure");
  }

  /**
   * The fix, when the check failed or warned with a known reason.
   *
   * @return the fix text
   */
  public Optional<String> fix() {
    return failure.map(TrustedPublishingFailure::fix);
  }
}
