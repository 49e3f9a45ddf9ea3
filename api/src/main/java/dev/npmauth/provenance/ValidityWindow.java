package dev.npmauth.provenance;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A time range from a trusted root ({@code validFor}): a start and an optional end, both
 * inclusive, as the Sigstore trusted-root specification defines.
 *
 * @param start the first instant of the range
 * @param end the last instant of the range; empty means still valid
 */
public record ValidityWindow(Instant start, Optional<Instant> end) {

  /**
   * Checks the range.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the end is before the start
   *
   * @param start the first instant of the range
   * @param end the last instant of the range; empty means still valid
   */
  public ValidityWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isPresent() && end.get().isBefore(start)) {
      throw new IllegalArgumentException("validity ends (" + end.get() + ") before it starts ("
          + start + ")");
    }
  }

  /**
   * A range with no end.
   *
   * @param start the first instant
   * @return the range
   */
  public static ValidityWindow from(Instant start) {
    return new ValidityWindow(start, Optional.empty());
  }

  /**
   * Whether an instant lies in the range, ends included.
   *
   * @param instant the instant
   * @return true when {@code start <= instant <= end}
   */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && (end.isEmpty() || !instant.isAfter(end.get()));
  }
}
