package dev.npmauth.provenance;

import java.util.Objects;
import java.util.Optional;

/**
 * What an npm package's attestations must show, beyond being validly signed.
 *
 * <p>The SLSA provenance certificate must come from the expected source repository: the one
 * given here, or else the package's own {@code repository} field. Optionally the workflow file,
 * the git ref and the SLSA builder id are pinned too, and an explicit certificate identity
 * ({@link VerificationPolicy}) can be required. When neither a repository nor an identity is
 * known, verification fails unless {@link Builder#acceptAnyIdentity()} was called, because a
 * valid signature by an unknown identity proves nothing about who built the package (npm itself
 * applies no identity policy at all).
 *
 * <pre>{@code
 * ProvenancePolicy policy = ProvenancePolicy.builder()
 *     .repository("https://github.com/sigstore/sigstore-js")
 *     .workflowPath(".github/workflows/release.yml")
 *     .build();
 * }</pre>
 *
 * @param repository the expected source repository URI (e.g. {@code https://github.com/o/r});
 *     empty means the package's {@code repository} field
 * @param workflowPath the expected workflow file, e.g. {@code .github/workflows/release.yml}
 * @param ref the expected git ref, e.g. {@code refs/tags/v1.2.3}
 * @param builderId the expected SLSA builder id of the provenance statement
 * @param identity an explicit certificate identity the provenance signer must have
 * @param requireProvenance whether a response without SLSA provenance fails
 * @param requirePublishAttestation whether a response without the registry's publish attestation
 *     fails
 * @param acceptAnyIdentity whether to accept any signer when no repository or identity is known
 */
public record ProvenancePolicy(
    Optional<String> repository,
    Optional<String> workflowPath,
    Optional<String> ref,
    Optional<String> builderId,
    Optional<VerificationPolicy> identity,
    boolean requireProvenance,
    boolean requirePublishAttestation,
    boolean acceptAnyIdentity) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the identity is a managed-key policy (provenance is
   *     always keyless)
   *
   * @param repository the expected source repository URI (e.g. {@code https://github.com/o/r});
   *     empty means the package's {@code repository} field
   * @param workflowPath the expected workflow file, e.g. {@code .github/workflows/release.yml}
   * @param ref the expected git ref, e.g. {@code refs/tags/v1.2.3}
   * @param builderId the expected SLSA builder id of the provenance statement
   * @param identity an explicit certificate identity the provenance signer must have
   * @param requireProvenance whether a response without SLSA provenance fails
   * @param requirePublishAttestation whether a response without the registry's publish attestation
   *     fails
   * @param acceptAnyIdentity whether to accept any signer when no repository or identity is known
   */
  public ProvenancePolicy {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(workflowPath, "workflowPath");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(builderId, "builderId");
    Objects.requireNonNull(identity, "identity");
    if (identity.isPresent() && identity.get().isManagedKey()) {
      throw new IllegalArgumentException(
          "npm provenance is signed with a Fulcio certificate: give a keyless identity policy");
    }
  }

  /**
   * The default policy: provenance and publish attestation required, provenance from the
   * package's own {@code repository}.
   *
   * @return the policy
   */
  public static ProvenancePolicy defaults() {
    return builder().build();
  }

  /**
   * Starts a policy with the defaults of {@link #defaults()}.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ProvenancePolicy}. */
  public static final class Builder {
    private String repository;
    private String workflowPath;
    private String ref;
    private String builderId;
    private VerificationPolicy identity;
    private boolean requireProvenance = true;
    private boolean requirePublishAttestation = true;
    private boolean acceptAnyIdentity;

    private Builder() {
    }

    /**
     * Sets the expected source repository.
     *
     * @param repository e.g. {@code https://github.com/owner/repo} ({@code git+}, {@code .git}
     *     and shorthands such as {@code github:owner/repo} are understood)
     * @return this builder
     */
    public Builder repository(String repository) {
      this.repository = Objects.requireNonNull(repository, "repository");
      return this;
    }

    /**
     * Sets the expected workflow file path inside the repository.
     *
     * @param path e.g. {@code .github/workflows/release.yml}
     * @return this builder
     */
    public Builder workflowPath(String path) {
      this.workflowPath = Objects.requireNonNull(path, "path");
      return this;
    }

    /**
     * Sets the expected git ref.
     *
     * @param ref e.g. {@code refs/tags/v1.2.3}
     * @return this builder
     */
    public Builder ref(String ref) {
      this.ref = Objects.requireNonNull(ref, "ref");
      return this;
    }

    /**
     * Sets the expected SLSA builder id.
     *
     * @param builderId e.g. {@code https://github.com/actions/runner/github-hosted}
     * @return this builder
     */
    public Builder builderId(String builderId) {
      this.builderId = Objects.requireNonNull(builderId, "builderId");
      return this;
    }

    /**
     * Requires an explicit certificate identity.
     *
     * @param identity a keyless policy
     * @return this builder
     */
    public Builder identity(VerificationPolicy identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /**
     * Sets whether SLSA provenance must be present (default true).
     *
     * @param required whether it is required
     * @return this builder
     */
    public Builder requireProvenance(boolean required) {
      this.requireProvenance = required;
      return this;
    }

    /**
     * Sets whether the registry's publish attestation must be present (default true).
     *
     * @param required whether it is required
     * @return this builder
     */
    public Builder requirePublishAttestation(boolean required) {
      this.requirePublishAttestation = required;
      return this;
    }

    /**
     * Accepts any provenance signer when no repository or identity is known (npm's own
     * behaviour). Signatures, logs and subjects are still checked.
     *
     * @return this builder
     */
    public Builder acceptAnyIdentity() {
      this.acceptAnyIdentity = true;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     */
    public ProvenancePolicy build() {
      return new ProvenancePolicy(Optional.ofNullable(repository),
          Optional.ofNullable(workflowPath), Optional.ofNullable(ref),
          Optional.ofNullable(builderId), Optional.ofNullable(identity), requireProvenance,
          requirePublishAttestation, acceptAnyIdentity);
    }
  }
}
