package dev.npmauth.verify;

import java.util.Objects;

/**
 * How far an audit is.
 *
 * @param completed how many dependencies are done, this one included
 * @param total how many will be audited
 * @param latest the dependency just audited
 */
public record AuditProgress(int completed, int total, PackageAudit latest) {

  /**
   * Checks the components.
   *
   * @param completed how many are done
   * @param total how many will be audited
   * @param latest the dependency just audited
   */
  public AuditProgress {
    Objects.requireNonNull(latest, "latest");
  }
}
