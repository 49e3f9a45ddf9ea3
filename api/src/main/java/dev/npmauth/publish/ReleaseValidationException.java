package dev.npmauth.publish;

import java.util.List;

/** A release was refused before anything was published: the message lists every problem found. */
public final class ReleaseValidationException extends PublishException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param problems one line per problem, naming the package
   */
  public ReleaseValidationException(List<String> problems) {
    super("release refused, nothing was published:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * Every problem found.
   *
   * @return one line per problem
   */
  public List<String> problems() {
    return problems;
  }
}
