package dev.npmauth;

import dev.npmauth.config.NpmConfig;
import dev.npmauth.credentials.PublishCredentialProvider;
import dev.npmauth.oidc.IdTokenSource;
import dev.npmauth.oidc.TrustedPublishing;
import dev.npmauth.publish.DistTags;
import dev.npmauth.publish.Publisher;
import dev.npmauth.publish.Releaser;
import dev.npmauth.publish.StagedPublishing;
import dev.npmauth.spi.ClientSettings;
import dev.npmauth.spi.Providers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A client for one npm registry. Immutable and thread-safe; build one and share it.
 *
 * <pre>{@code
 * NpmRegistryClient client = NpmRegistryClient.builder()
 *     .registry("https://registry.npmjs.org/")
 *     .build();
 * PublishResult result = client.publisher().publish(PublishRequest.builder(tgz).build());
 * }</pre>
 *
 * <p>The implementation ({@code npmauth-impl}) is found on the class path with
 * {@link java.util.ServiceLoader}.
 */
public interface NpmRegistryClient extends AutoCloseable {

  /**
   * The registry this client talks to.
   *
   * @return the registry URL
   */
  RegistryUrl registry();

  /**
   * The npm configuration this client was built with.
   *
   * @return the configuration
   */
  NpmConfig config();

  /**
   * Trusted publishing (OIDC) for this registry.
   *
   * @return the trusted publishing capability
   */
  TrustedPublishing trustedPublishing();

  /**
   * The default publish-credential chain: trusted publishing, then {@code NODE_AUTH_TOKEN},
   * {@code NPM_TOKEN}, then {@code .npmrc}.
   *
   * @return the chain
   */
  PublishCredentialProvider publishCredentials();

  /**
   * Publishing.
   *
   * @return the publisher
   */
  Publisher publisher();

  /**
   * Dist-tags ({@code npm dist-tag}).
   *
   * @return the dist-tags capability
   */
  DistTags distTags();

  /**
   * Staged publishing ({@code npm stage}).
   *
   * @return the staging capability
   */
  StagedPublishing staging();

  /**
   * Releases of many packages at once, in dependency order, resumable.
   *
   * @return the releaser
   */
  Releaser releaser();

  /**
   * The token configured for this registry without trusted publishing: {@code NODE_AUTH_TOKEN},
   * {@code NPM_TOKEN}, or {@code .npmrc}, in that order. Maintenance operations (dist-tags,
   * approving staged versions, tokens) use it, since trusted publishing tokens may only publish.
   *
   * @return the credential and where it came from, if one is configured
   */
  java.util.Optional<dev.npmauth.credentials.ResolvedCredential> configuredCredential();

  /**
   * Granular access tokens: create, list, revoke, audit, rotate ({@code npm token}).
   *
   * @return the tokens capability
   */
  dev.npmauth.tokens.Tokens tokens();

  /**
   * Trusted publisher settings of packages ({@code npm trust}).
   *
   * @return the trust capability
   */
  dev.npmauth.trust.TrustSettings trust();

  /**
   * Human sessions: web and legacy login, whoami, logout, {@code .npmrc}.
   *
   * @return the sessions capability
   */
  dev.npmauth.session.Sessions sessions();

  /**
   * Verification of published versions (registry signatures, attestations, provenance) and
   * audits of project lockfiles ({@code npm audit signatures}).
   *
   * @return the verification capability
   */
  dev.npmauth.verify.Verification verification();

  /**
   * Provenance generation: the SLSA statement npm makes in GitHub Actions or GitLab CI/CD, signed
   * keylessly with the {@linkplain Builder#sigstore Sigstore instance} of this client. The
   * publisher uses it for {@link dev.npmauth.publish.PublishRequest.Builder#provenance(boolean)}.
   *
   * @return the signer
   */
  dev.npmauth.provenance.sign.ProvenanceSigner provenanceSigner();

  /**
   * Checks that the registry answers ({@code GET /-/ping}).
   *
   * @throws dev.npmauth.registry.RegistryException if it answers with an error
   * @throws dev.npmauth.registry.RegistryUnreachableException if it does not answer
   */
  void ping();

  /**
   * The user name the registry associates with a credential ({@code GET /-/whoami}).
   *
   * @param credential the credential
   * @return the user name
   * @throws dev.npmauth.registry.RegistryException if the registry refuses the credential
   */
  String whoami(Credential credential);

  /** Releases connections and threads. The client must not be used afterwards. */
  @Override
  void close();

