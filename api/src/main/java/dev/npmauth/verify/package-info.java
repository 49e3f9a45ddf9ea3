/**
 * npm-level verification of published packages and audits of whole projects: registry
 * signatures, the registry's publish attestation and SLSA provenance, fetched from a registry
 * ({@link dev.npmauth.verify.Verification}, from
 * {@link dev.npmauth.NpmRegistryClient#verification()}) or read from files
 * ({@link dev.npmauth.verify.Verifications#offline}); and audits of a
 * {@code package-lock.json} ({@link dev.npmauth.verify.Lockfile},
 * {@link dev.npmauth.verify.AuditReport}) in the manner of {@code npm audit signatures}, with
 * exit codes for CI.
 *
 * <p>The cryptographic checks are those of {@link dev.npmauth.provenance}; this package decides
 * what to fetch, what to compare, and how to summarize.
 */
package dev.npmauth.verify;
