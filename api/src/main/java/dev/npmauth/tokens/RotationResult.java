package dev.npmauth.tokens;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rotation run did.
 *
 * @param status where it ended
 * @param oldKey the key of the token being replaced
 * @param newKey the key of the replacement, once created
 * @param oldExpires when the old token expires, if it does
 * @param revokeAfter when the old token may be revoked (the end of the overlap), once verified
 * @param stepsDone the steps this run completed, in order
 * @param plan what the run did or, for a dry run, would do, one line per step
 */
public record RotationResult(
    RotationStatus status,
    String oldKey,
    Optional<String> newKey,
    Optional<Instant> oldExpires,
    Optional<Instant> revokeAfter,
    List<RotationStep> stepsDone,
    List<String> plan) {

  /**
   * Copies the lists and checks that nothing is null.
   *
   * @throws NullPointerException if a component is null
   */
  public RotationResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(oldKey, "oldKey");
    Objects.requireNonNull(newKey, "newKey");
    Objects.requireNonNull(oldExpires, "oldExpires");
    Objects.requireNonNull(revokeAfter, "revokeAfter");
    stepsDone = List.copyOf(stepsDone);
    plan = List.copyOf(plan);
  }
}
