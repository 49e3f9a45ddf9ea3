package dev.npmauth.spi;

import dev.npmauth.Environment;
import dev.npmauth.RegistryUrl;
import dev.npmauth.RetryPolicy;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.oidc.IdTokenSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link dev.npmauth.NpmRegistryClient.Builder} collected, handed to the
 * implementation. Users do not build this; they use the builder.
 *
 * @param registry the registry; empty means the one npm configuration names
 * @param environment the environment to read
 * @param workingDirectory where the project {@code .npmrc} is looked for
 * @param npmConfig the configuration; empty means load it from the environment and working
 *     directory
 * @param clock the clock
 * @param allowInsecureHttp whether plain http to non-loopback hosts is allowed
 * @param connectTimeout connect timeout
 * @param readTimeout read timeout (time between bytes)
 * @param retryPolicy retry policy
 * @param idTokenSource a replacement for the default ID token source
 * @param idTokenIssuerKeys JWKS URLs by issuer, to verify ID token signatures locally
 * @param sigstore where provenance is signed; empty means the public-good instance, with
 *     {@code NPMAUTH_FULCIO_URL} / {@code NPMAUTH_REKOR_URL} / {@code NPMAUTH_TSA_URL} overrides
 * @param trustManager the certificate authorities to trust for TLS instead of the JDK's, if given
 * @param caFile a PEM file of certificate authorities to trust instead of the JDK's (as npm's
 *     {@code cafile}), if given
 */
public record ClientSettings(
    Optional<RegistryUrl> registry,
    Environment environment,
    Path workingDirectory,
    Optional<NpmConfig> npmConfig,
    Clock clock,
    boolean allowInsecureHttp,
    Duration connectTimeout,
    Duration readTimeout,
    RetryPolicy retryPolicy,
    Optional<IdTokenSource> idTokenSource,
    Map<String, URI> idTokenIssuerKeys,
    Optional<dev.npmauth.provenance.sign.SigstoreInstance> sigstore,
    Optional<javax.net.ssl.X509TrustManager> trustManager,
    Optional<Path> caFile) {

  /**
   * Settings without a Sigstore instance (the environment's or the public-good one is used).
   *
   * @param registry the registry; empty means the one npm configuration names
   * @param environment the environment to read
   * @param workingDirectory where the project {@code .npmrc} is looked for
   * @param npmConfig the configuration; empty means load it
   * @param clock the clock
   * @param allowInsecureHttp whether plain http to non-loopback hosts is allowed
   * @param connectTimeout connect timeout
   * @param readTimeout read timeout
   * @param retryPolicy retry policy
   * @param idTokenSource a replacement for the default ID token source
   * @param idTokenIssuerKeys JWKS URLs by issuer
   */
  public ClientSettings(Optional<RegistryUrl> registry, Environment environment, Path workingDirectory,
      Optional<NpmConfig> npmConfig, Clock clock, boolean allowInsecureHttp, Duration connectTimeout,
      Duration readTimeout, RetryPolicy retryPolicy, Optional<IdTokenSource> idTokenSource,
      Map<String, URI> idTokenIssuerKeys) {
    this(registry, environment, workingDirectory, npmConfig, clock, allowInsecureHttp, connectTimeout,
        readTimeout, retryPolicy, idTokenSource, idTokenIssuerKeys, Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /** Checks that no component is null and copies the map. */
  public ClientSettings {
    Objects.requireNonNull(trustManager, "trustManager");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(npmConfig, "npmConfig");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    Objects.requireNonNull(idTokenSource, "idTokenSource");
    idTokenIssuerKeys = Map.copyOf(idTokenIssuerKeys);
    Objects.requireNonNull(sigstore, "sigstore");
  }
}
