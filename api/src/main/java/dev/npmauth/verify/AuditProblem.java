package dev.npmauth.verify;

import java.util.Objects;

/**
 * One problem found with one dependency.
 *
 * @param kind what kind of problem
 * @param detail what was compared and what differed
 */
public record AuditProblem(AuditProblemKind kind, String detail) {

  /**
   * Checks that no component is null.
   *
   * @param kind what kind of problem
   * @param detail what was compared and what differed
   */
  public AuditProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }
}