  /**
   * Starts building a client.
   *
   * @return a builder with the defaults: the registry from npm configuration, the system
   *     environment, the current directory, the system clock, 10 s connect and 60 s read
   *     timeouts, {@link RetryPolicy#defaults()}
   */
  static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link NpmRegistryClient}. */
  final class Builder {
    private RegistryUrl registry;
    private Environment environment = Environment.system();
    private Path workingDirectory = Path.of("").toAbsolutePath();
    private NpmConfig npmConfig;
    private Clock clock = Clock.systemUTC();
    private boolean allowInsecureHttp;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private IdTokenSource idTokenSource;
    private javax.net.ssl.X509TrustManager trustManager;
    private Path caFile;
    private final Map<String, URI> idTokenIssuerKeys = new LinkedHashMap<>();
    private dev.npmauth.provenance.sign.SigstoreInstance sigstore;

    private Builder() {
    }

    /**
     * Sets the registry.
     *
     * @param url for example {@code https://registry.npmjs.org/}
     * @return this builder
     * @throws InvalidRegistryUrlException if the URL is not an absolute http(s) URL
     */
    public Builder registry(String url) {
      return registry(RegistryUrl.of(url));
    }

    /**
     * Sets the registry.
     *
     * @param url the registry
     * @return this builder
     */
    public Builder registry(RegistryUrl url) {
      this.registry = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * Sets the environment every variable is read from (CI detection, ID tokens,
     * {@code NPM_TOKEN}, {@code ${VAR}} in {@code .npmrc}).
     *
     * @param value the environment
     * @return this builder
     */
    public Builder environment(Environment value) {
      this.environment = Objects.requireNonNull(value, "environment");
      return this;
    }

    /**
     * Sets the directory whose {@code .npmrc} is the project configuration.
     *
     * @param value the directory
     * @return this builder
     */
    public Builder workingDirectory(Path value) {
      this.workingDirectory = Objects.requireNonNull(value, "workingDirectory");
      return this;
    }

    /**
     * Uses this npm configuration instead of loading one.
     *
     * @param value the configuration
     * @return this builder
     */
    public Builder npmConfig(NpmConfig value) {
      this.npmConfig = Objects.requireNonNull(value, "npmConfig");
      return this;
    }

    /**
     * Sets the clock (token expiry, ID token checks).
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Allows plain {@code http://} to hosts that are not loopback. Off by default: tokens sent
     * that way can be read on the network.
     *
     * @param value whether to allow it
     * @return this builder
     */
    public Builder allowInsecureHttp(boolean value) {
      this.allowInsecureHttp = value;
      return this;
    }

    /**
     * Sets the connect timeout.
     *
     * @param value the timeout
     * @return this builder
     */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
      return this;
    }

    /**
     * Sets the read timeout (the longest wait between two bytes of an answer).
     *
     * @param value the timeout
     * @return this builder
     */
    public Builder readTimeout(Duration value) {
      this.readTimeout = Objects.requireNonNull(value, "readTimeout");
      return this;
    }

    /**
     * Sets the retry policy.
     *
     * @param value the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy value) {
      this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
      return this;
    }

    /**
     * Replaces the default ID token source ({@code NPM_ID_TOKEN}, then the GitHub Actions token
     * endpoint), for example with {@link IdTokenSource#fixed(Secret)}.
     *
     * @param value the source
     * @return this builder
     */
    public Builder idTokenSource(IdTokenSource value) {
      this.idTokenSource = Objects.requireNonNull(value, "idTokenSource");
      return this;
    }

    /**
     * Verifies the signature of ID tokens from an issuer locally, against its JWKS, before the
     * exchange and in {@link TrustedPublishing#diagnose}. Without it the registry alone checks
     * signatures.
     *
     * @param issuer the {@code iss} value, for example
     *     {@code https://token.actions.githubusercontent.com}
     * @param jwksUrl where the issuer publishes its keys
     * @return this builder
     */
    public Builder idTokenIssuerKeys(String issuer, URI jwksUrl) {
      idTokenIssuerKeys.put(Objects.requireNonNull(issuer, "issuer"), Objects.requireNonNull(jwksUrl, "jwksUrl"));
      return this;
    }

    /**
     * Where provenance is signed. Default: {@code https://fulcio.sigstore.dev} and {@code
     * https://rekor.sigstore.dev}, each replaced by {@code NPMAUTH_FULCIO_URL} /
     * {@code NPMAUTH_REKOR_URL} from the environment when set (and a timestamp authority from
     * {@code NPMAUTH_TSA_URL}).
     *
     * @param value the Fulcio and Rekor URLs
     * @return this builder
     */
    public Builder sigstore(dev.npmauth.provenance.sign.SigstoreInstance value) {
      this.sigstore = Objects.requireNonNull(value, "sigstore");
      return this;
    }

    /**
     * Trusts these certificate authorities for TLS instead of the JDK's (for a registry, token
     * endpoint or Sigstore instance with a private CA, such as the testkit's HTTPS fake).
     *
     * <pre>{@code
     * NpmRegistryClient.builder().registry(fake.url().toString()).trustManager(fake.trustManager()).build();
     * }</pre>
     *
     * @param value the trust manager
     * @return this builder
     */
    public Builder trustManager(javax.net.ssl.X509TrustManager value) {
      this.trustManager = Objects.requireNonNull(value, "trustManager");
      return this;
    }

    /**
     * Trusts the certificate authorities in a PEM file instead of the JDK's, as npm's
     * {@code cafile} setting does. Without it, {@code cafile} from npm configuration is used when
     * set.
     *
     * @param value the PEM file
     * @return this builder
     */
    public Builder caFile(Path value) {
      this.caFile = Objects.requireNonNull(value, "caFile");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws dev.npmauth.registry.InsecureTransportException if the registry is plain http to
     *     a host that is not loopback and insecure http was not allowed
     * @throws NpmAuthException if no implementation is on the class path
     */
    public NpmRegistryClient build() {
      ClientSettings settings = new ClientSettings(java.util.Optional.ofNullable(registry), environment,
          workingDirectory, java.util.Optional.ofNullable(npmConfig), clock, allowInsecureHttp, connectTimeout,
          readTimeout, retryPolicy, java.util.Optional.ofNullable(idTokenSource), idTokenIssuerKeys,
          java.util.Optional.ofNullable(sigstore), java.util.Optional.ofNullable(trustManager),
          java.util.Optional.ofNullable(caFile));
      return Providers.provider().createClient(settings);
    }
  }
}
