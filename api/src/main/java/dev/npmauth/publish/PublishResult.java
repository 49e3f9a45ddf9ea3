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
 *     redacted in every printed form); empty when no credential was needed
 * @param stageId the stage id, for a staged publish
 * @param provenance the provenance this publish generated and attached, when it generated one
 */
public record PublishResult(
    PackageName packageName,
    String version,
    String tag,
    String integrity,
    String shasum,
    PublishOutcome outcome,
    Optional<ResolvedCredential> credential,
    Optional<String> stageId,
    Optional<dev.npmauth.provenance.sign.SignedProvenance> provenance) {

  /**
   * A result without generated provenance.
   *
   * @param packageName the package
   * @param version the version
   * @param tag the dist-tag set
   * @param integrity the tarball's integrity
   * @param shasum the tarball's hex SHA-1
   * @param outcome how it ended
   * @param credential the credential used
   * @param stageId the stage id, for a staged publish
   */
  public PublishResult(PackageName packageName, String version, String tag, String integrity, String shasum,
      PublishOutcome outcome, Optional<ResolvedCredential> credential, Optional<String> stageId) {
    this(packageName, version, tag, integrity, shasum, outcome, credential, stageId, Optional.empty());
  }

  /**
   * A copy that records the provenance attached to the publish.
   *
   * @param signed the signed provenance
   * @return the copy
   */
  public PublishResult withProvenance(dev.npmauth.provenance.sign.SignedProvenance signed) {
    return new PublishResult(packageName, version, tag, integrity, shasum, outcome, credential, stageId,
        Optional.of(signed));
  }

  /** Checks that no component is null. */
  public PublishResult {
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(integrity, "integrity");
    Objects.requireNonNull(shasum, "shasum");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(stageId, "stageId");
    Objects.requireNonNull(provenance, "provenance");
  }

  /**
   * One line for people, as npm prints it.
   *
   * @return for example {@code + demo-pkg@1.0.0} or {@code = demo-pkg@1.0.0 (already published, identical)}
   */
  public String summary() {
    String id = packageName + "@" + version;
    return switch (outcome) {
      case PUBLISHED -> "+ " + id;
      case ALREADY_PUBLISHED_IDENTICAL -> "= " + id + " (already published, identical)";
      case STAGED -> "+ " + id + " (staged" + stageId.map(s -> " with id " + s).orElse("") + ")";
      case DRY_RUN -> "+ " + id + " (dry run)";
    };
  }
}
