package dev.npmauth.provenance;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking a version's {@code dist.signatures}.
 *
 * @param outcome what came of it
 * @param keyId the key of the signature the outcome is about, when there is one
 * @param detail a human-readable explanation
 */
public record RegistrySignatureResult(RegistrySignatureOutcome outcome, Optional<String> keyId,
    String detail) {

  /**
   * Checks that no component is null.
   *
   * @param outcome what came of it
   * @param keyId the key of the signature the outcome is about, when there is one
   * @param detail a human-readable explanation
   */
  public RegistrySignatureResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * Whether the signatures verified.
   *
   * @return true for {@link RegistrySignatureOutcome#VERIFIED}
   */
  public boolean verified() {
    return outcome == RegistrySignatureOutcome.VERIFIED;
  }
}
