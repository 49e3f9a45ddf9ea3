package dev.npmauth.publish;

import dev.npmauth.OtpProvider;
import dev.npmauth.Secret;
import dev.npmauth.credentials.PublishCredentialProvider;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What to publish and how.
 *
 * <pre>{@code
 * PublishRequest request = PublishRequest.builder(Path.of("demo-pkg-1.0.0.tgz"))
 *     .tag("next")
 *     .access(Access.PUBLIC)
 *     .otpProvider(challenge -> Secret.of(readCodeFromConsole()))
 *     .build();
 * }</pre>
 *
 * @param source the package tarball ({@code .tgz} with entries under {@code package/}), or a
 *     package folder, which is packed first as {@code npm pack} would
 * @param tag the dist-tag to set; empty means {@code publishConfig.tag} or {@code latest}
 * @param access the access to request; empty means {@code publishConfig.access}, else the
 *     registry's default
 * @param credentials where the credential comes from; empty means the client's default chain
 * @param otp a one-time password to send with the publish (as {@code --otp} does)
 * @param otpProvider asked for a one-time password when the registry wants one and none was
 *     given; without it such a publish fails with {@link dev.npmauth.registry.OtpRequiredException}
 * @param provenanceBundle a Sigstore bundle (JSON) to attach as the version's provenance, as
 *     {@code npm publish --provenance-file} does
 * @param provenance whether to generate, sign and attach SLSA provenance, as {@code npm publish
 *     --provenance} does (GitHub Actions and GitLab CI/CD only; see {@link
 *     dev.npmauth.provenance.sign.ProvenanceSigner})
 * @param stage whether to publish to the stage ({@code npm stage publish}) instead of directly
 * @param dryRun whether to make every check and send nothing
 */
public record PublishRequest(
    Path source,
    Optional<String> tag,
    Optional<Access> access,
    Optional<PublishCredentialProvider> credentials,
    Optional<Secret> otp,
    Optional<OtpProvider> otpProvider,
    Optional<String> provenanceBundle,
    boolean provenance,
    boolean stage,
    boolean dryRun) {

  /**
   * A request without provenance generation.
   *
   * @param source the tarball or folder
   * @param tag the dist-tag
   * @param access the access
   * @param credentials where the credential comes from
   * @param otp a one-time password
   * @param otpProvider who to ask for a one-time password
   * @param provenanceBundle a bundle to attach
   * @param stage whether to stage
   * @param dryRun whether to send nothing
   */
  public PublishRequest(Path source, Optional<String> tag, Optional<Access> access,
      Optional<PublishCredentialProvider> credentials, Optional<Secret> otp, Optional<OtpProvider> otpProvider,
      Optional<String> provenanceBundle, boolean stage, boolean dryRun) {
    this(source, tag, access, credentials, otp, otpProvider, provenanceBundle, false, stage, dryRun);
  }

  /**
   * Checks that no component is null, and that provenance is either generated or given, not both
   * (as npm refuses {@code --provenance} with {@code --provenance-file}).
   *
   * @throws IllegalArgumentException when both {@code provenance} and a bundle are set
   */
  public PublishRequest {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(otp, "otp");
    Objects.requireNonNull(otpProvider, "otpProvider");
    Objects.requireNonNull(provenanceBundle, "provenanceBundle");
    if (provenance && provenanceBundle.isPresent()) {
      throw new IllegalArgumentException("provenance is either generated (provenance(true), --provenance) or"
          + " given as a bundle (provenanceBundle, --provenance-file), not both");
    }
  }

  /**
   * Starts a request for a tarball or a package folder.
   *
   * @param source the {@code .tgz} file or the folder holding {@code package.json}
   * @return a builder
   */
  public static Builder builder(Path source) {
    return new Builder(source);
  }

  /**
   * A builder holding this request's values, to change some of them.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(source);
    b.tag = tag.orElse(null);
    b.access = access.orElse(null);
    b.credentials = credentials.orElse(null);
    b.otp = otp.orElse(null);
    b.otpProvider = otpProvider.orElse(null);
    b.provenanceBundle = provenanceBundle.orElse(null);
    b.provenance = provenance;
    b.stage = stage;
    b.dryRun = dryRun;
    return b;
  }

  /** Builds a {@link PublishRequest}. */
  public static final class Builder {
    private Path source;
    private String tag;
    private Access access;
    private PublishCredentialProvider credentials;
    private Secret otp;
    private OtpProvider otpProvider;
    private String provenanceBundle;
    private boolean provenance;
    private boolean stage;
    private boolean dryRun;

    private Builder(Path source) {
      this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Replaces the tarball or folder to publish.
     *
     * @param value the source
     * @return this builder
     */
    public Builder source(Path value) {
      this.source = Objects.requireNonNull(value, "source");
      return this;
    }

    /**
     * Sets the dist-tag.
     *
     * @param distTag for example {@code next}
     * @return this builder
     */
    public Builder tag(String distTag) {
      this.tag = distTag;
      return this;
    }

    /**
     * Sets the access.
     *
     * @param value public or restricted
     * @return this builder
     */
    public Builder access(Access value) {
      this.access = value;
      return this;
    }

    /**
     * Sets where the credential comes from.
     *
     * @param provider for example {@code PublishCredentialProvider.fixed(credential)}
     * @return this builder
     */
    public Builder credentials(PublishCredentialProvider provider) {
      this.credentials = provider;
      return this;
    }

    /**
     * Sends a one-time password with the publish.
     *
     * @param code the code
     * @return this builder
     */
    public Builder otp(Secret code) {
      this.otp = code;
      return this;
    }

    /**
     * Sets who to ask for a one-time password when the registry wants one.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder otpProvider(OtpProvider provider) {
      this.otpProvider = provider;
      return this;
    }

    /**
     * Attaches a provenance bundle.
     *
     * @param bundleJson the Sigstore bundle, JSON
     * @return this builder
     */
    public Builder provenanceBundle(String bundleJson) {
      this.provenanceBundle = bundleJson;
      return this;
    }

    /**
     * Generates SLSA provenance for the tarball, signs it keylessly with Sigstore and attaches the
     * bundle, as {@code npm publish --provenance} does. Works in GitHub Actions (the job needs
     * {@code id-token: write}) and GitLab CI/CD (with {@code SIGSTORE_ID_TOKEN}); elsewhere the
     * publish fails with a {@link dev.npmauth.provenance.sign.ProvenanceException}. A dry run, or a
     * version the registry already has with the same bytes, signs nothing.
     *
     * @param value whether to generate provenance
     * @return this builder
     */
    public Builder provenance(boolean value) {
      this.provenance = value;
      return this;
    }

    /**
     * Publishes to the stage instead of directly.
     *
     * @param value whether to stage
     * @return this builder
     */
    public Builder stage(boolean value) {
      this.stage = value;
      return this;
    }

    /**
     * Makes this a dry run.
     *
     * @param value whether to send nothing
     * @return this builder
     */
    public Builder dryRun(boolean value) {
      this.dryRun = value;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws IllegalArgumentException when provenance is both generated and given as a bundle
     */
    public PublishRequest build() {
      return new PublishRequest(source, Optional.ofNullable(tag), Optional.ofNullable(access),
          Optional.ofNullable(credentials), Optional.ofNullable(otp), Optional.ofNullable(otpProvider),
          Optional.ofNullable(provenanceBundle), provenance, stage, dryRun);
    }
  }
}
