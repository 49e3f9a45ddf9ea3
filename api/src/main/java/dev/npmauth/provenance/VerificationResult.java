package dev.npmauth.provenance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of verifying one Sigstore bundle: every check in the order it ran, at most one of
 * them failed (verification stops at the first failure and lists the rest as skipped), and what
 * was learned about the signer.
 *
 * @param checks every check, in order
 * @param certificate the signing certificate's identity, when the bundle has a certificate that
 *     could be read (trust it only when {@link #verified()})
 * @param timestamps the verified signing times
 * @param dssePayloadType the DSSE payload type, for DSSE bundles
 * @param dssePayload the DSSE payload as UTF-8 text (the in-toto statement), for DSSE bundles;
 *     trust it only when {@link #verified()}
 */
public record VerificationResult(
    List<Check> checks,
    Optional<FulcioCertificateInfo> certificate,
    List<VerifiedTimestamp> timestamps,
    Optional<String> dssePayloadType,
    Optional<String> dssePayload) {

  /**
   * Checks that no component is null and copies the lists.
   *
   * @param checks every check, in order
   * @param certificate the signing certificate's identity, when the bundle has a certificate that
   *     could be read (trust it only when {@link #verified()})
   * @param timestamps the verified signing times
   * @param dssePayloadType the DSSE payload type, for DSSE bundles
   * @param dssePayload the DSSE payload as UTF-8 text (the in-toto statement), for DSSE bundles;
   *     trust it only when {@link #verified()}
   */
  public VerificationResult {
    checks = List.copyOf(checks);
    Objects.requireNonNull(certificate, "certificate");
    timestamps = List.copyOf(timestamps);
    Objects.requireNonNull(dssePayloadType, "dssePayloadType");
    Objects.requireNonNull(dssePayload, "dssePayload");
  }

  /**
   * Whether the bundle verified: at least one check passed and none failed.
   *
   * @return true when every check passed or did not apply
   */
  public boolean verified() {
    return failedCheck().isEmpty()
        && checks.stream().anyMatch(c -> c.status() == CheckStatus.PASSED);
  }

  /**
   * The check that failed.
   *
   * @return the failed check, or empty when the bundle verified
   */
  public Optional<Check> failedCheck() {
    return checks.stream().filter(Check::failed).findFirst();
  }

  /**
   * One check by name.
   *
   * @param name the check
   * @return the check, or empty when it is not part of this verification
   */
  public Optional<Check> check(CheckName name) {
    return checks.stream().filter(c -> c.name() == name).findFirst();
  }
}
