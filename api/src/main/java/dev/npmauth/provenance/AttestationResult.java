package dev.npmauth.provenance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of verifying one entry of an npm attestation response.
 *
 * @param predicateType the predicate type the response declared for the entry
 * @param kind the entry's kind
 * @param checks the npm-level checks (registry key, predicate type, subject, publish predicate,
 *     provenance policy), in order
 * @param bundle the Sigstore verification of the entry's bundle, when it ran
 */
public record AttestationResult(
    String predicateType,
    AttestationKind kind,
    List<Check> checks,
    Optional<VerificationResult> bundle) {

  /**
   * Checks that no component is null and copies the list.
   *
   * @param predicateType the predicate type the response declared for the entry
   * @param kind the entry's kind
   * @param checks the npm-level checks (registry key, predicate type, subject, publish predicate,
   *     provenance policy), in order
   * @param bundle the Sigstore verification of the entry's bundle, when it ran
   */
  public AttestationResult {
    Objects.requireNonNull(predicateType, "predicateType");
    Objects.requireNonNull(kind, "kind");
    checks = List.copyOf(checks);
    Objects.requireNonNull(bundle, "bundle");
  }

  /**
   * The first failed check: of the bundle verification, else of the npm-level checks.
   *
   * @return the failed check, or empty when the entry verified
   */
  public Optional<Check> failedCheck() {
    Optional<Check> b = bundle.flatMap(VerificationResult::failedCheck);
    return b.isPresent() ? b : checks.stream().filter(Check::failed).findFirst();
  }

  /**
   * Whether the entry verified: its bundle verified and every npm-level check passed.
   *
   * @return true when nothing failed
   */
  public boolean verified() {
    return bundle.map(VerificationResult::verified).orElse(false) && failedCheck().isEmpty();
  }
}
