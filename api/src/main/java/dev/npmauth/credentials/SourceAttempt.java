package dev.npmauth.credentials;

import dev.npmauth.oidc.TrustedPublishingFailure;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened when the chain tried one source. Never holds a secret.
 *
 * @param source the source
 * @param used whether this source gave the credential
 * @param detail why it was or was not used, for example {@code not set}
 * @param trustedPublishingFailure for trusted publishing, why it was not available
 */
public record SourceAttempt(
    CredentialSource source, boolean used, String detail, Optional<TrustedPublishingFailure> trustedPublishingFailure) {

  /** Checks that no component is null. */
  public SourceAttempt {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(trustedPublishingFailure, "trustedPublishingFailure");
  }

  /**
   * A source that was tried and not used.
   *
   * @param source the source
   * @param detail why not
   * @return the attempt
   */
  public static SourceAttempt skipped(CredentialSource source, String detail) {
    return new SourceAttempt(source, false, detail, Optional.empty());
  }

  /**
   * The source that gave the credential.
   *
   * @param source the source
   * @param detail what it gave, for example {@code token from //registry.npmjs.org/:_authToken}
   * @return the attempt
   */
  public static SourceAttempt used(CredentialSource source, String detail) {
    return new SourceAttempt(source, true, detail, Optional.empty());
  }

  @Override
  public String toString() {
    return (used ? "used " : "not used ") + source.description() + ": " + detail;
  }
}
