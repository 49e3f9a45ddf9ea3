package dev.npmauth.tokens;

/**
 * Told about each rotation step once it is recorded in the journal, for progress output. If it
 * throws, the run stops there; the next run resumes after that step.
 *
 * <pre>{@code
 * RotationListener progress = step -> System.err.println("done: " + step.description());
 * }</pre>
 */
@FunctionalInterface
public interface RotationListener {

  /**
   * Called after a step is recorded.
   *
   * @param step the step
   */
  void afterStep(RotationStep step);

  /**
   * A listener that does nothing.
   *
   * @return the listener
   */
  static RotationListener none() {
    return step -> { };
  }
}
