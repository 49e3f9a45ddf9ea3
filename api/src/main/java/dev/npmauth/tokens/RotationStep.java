package dev.npmauth.tokens;

/**
 * The steps of a token rotation, in order. Each is recorded in the rotation journal before the
 * next begins, so a run that stops anywhere resumes where it stopped.
 */
public enum RotationStep {
  /** The old token was found, found due, and the replacement's rights were decided. */
  PLAN("plan the replacement"),
  /** The replacement was created (once; a resumed run never creates a second one). */
  CREATE("create the replacement with the same rights"),
  /** The replacement was handed to the secret store. */
  STORE("hand the replacement to the secret store"),
  /** The replacement was checked to work ({@code whoami} answers the same user). */
  VERIFY("check that the replacement works"),
  /** The overlap passed and the old token was revoked. */
  REVOKE_OLD("revoke the old token after the overlap");

  private final String description;

  RotationStep(String description) {
    this.description = description;
  }

  /**
   * What the step does.
   *
   * @return a short phrase
   */
  public String description() {
    return description;
  }
}
