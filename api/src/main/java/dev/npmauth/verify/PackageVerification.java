package dev.npmauth.verify;

import dev.npmauth.provenance.AttestationsResult;
import dev.npmauth.provenance.Check;
import dev.npmauth.provenance.CheckStatus;
import dev.npmauth.provenance.RegistrySignatureResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of verifying one published package version: the npm-level checks in the order they
 * ran ({@link dev.npmauth.provenance.CheckName#NPM_PACKUMENT}, {@code NPM_REGISTRY_KEYS},
 * {@code NPM_INTEGRITY} when a lockfile integrity was compared, {@code NPM_REGISTRY_SIGNATURE},
 * {@code NPM_ATTESTATIONS}), and the detailed results they came from.
 *
 * <pre>{@code
 * PackageVerification v = client.verification().verify("sigstore", "2.3.1");
 * if (!v.verified()) {
 *   System.err.println(v.failedCheck().orElseThrow());
 * }
 * }</pre>
 *
 * @param name the package name
 * @param version the version
 * @param source where the facts came from: the registry URL, or {@code offline}
 * @param integrity the registry's {@code dist.integrity}, when the packument was read
 * @param checks the npm-level checks, in order
 * @param signatureStatus what came of the registry signatures
 * @param signatures the registry signature check, when it ran
 * @param attestationStatus what came of the attestations
 * @param attestations the attestation verification, when it ran
 */
public record PackageVerification(
    String name,
    String version,
    String source,
    Optional<String> integrity,
    List<Check> checks,
    SignatureStatus signatureStatus,
    Optional<RegistrySignatureResult> signatures,
    AttestationStatus attestationStatus,
    Optional<AttestationsResult> attestations) {

  /**
   * Checks that no component is null and copies the list.
   *
   * @param name the package name
   * @param version the version
   * @param source the registry URL, or {@code offline}
   * @param integrity the registry's {@code dist.integrity}
   * @param checks the npm-level checks, in order
   * @param signatureStatus what came of the registry signatures
   * @param signatures the registry signature check, when it ran
   * @param attestationStatus what came of the attestations
   * @param attestations the attestation verification, when it ran
   */
  public PackageVerification {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(integrity, "integrity");
    checks = List.copyOf(checks);
    Objects.requireNonNull(signatureStatus, "signatureStatus");
    Objects.requireNonNull(signatures, "signatures");
    Objects.requireNonNull(attestationStatus, "attestationStatus");
    Objects.requireNonNull(attestations, "attestations");
  }

  /**
   * Whether the version verified: no check failed, and at least one of the registry signature or
   * the attestations was actually verified (a registry with no keys and a version with no
   * attestations proves nothing).
   *
   * @return true when verified
   */
  public boolean verified() {
    return failedCheck().isEmpty() && !signatureStatus.failed() && !attestationStatus.failed()
        && (signatureStatus == SignatureStatus.VERIFIED
            || attestationStatus == AttestationStatus.VERIFIED);
  }

  /**
   * The first failed npm-level check; for attestations, the failed check inside the attestation
   * response when there is one, since it explains more.
   *
   * @return the failed check, or empty when nothing failed
   */
  public Optional<Check> failedCheck() {
    for (Check c : checks) {
      if (c.failed()) {
        if (c.name() == dev.npmauth.provenance.CheckName.NPM_ATTESTATIONS
            && attestations.isPresent()) {
          Optional<Check> inner = attestations.get().failedCheck();
          if (inner.isPresent()) {
            return inner;
          }
        }
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * One npm-level check by name.
   *
   * @param name the check
   * @return the check, or empty when it is not part of this verification
   */
  public Optional<Check> check(dev.npmauth.provenance.CheckName name) {
    return checks.stream().filter(c -> c.name() == name).findFirst();
  }

  /**
   * {@code <name>@<version>}.
   *
   * @return the package and version
   */
  public String id() {
    return name + "@" + version;
  }

  /**
   * A multi-line report: one line per check ({@code PASSED}, {@code FAILED}, {@code SKIPPED}
   * with its detail), the attestation entries' checks indented below, and the verdict.
   *
   * @return the report, ending in a newline
   */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(id()).append(" (").append(source).append(")\n");
    for (Check c : checks) {
      out.append("  ").append(mark(c.status())).append(' ').append(c.name()).append(": ")
          .append(c.detail()).append('\n');
      if (c.name() == dev.npmauth.provenance.CheckName.NPM_ATTESTATIONS
          && attestations.isPresent()) {
        attestations.get().attestations().forEach(a -> {
          out.append("      ").append(a.kind()).append(' ').append(a.predicateType()).append(": ")
              .append(a.verified() ? "verified"
                  : a.failedCheck().map(Check::toString).orElse("not verified"))
              .append('\n');
        });
        attestations.get().checks().stream().filter(Check::failed)
            .forEach(f -> out.append("      ").append(f).append('\n'));
      }
    }
    out.append(verified() ? "verified" : "NOT verified" + failedCheck()
        .map(f -> ": " + f.name() + " " + f.detail())
        .orElse(": nothing could be verified (no registry keys and no attestations)"))
        .append('\n');
    return out.toString();
  }

  private static String mark(CheckStatus s) {
    return switch (s) {
      case PASSED -> "PASSED ";
      case FAILED -> "FAILED ";
      case SKIPPED -> "SKIPPED";
    };
  }
}
