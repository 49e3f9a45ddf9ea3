package dev.npmauth.provenance.sign;

/**
 * Makes SLSA provenance for a package version as the npm CLI does ({@code npm publish
 * --provenance}) and signs it keylessly with Sigstore.
 *
 * <p>The CI is detected from the client's environment as npm detects it: in <b>GitHub
 * Actions</b> the statement is an in-toto Statement v1 with SLSA provenance v1 (the workflow,
 * its ref and repository, the event, the commit, the runner), signed with an ID token for
 * audience {@code sigstore} requested from {@code ACTIONS_ID_TOKEN_REQUEST_URL} (the job needs
 * {@code id-token: write}); in <b>GitLab CI/CD</b> an in-toto Statement v0.1 with SLSA provenance
 * v0.2 (the project, pipeline, job, runner and the {@code CI_*} variables), signed with the token
 * in {@code SIGSTORE_ID_TOKEN}. Other environments fail with
 * {@link ProvenanceFailure#UNSUPPORTED_CI}, as in npm. {@code SIGSTORE_ID_TOKEN}, when set, is
 * used in either CI.
 *
 * <p>Signing: an ephemeral ECDSA P-256 key proves possession to Fulcio, which certifies it for
 * the workflow identity; the key signs the DSSE envelope (payload type {@code
 * application/vnd.in-toto+json}); the envelope is logged in Rekor as a {@code dsse} entry; the
 * result is a Sigstore bundle v0.3 ({@code application/vnd.dev.sigstore.bundle.v0.3+json}) with
 * the leaf certificate, the log entry (signed entry timestamp, inclusion proof, checkpoint) and
 * the envelope. The private key never leaves memory.
 *
 * <p>Implementations are thread-safe.
 */
public interface ProvenanceSigner {

  /**
   * Where signing goes.
   *
   * @return the Fulcio and Rekor (and timestamp authority) URLs
   */
  SigstoreInstance sigstore();

  /**
   * The statement npm would sign for this subject in the current CI, without signing it.
   *
   * @param subject the package version and tarball digest
   * @return the in-toto statement, JSON
   * @throws ProvenanceException with {@link ProvenanceFailure#UNSUPPORTED_CI} outside GitHub
   *     Actions and GitLab CI/CD
   */
  String statement(ProvenanceSubject subject);

  /**
   * Builds, signs and logs the statement, and assembles the bundle.
   *
   * @param subject the package version and tarball digest
   * @return the bundle and what it records
   * @throws ProvenanceException naming the step that failed: CI detection, the ID token, Fulcio,
   *     Rekor, the timestamp authority, or an answer that does not match what was sent
   */
  SignedProvenance sign(ProvenanceSubject subject);
}
