package dev.npmauth.publish;

import dev.npmauth.PackageName;
import dev.npmauth.credentials.ResolvedCredential;
import java.util.Objects;
import java.util.Optional;

/**
 * What a publish did.
 *
 * @param packageName the package
 * @param version the version
 * @param tag the dist-tag set
 * @param integrity the tarball's {@code sha512-...} integrity
 * @param shasum the tarball's hex SHA-1
 * @param outcome how it ended
 * @param credential which credential source was used and why the others were not (secret
 *     redacted in every printed form); empty for a dry run that found none
 */
public record PublishResult(
    PackageName packageName,
    String version,
    String tag,
    String integrity,
    String shasum,
    PublishOutcome outcome,
    Optional<ResolvedCredential> credential) {

  /** Checks that no component is null. */
  public PublishResult {
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(integrity, "integrity");
    Objects.requireNonNull(shasum, "shasum");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(credential, "credential");
  }
}
