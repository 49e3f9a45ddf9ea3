package dev.npmauth.publish;

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
 *     .build();
 * }</pre>
 *
 * @param tarball the package tarball ({@code .tgz} with entries under {@code package/})
 * @param tag the dist-tag to set; empty means {@code publishConfig.tag} or {@code latest}
 * @param access the access to request; empty means {@code publishConfig.access}, else the
 *     registry's default
 * @param credentials where the credential comes from; empty means the client's default chain
 * @param dryRun whether to make every check and send nothing
 */
public record PublishRequest(
    Path tarball,
    Optional<String> tag,
    Optional<Access> access,
    Optional<PublishCredentialProvider> credentials,
    boolean dryRun) {

  /** Checks that no component is null. */
  public PublishRequest {
    Objects.requireNonNull(tarball, "tarball");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(credentials, "credentials");
  }

  /**
   * Starts a request for a tarball.
   *
   * @param tarball the {@code .tgz} file
   * @return a builder
   */
  public static Builder builder(Path tarball) {
    return new Builder(tarball);
  }

  /** Builds a {@link PublishRequest}. */
  public static final class Builder {
    private final Path tarball;
    private String tag;
    private Access access;
    private PublishCredentialProvider credentials;
    private boolean dryRun;

    private Builder(Path tarball) {
      this.tarball = Objects.requireNonNull(tarball, "tarball");
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
     */
    public PublishRequest build() {
      return new PublishRequest(tarball, Optional.ofNullable(tag), Optional.ofNullable(access),
          Optional.ofNullable(credentials), dryRun);
    }
  }
}
