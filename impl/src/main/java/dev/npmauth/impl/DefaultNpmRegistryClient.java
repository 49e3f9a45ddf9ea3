package dev.npmauth.impl;

import dev.npmauth.Credential;
import dev.npmauth.NpmAuthException;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.RegistryUrl;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.credentials.PublishCredentialProvider;
import dev.npmauth.impl.config.NpmConfigLoader;
import dev.npmauth.impl.credentials.DefaultPublishCredentialChain;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.impl.json.Json;
import dev.npmauth.impl.oidc.CiDetector;
import dev.npmauth.impl.oidc.DefaultTrustedPublishing;
import dev.npmauth.credentials.ResolvedCredential;
import dev.npmauth.impl.credentials.ConfiguredTokens;
import dev.npmauth.impl.publish.DefaultDistTags;
import dev.npmauth.impl.publish.DefaultPublisher;
import dev.npmauth.impl.publish.DefaultReleaser;
import dev.npmauth.impl.publish.DefaultStagedPublishing;
import dev.npmauth.publish.DistTags;
import dev.npmauth.publish.Releaser;
import dev.npmauth.publish.StagedPublishing;
import dev.npmauth.oidc.TrustedPublishing;
import dev.npmauth.publish.Publisher;
import dev.npmauth.registry.InsecureTransportException;
import dev.npmauth.impl.session.DefaultSessions;
import dev.npmauth.impl.tokens.DefaultTokens;
import dev.npmauth.impl.trust.DefaultTrustSettings;
import dev.npmauth.session.Sessions;
import dev.npmauth.spi.ClientSettings;
import dev.npmauth.tokens.Tokens;
import dev.npmauth.trust.TrustSettings;
import java.io.IOException;
import java.util.Optional;

/** The client: wires the HTTP stack, configuration and capabilities together. */
final class DefaultNpmRegistryClient implements NpmRegistryClient {
  private final RegistryUrl registry;
  private final NpmConfig config;
  private final RegistryHttp http;
  private final DefaultTrustedPublishing trustedPublishing;
  private final DefaultPublishCredentialChain credentials;
  private final DefaultPublisher publisher;
  private final DefaultDistTags distTags;
  private final DefaultStagedPublishing staging;
  private final DefaultReleaser releaser;
  private final ConfiguredTokens configuredTokens;
  private final DefaultSessions sessions;
  private final DefaultTokens tokens;
  private final DefaultTrustSettings trust;
  private final dev.npmauth.impl.verify.DefaultVerification verification;
  private final dev.npmauth.impl.provenance.sign.DefaultProvenanceSigner provenanceSigner;

  DefaultNpmRegistryClient(ClientSettings settings) {
    this.config = settings.npmConfig().orElseGet(
        () -> NpmConfigLoader.load(settings.environment(), settings.workingDirectory()));
    this.registry = settings.registry().orElseGet(config::registry);
    if (!registry.isHttps() && !registry.isLoopback() && !settings.allowInsecureHttp()) {
      throw new InsecureTransportException(registry.uri());
    }
    String userAgent = NpmauthVersion.userAgent(new CiDetector(settings.environment()).userAgentSuffix().orElse(null));
    // npm's cafile: the builder's trust manager or CA file first, else cafile from npm configuration
    java.util.Optional<javax.net.ssl.X509TrustManager> trustManager = settings.trustManager()
        .or(() -> settings.caFile().or(() -> config.get("cafile").filter(f -> !f.isBlank()).map(java.nio.file.Path::of))
            .map(dev.npmauth.impl.http.TrustManagers::fromPemFile));
    this.http = new RegistryHttp(settings, registry, userAgent, trustManager);
    this.trustedPublishing = new DefaultTrustedPublishing(http, settings.environment(), settings.idTokenSource(),
        settings.idTokenIssuerKeys(), settings.clock());
    this.credentials = new DefaultPublishCredentialChain(trustedPublishing, settings.environment(), config, registry,
        settings.clock());
    this.provenanceSigner = new dev.npmauth.impl.provenance.sign.DefaultProvenanceSigner(http,
        settings.environment(), settings.sigstore());
    this.publisher = new DefaultPublisher(http, credentials, settings.retryPolicy(), provenanceSigner);
    this.distTags = new DefaultDistTags(http);
    this.staging = new DefaultStagedPublishing(http);
    this.releaser = new DefaultReleaser(publisher, credentials);
    this.configuredTokens = new ConfiguredTokens(settings.environment(), config, registry);
    this.sessions = new DefaultSessions(http, settings.environment(), settings.clock(),
        settings.retryPolicy().sleeper());
    this.tokens = new DefaultTokens(http, settings.clock(), sessions, settings.retryPolicy().sleeper());
    this.trust = new DefaultTrustSettings(http);
    this.verification = new dev.npmauth.impl.verify.DefaultVerification(http, config, registry,
        () -> configuredTokens.resolve().map(ResolvedCredential::credential));
  }

  @Override
  public RegistryUrl registry() {
    return registry;
  }

  @Override
  public NpmConfig config() {
    return config;
  }

  @Override
  public TrustedPublishing trustedPublishing() {
    return trustedPublishing;
  }

  @Override
  public PublishCredentialProvider publishCredentials() {
    return credentials;
  }

  @Override
  public Tokens tokens() {
    return tokens;
  }

  @Override
  public TrustSettings trust() {
    return trust;
  }

  @Override
  public dev.npmauth.verify.Verification verification() {
    return verification;
  }

  @Override
  public dev.npmauth.provenance.sign.ProvenanceSigner provenanceSigner() {
    return provenanceSigner;
  }

  @Override
  public Sessions sessions() {
    return sessions;
  }

  @Override
  public Publisher publisher() {
    return publisher;
  }

  @Override
  public DistTags distTags() {
    return distTags;
  }

  @Override
  public StagedPublishing staging() {
    return staging;
  }

  @Override
  public Releaser releaser() {
    return releaser;
  }

  @Override
  public Optional<ResolvedCredential> configuredCredential() {
    return configuredTokens.resolve();
  }

  @Override
  public void ping() {
    http.call("GET", http.registryUrl("-/ping")).command("ping").execute();
  }

  @Override
  public String whoami(Credential credential) {
    String body = http.call("GET", http.registryUrl("-/whoami")).command("whoami").credential(credential)
        .execute().body();
    try {
      Optional<String> username = Json.string(Json.readObject(body), "username");
      return username.orElseThrow(() -> new NpmAuthException(
          "the registry's whoami answer has no username; the credential is not tied to a user"));
    } catch (IOException e) {
      throw new NpmAuthException("the registry's whoami answer is not a JSON object", e);
    }
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "NpmRegistryClient[" + registry + "]";
  }
}
