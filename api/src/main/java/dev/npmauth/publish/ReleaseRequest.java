package dev.npmauth.publish;

import dev.npmauth.OtpProvider;
import dev.npmauth.credentials.PublishCredentialProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A release of several packages together.
 *
 * <pre>{@code
 * ReleaseReport report = client.releaser().release(new ReleaseRequest(
 *     List.of(Path.of("packages/core"), Path.of("packages/cli")),
 *     Optional.empty(), Optional.empty(), Optional.empty(), false));
 * }</pre>
 *
 * @param packages package folders or tarballs, in any order
 * @param tag the dist-tag for every package; empty means each package's own default
 * @param credentials where credentials come from; empty means the client's chain (trusted
 *     publishing is per package)
 * @param otpProvider asked when the registry wants a one-time password
 * @param dryRun whether to make every check and publish nothing
 */
public record ReleaseRequest(
    List<Path> packages,
    Optional<String> tag,
    Optional<PublishCredentialProvider> credentials,
    Optional<OtpProvider> otpProvider,
    boolean dryRun) {

  /**
   * Checks the request.
   *
   * @throws IllegalArgumentException if no package is given
   */
  public ReleaseRequest {
    packages = List.copyOf(packages);
    if (packages.isEmpty()) {
      throw new IllegalArgumentException("a release needs at least one package folder or tarball");
    }
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(otpProvider, "otpProvider");
  }
}
