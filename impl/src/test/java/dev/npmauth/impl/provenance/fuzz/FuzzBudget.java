package dev.npmauth.impl.provenance.fuzz;

/**
 * How long each fuzz target fuzzes when Jazzer runs in fuzzing mode ({@code JAZZER_FUZZ=1}, which
 * the {@code jazzer-fuzz} surefire execution of this module sets; see {@code impl/pom.xml}).
 * Without it, JUnit runs each target once per stored input, as a regression test.
 */
final class FuzzBudget {
  /** Jazzer's {@code maxDuration} per target; three targets make the fuzz stage about 1.5 min. */
  static final String PER_TARGET = "30s";

  private FuzzBudget() {
  }
}
