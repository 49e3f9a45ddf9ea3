package dev.npmauth.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of auditing a project's lockfile, summarized the way {@code npm audit signatures}
 * summarizes it: how many packages have verified registry signatures and verified attestations,
 * which have missing or invalid ones, plus lockfile integrity mismatches and the dependencies
 * that were skipped because they did not come from a registry.
 *
 * <pre>{@code
 * AuditReport report = client.verification().audit(Path.of("."), AuditOptions.defaults());
 * System.out.print(report.render());
 * System.exit(report.exitCode());   // 0 all verified, 1 anything invalid or missing
 * }</pre>
 *
 * @param lockfile the lockfile audited
 * @param packages one entry per audited dependency (per install location), sorted by name
 * @param skipped the dependencies not installed from a registry (links, workspaces, git,
 *     {@code file:}, remote tarballs, bundled)
 * @param elapsed how long the audit took
 */
public record AuditReport(Path lockfile, List<PackageAudit> packages,
    List<LockedDependency> skipped, Duration elapsed) {

  /**
   * Checks that no component is null and copies the lists.
   *
   * @param lockfile the lockfile audited
   * @param packages one entry per audited dependency
   * @param skipped the dependencies not installed from a registry
   * @param elapsed how long the audit took
   */
  public AuditReport {
    Objects.requireNonNull(lockfile, "lockfile");
    packages = List.copyOf(packages);
    skipped = List.copyOf(skipped);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /**
   * The dependencies whose registry publishes signing keys (npm's "audited" count).
   *
   * @return those dependencies
   */
  public List<PackageAudit> auditedWithKeys() {
    return packages.stream().filter(PackageAudit::auditedWithKeys).toList();
  }

  /**
   * The dependencies whose registry signatures verified.
   *
   * @return those dependencies
   */
  public List<PackageAudit> verifiedSignatures() {
    return packages.stream()
        .filter(p -> p.verification().signatureStatus() == SignatureStatus.VERIFIED).toList();
  }

  /**
   * The dependencies whose attestations verified.
   *
   * @return those dependencies
   */
  public List<PackageAudit> verifiedAttestations() {
    return packages.stream()
        .filter(p -> p.verification().attestationStatus() == AttestationStatus.VERIFIED).toList();
  }

  /**
   * The dependencies with a problem of one kind.
   *
   * @param kind the kind
   * @return those dependencies, sorted by name
   */
  public List<PackageAudit> withProblem(AuditProblemKind kind) {
    return packages.stream().filter(p -> p.has(kind)).toList();
  }

  /**
   * Whether the audit passed: at least one dependency was audited with keys or had verified
   * attestations, and no dependency has a problem.
   *
   * @return true when it passed
   */
  public boolean passed() {
    return packages.stream().allMatch(p -> p.problems().isEmpty())
        && (!auditedWithKeys().isEmpty() || !verifiedAttestations().isEmpty());
  }

  /**
   * The exit code for CI.
   *
   * @return 0 when {@link #passed()}, otherwise 1
   */
  public int exitCode() {
    return passed() ? 0 : 1;
  }

  /**
   * The summary as text, in the manner of {@code npm audit signatures}, with each failing
   * package named with its registry and what was wrong.
   *
   * @return the text, ending in a newline
   */
  public String render() {
    StringBuilder out = new StringBuilder();
    int audited = auditedWithKeys().size();
    out.append("audited ").append(audited).append(" package").append(audited == 1 ? "" : "s")
        .append(" in ").append(elapsed.toSeconds()).append("s\n\n");
    if (audited == 0 && verifiedAttestations().isEmpty() && problems() == 0) {
      out.append("found no dependencies to audit that were installed from a supported registry\n\n");
    }
    int sig = verifiedSignatures().size();
    if (sig > 0) {
      out.append(sig == 1 ? "1 package has a verified registry signature\n\n"
          : sig + " packages have verified registry signatures\n\n");
    }
    int att = verifiedAttestations().size();
    if (att > 0) {
      out.append(att == 1 ? "1 package has a verified attestation\n\n"
          : att + " packages have verified attestations\n\n");
    }
    section(out, AuditProblemKind.MISSING_SIGNATURE,
        "package has a missing registry signature but the registry is providing signing keys",
        "packages have missing registry signatures but the registry is providing signing keys");
    section(out, AuditProblemKind.INVALID_SIGNATURE, "package has an invalid registry signature",
        "packages have invalid registry signatures");
    section(out, AuditProblemKind.INVALID_ATTESTATIONS, "package has an invalid attestation",
        "packages have invalid attestations");
    section(out, AuditProblemKind.INTEGRITY_MISMATCH,
        "package has a lockfile integrity that differs from the registry's",
        "packages have lockfile integrities that differ from the registry's");
    section(out, AuditProblemKind.ERROR, "package could not be verified",
        "packages could not be verified");
    long tampered = packages.stream().filter(p -> p.has(AuditProblemKind.INVALID_SIGNATURE)
        || p.has(AuditProblemKind.INVALID_ATTESTATIONS)
        || p.has(AuditProblemKind.INTEGRITY_MISMATCH)).count();
    if (tampered == 1) {
      out.append("Someone might have tampered with this package since it was published on the"
          + " registry!\n\n");
    } else if (tampered > 1) {
      out.append("Someone might have tampered with these packages since they were published on"
          + " the registry!\n\n");
    }
    if (!skipped.isEmpty()) {
      out.append("skipped ").append(skipped.size()).append(" dependenc")
          .append(skipped.size() == 1 ? "y" : "ies").append(" not installed from a registry:\n");
      skipped.stream().sorted(Comparator.comparing(LockedDependency::location))
          .forEach(d -> out.append("  ").append(d.location()).append(" (")
              .append(d.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
              .append(d.resolved().map(r -> ": " + r).orElse("")).append(")\n"));
      out.append('\n');
    }
    out.append(passed() ? "audit passed\n" : "audit FAILED\n");
    return out.toString();
  }

  private long problems() {
    return packages.stream().filter(p -> !p.problems().isEmpty()).count();
  }

  private void section(StringBuilder out, AuditProblemKind kind, String one, String many) {
    List<PackageAudit> list = withProblem(kind);
    if (list.isEmpty()) {
      return;
    }
    out.append(list.size() == 1 ? "1 " + one : list.size() + " " + many).append(":\n\n");
    for (PackageAudit p : list) {
      out.append(p.dependency().id()).append(" (").append(p.registry()).append(")");
      p.problems().stream().filter(pr -> pr.kind() == kind).findFirst()
          .ifPresent(pr -> out.append(": ").append(pr.detail()));
      out.append('\n');
    }
    out.append('\n');
  }
}
