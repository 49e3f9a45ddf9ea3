package dev.npmauth.provenance.sign;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed provenance statement: the Sigstore bundle to attach to the publish (as the
 * {@code <name>-<version>.sigstore} attachment, its media type as content type) and what it
 * records.
 *
 * @param bundleJson the Sigstore bundle, JSON
 * @param mediaType the bundle's media type, {@code application/vnd.dev.sigstore.bundle.v0.3+json}
 * @param predicateType the statement's predicate type, e.g. {@code https://slsa.dev/provenance/v1}
 * @param statementJson the signed in-toto statement (the DSSE payload), JSON
 * @param signerIdentity the signing certificate's subject alternative name (the workflow)
 * @param rekorUrl the transparency log the statement was logged in
 * @param logIndex the entry's index in that log
 * @param integratedTime when the log integrated the entry
 */
public record SignedProvenance(
    String bundleJson,
    String mediaType,
    String predicateType,
    String statementJson,
    String signerIdentity,
    URI rekorUrl,
    long logIndex,
    Instant integratedTime) {

  /**
   * Checks that no component is null.
   *
   * @param bundleJson the Sigstore bundle, JSON
   * @param mediaType the bundle's media type
   * @param predicateType the statement's predicate type
   * @param statementJson the signed in-toto statement, JSON
   * @param signerIdentity the signing certificate's subject alternative name
   * @param rekorUrl the transparency log
   * @param logIndex the entry's index in that log
   * @param integratedTime when the log integrated the entry
   */
  public SignedProvenance {
    Objects.requireNonNull(bundleJson, "bundleJson");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(predicateType, "predicateType");
    Objects.requireNonNull(statementJson, "statementJson");
    Objects.requireNonNull(signerIdentity, "signerIdentity");
    Objects.requireNonNull(rekorUrl, "rekorUrl");
    Objects.requireNonNull(integratedTime, "integratedTime");
  }

  /**
   * Where people can look the entry up, as npm prints it, for the public-good Rekor.
   *
   * @return {@code https://search.sigstore.dev/?logIndex=<n>}, or empty for another log
   */
  public Optional<URI> searchUrl() {
    return rekorUrl.equals(SigstoreInstance.PUBLIC_GOOD_REKOR)
        ? Optional.of(URI.create("https://search.sigstore.dev/?logIndex=" + logIndex))
        : Optional.empty();
  }

  /**
   * One line for people.
   *
   * @return e.g. {@code provenance signed by https://github.com/...@refs/heads/main, logged at
   *     https://rekor.sigstore.dev index 123 (https://search.sigstore.dev/?logIndex=123)}
   */
  public String summary() {
    return "provenance (" + predicateType + ") signed by " + signerIdentity + ", logged at " + rekorUrl
        + " index " + logIndex + searchUrl().map(u -> " (" + u + ")").orElse("");
  }

  @Override
  public String toString() {
    return "SignedProvenance[" + summary() + "]";
  }
}
