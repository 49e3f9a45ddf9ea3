package dev.npmauth.provenance;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of verifying an npm attestation response for one package version.
 *
 * @param checks the response-level checks (parse, publish attestation present, provenance
 *     present)
 * @param attestations one result per response entry, in response order
 */
public record AttestationsResult(List<Check> checks, List<AttestationResult> attestations) {

  /**
   * Copies the lists.
   *
   * @param checks the response-level checks (parse, publish attestation present, provenance
   *     present)
   * @param attestations one result per response entry, in response order
   */
  public AttestationsResult {
    checks = List.copyOf(checks);
    attestations = List.copyOf(attestations);
  }

  /**
   * Whether the response verified: every response-level check and every entry passed.
   *
   * @return true when nothing failed
   */
  public boolean verified() {
    return failedCheck().isEmpty() && !attestations.isEmpty()
        && attestations.stream().allMatch(AttestationResult::verified);
  }

  /**
   * The first failed check, looking in this order: the response parse, each entry (in response
   * order), then the presence checks. An entry's own failure (e.g. a predicate type that does
   * not match the signed one) explains more than "no provenance found", so it comes first.
   *
   * @return the failed check, or empty when the response verified
   */
  public Optional<Check> failedCheck() {
    Optional<Check> parse = checks.stream()
        .filter(c -> c.failed() && c.name() == CheckName.NPM_RESPONSE_PARSE).findFirst();
    if (parse.isPresent()) {
      return parse;
    }
    Optional<Check> entry = attestations.stream().map(AttestationResult::failedCheck)
        .flatMap(Optional::stream).findFirst();
    return entry.isPresent() ? entry : checks.stream().filter(Check::failed).findFirst();
  }

  /**
   * The SLSA provenance entry.
   *
   * @return the first provenance entry, or empty when the response has none
   */
  public Optional<AttestationResult> provenance() {
    return attestations.stream().filter(a -> a.kind() == AttestationKind.PROVENANCE).findFirst();
  }

  /**
   * The provenance signer, from the provenance entry's certificate.
   *
   * @return the certificate identity, or empty without a provenance entry or certificate
   */
  public Optional<FulcioCertificateInfo> provenanceCertificate() {
    return provenance().flatMap(AttestationResult::bundle).flatMap(VerificationResult::certificate);
  }
}
