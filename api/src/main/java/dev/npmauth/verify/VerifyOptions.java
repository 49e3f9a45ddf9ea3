package dev.npmauth.verify;

import dev.npmauth.provenance.ProvenancePolicy;
import dev.npmauth.provenance.TrustedRoot;
import java.util.Objects;
import java.util.Optional;

/**
 * How a package version is verified: the Sigstore trust material for its attestations, what its
 * provenance must show, and whether attestations are required.
 *
 * <pre>{@code
 * VerifyOptions options = VerifyOptions.builder()
 *     .trustedRoot(TrustedRoots.fromFile(Path.of("trusted_root.json")))
 *     .policy(ProvenancePolicy.builder().workflowPath(".github/workflows/release.yml").build())
 *     .requireAttestations(true)
 *     .build();
 * }</pre>
 *
 * @param trustedRoot the trusted root for the attestation bundles; empty means the embedded
 *     Sigstore public-good production root
 * @param policy what the SLSA provenance must show (expected repository, defaulting to the
 *     package's {@code repository} field; optional workflow, ref, builder)
 * @param requireAttestations whether a version without {@code dist.attestations} fails; off by
 *     default, as {@code npm audit signatures} checks attestations only where they exist
 */
public record VerifyOptions(
    Optional<TrustedRoot> trustedRoot, ProvenancePolicy policy, boolean requireAttestations) {

  /**
   * Checks that no component is null.
   *
   * @param trustedRoot the trusted root; empty means the public-good production root
   * @param policy what the provenance must show
   * @param requireAttestations whether a version without attestations fails
   */
  public VerifyOptions {
    Objects.requireNonNull(trustedRoot, "trustedRoot");
    Objects.requireNonNull(policy, "policy");
  }

  /**
   * The defaults: the public-good production root, {@link ProvenancePolicy#defaults()},
   * attestations checked when present.
   *
   * @return the options
   */
  public static VerifyOptions defaults() {
    return builder().build();
  }

  /**
   * Starts options with the defaults of {@link #defaults()}.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link VerifyOptions}. */
  public static final class Builder {
    private TrustedRoot trustedRoot;
    private ProvenancePolicy policy = ProvenancePolicy.defaults();
    private boolean requireAttestations;

    private Builder() {
    }

    /**
     * Sets the trusted root (for a private Sigstore, a test, or a root refreshed through TUF).
     *
     * @param root the root, from {@link dev.npmauth.provenance.TrustedRoots}
     * @return this builder
     */
    public Builder trustedRoot(TrustedRoot root) {
      this.trustedRoot = Objects.requireNonNull(root, "trustedRoot");
      return this;
    }

    /**
     * Sets what the provenance must show.
     *
     * @param value the policy
     * @return this builder
     */
    public Builder policy(ProvenancePolicy value) {
      this.policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /**
     * Sets whether a version without attestations fails (default false).
     *
     * @param value whether attestations are required
     * @return this builder
     */
    public Builder requireAttestations(boolean value) {
      this.requireAttestations = value;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public VerifyOptions build() {
      return new VerifyOptions(Optional.ofNullable(trustedRoot), policy, requireAttestations);
    }
  }
}
