package dev.npmauth.verify;

import java.nio.file.Path;

/**
 * npm-level verification against a registry, as {@code npm audit signatures} does it and more:
 * for {@code <name>@<version>} it fetches the full packument ({@code Accept: application/json}),
 * the registry's signing keys ({@code GET /-/npm/v1/keys}; a 404 or 400 means none) and, when the
 * version has {@code dist.attestations}, the attestations (the pathname of
 * {@code dist.attestations.url} on the registry's origin). It checks the registry signatures
 * (with key expiry against {@code time[version]}), the registry's publish attestation (registry
 * key) and the SLSA provenance (keyless, against the trusted root, with the
 * {@link dev.npmauth.provenance.ProvenancePolicy}).
 *
 * <p>Obtain it from {@link dev.npmauth.NpmRegistryClient#verification()}; requests go through the
 * client's HTTP stack (retries, user agent, credentials only to their own registry). Scoped
 * packages go to their scope's registry when npm configuration names one. Thread-safe.
 *
 * <pre>{@code
 * try (NpmRegistryClient client = NpmRegistryClient.builder().build()) {
 *   PackageVerification v = client.verification().verify("sigstore", "2.3.1");
 *   System.out.print(v.render());
 *   AuditReport report = client.verification().audit(Path.of("."));
 *   System.exit(report.exitCode());
 * }
 * }</pre>
 *
 * <p>To verify from files instead (no network), use {@link Verifications#offline}.
 */
public interface Verification {

  /**
   * Verifies a version with {@link VerifyOptions#defaults()}.
   *
   * @param name the package name, e.g. {@code @scope/pkg}
   * @param version the exact version
   * @return the result, naming each check; registry errors (404, unreachable) become a failed
   *     {@code NPM_PACKUMENT} or {@code NPM_REGISTRY_KEYS} check rather than an exception
   * @throws dev.npmauth.InvalidPackageNameException if the name is not a valid package name
   * @throws IllegalArgumentException if the version is blank
   */
  PackageVerification verify(String name, String version);

  /**
   * Verifies a version.
   *
   * @param name the package name
   * @param version the exact version
   * @param options the trusted root, provenance policy and whether attestations are required
   * @return the result, naming each check
   * @throws dev.npmauth.InvalidPackageNameException if the name is not a valid package name
   * @throws IllegalArgumentException if the version is blank
   */
  PackageVerification verify(String name, String version, VerifyOptions options);

  /**
   * Audits a project with {@link AuditOptions#defaults()}.
   *
   * @param lockfileOrProject a {@code package-lock.json} / {@code npm-shrinkwrap.json}, or the
   *     project folder holding one
   * @return the report
   * @throws LockfileException if the lockfile cannot be read
   */
  AuditReport audit(Path lockfileOrProject);

  /**
   * Audits a project: every dependency installed from a registry is verified, with at most
   * {@link AuditOptions#concurrency()} at once, each registry's keys fetched once and each
   * package's packument fetched once; the lockfile's integrity is compared with the registry's.
   *
   * @param lockfileOrProject the lockfile, or the project folder holding one
   * @param options verification options, concurrency, progress listener
   * @return the report
   * @throws LockfileException if the lockfile cannot be read
   */
  AuditReport audit(Path lockfileOrProject, AuditOptions options);

  /**
   * Audits an already-read lockfile.
   *
   * @param lockfile the lockfile
   * @param options verification options, concurrency, progress listener
   * @return the report
   */
  AuditReport audit(Lockfile lockfile, AuditOptions options);
}
