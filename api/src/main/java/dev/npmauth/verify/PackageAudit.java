package dev.npmauth.verify;

import java.util.List;
import java.util.Objects;

/**
 * The audit of one locked dependency.
 *
 * @param dependency the lockfile entry
 * @param registry the registry it was checked against
 * @param verification the verification of its version (shared by every location of the same
 *     version)
 * @param problems what is wrong with it, empty when nothing is
 */
public record PackageAudit(LockedDependency dependency, String registry,
    PackageVerification verification, List<AuditProblem> problems) {

  /**
   * Checks that no component is null and copies the list.
   *
   * @param dependency the lockfile entry
   * @param registry the registry it was checked against
   * @param verification the verification of its version
   * @param problems what is wrong with it
   */
  public PackageAudit {
    Objects.requireNonNull(dependency, "dependency");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(verification, "verification");
    problems = List.copyOf(problems);
  }

  /**
   * Whether this dependency has a problem of a kind.
   *
   * @param kind the kind
   * @return true when it has one
   */
  public boolean has(AuditProblemKind kind) {
    return problems.stream().anyMatch(p -> p.kind() == kind);
  }

  /**
   * Whether its registry publishes signing keys, so that it was audited the way
   * {@code npm audit signatures} counts it.
   *
   * @return true unless the registry has no keys
   */
  public boolean auditedWithKeys() {
    return verification.signatureStatus() != SignatureStatus.NO_REGISTRY_KEYS
        && verification.signatureStatus() != SignatureStatus.NOT_CHECKED;
  }
}
