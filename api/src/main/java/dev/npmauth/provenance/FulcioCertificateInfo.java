package dev.npmauth.provenance;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Fulcio signing certificate says about the signer: its subject alternative name, OIDC
 * issuer and the Fulcio extensions, decoded to text.
 *
 * <p>Only trust these values when the {@link VerificationResult} that carries them is verified.
 *
 * @param subjectAlternativeName the signer identity: a URI (CI workflows), an e-mail address, or
 *     the Fulcio username otherName
 * @param extensions every Fulcio extension the certificate carries, decoded to text
 * @param notBefore start of the certificate's validity
 * @param notAfter end of the certificate's validity
 * @param serialNumberHex the certificate serial number in lower-case hex
 */
public record FulcioCertificateInfo(
    String subjectAlternativeName,
    Map<FulcioExtension, String> extensions,
    Instant notBefore,
    Instant notAfter,
    String serialNumberHex) {

  /**
   * Checks that no component is null and copies the map.
   *
   * @param subjectAlternativeName the signer identity: a URI (CI workflows), an e-mail address, or
   *     the Fulcio username otherName
   * @param extensions every Fulcio extension the certificate carries, decoded to text
   * @param notBefore start of the certificate's validity
   * @param notAfter end of the certificate's validity
   * @param serialNumberHex the certificate serial number in lower-case hex
   */
  public FulcioCertificateInfo {
    Objects.requireNonNull(subjectAlternativeName, "subjectAlternativeName");
    Map<FulcioExtension, String> copy = new EnumMap<>(FulcioExtension.class);
    copy.putAll(extensions);
    extensions = Collections.unmodifiableMap(copy);
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(serialNumberHex, "serialNumberHex");
  }

  /**
   * One extension's value.
   *
   * @param extension the extension
   * @return its value, or empty when the certificate lacks it
   */
  public Optional<String> get(FulcioExtension extension) {
    return Optional.ofNullable(extensions.get(extension));
  }

  /**
   * The OIDC issuer: extension {@code .8}, or the deprecated {@code .1} when {@code .8} is absent.
   *
   * @return the issuer, e.g. {@code https://token.actions.githubusercontent.com}
   */
  public Optional<String> issuer() {
    return get(FulcioExtension.ISSUER).or(() -> get(FulcioExtension.ISSUER_V1));
  }

  /**
   * The source repository URI ({@code .12}); for older GitHub certificates that only carry the
   * deprecated {@code .5} ({@code owner/repo}), {@code https://github.com/} followed by it.
   *
   * @return e.g. {@code https://github.com/sigstore/sigstore-js}
   */
  public Optional<String> sourceRepositoryUri() {
    Optional<String> uri = get(FulcioExtension.SOURCE_REPOSITORY_URI);
    if (uri.isPresent()) {
      return uri;
    }
    boolean github = issuer().filter("https://token.actions.githubusercontent.com"::equals)
        .isPresent();
    return github
        ? get(FulcioExtension.GITHUB_WORKFLOW_REPOSITORY).map(r -> "https://github.com/" + r)
        : Optional.empty();
  }

  /**
   * The source repository ref ({@code .14}, else the deprecated {@code .6}).
   *
   * @return e.g. {@code refs/tags/v1.0.0}
   */
  public Optional<String> sourceRepositoryRef() {
    return get(FulcioExtension.SOURCE_REPOSITORY_REF)
        .or(() -> get(FulcioExtension.GITHUB_WORKFLOW_REF));
  }

  /**
   * The source repository digest ({@code .13}, else the deprecated {@code .3}).
   *
   * @return the commit the build ran on
   */
  public Optional<String> sourceRepositoryDigest() {
    return get(FulcioExtension.SOURCE_REPOSITORY_DIGEST)
        .or(() -> get(FulcioExtension.GITHUB_WORKFLOW_SHA));
  }

  /**
   * The build signer URI ({@code .9}).
   *
   * @return the workflow that signed (the reusable workflow when one was used)
   */
  public Optional<String> buildSignerUri() {
    return get(FulcioExtension.BUILD_SIGNER_URI);
  }

  /**
   * The build config URI ({@code .18}).
   *
   * @return the top-level workflow file at a ref
   */
  public Optional<String> buildConfigUri() {
    return get(FulcioExtension.BUILD_CONFIG_URI);
  }

  /**
   * The build trigger ({@code .20}, else the deprecated {@code .2}).
   *
   * @return e.g. {@code push}
   */
  public Optional<String> buildTrigger() {
    return get(FulcioExtension.BUILD_TRIGGER)
        .or(() -> get(FulcioExtension.GITHUB_WORKFLOW_TRIGGER));
  }

  /**
   * The runner environment ({@code .11}).
   *
   * @return {@code github-hosted} or {@code self-hosted}
   */
  public Optional<String> runnerEnvironment() {
    return get(FulcioExtension.RUNNER_ENVIRONMENT);
  }

  /**
   * The run invocation URI ({@code .21}).
   *
   * @return the CI run that signed
   */
  public Optional<String> runInvocationUri() {
    return get(FulcioExtension.RUN_INVOCATION_URI);
  }
}
