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
import dev.npmauth.impl.publish.DefaultPublisher;
import dev.npmauth.oidc.TrustedPublishing;
import dev.npmauth.publish.Publisher;
import dev.npmauth.registry.InsecureTransportException;
import dev.npmauth.spi.ClientSettings;
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

  DefaultNpmRegistryClient(ClientSettings settings) {
    this.config = settings.npmConfig().orElseGet(
        () -> NpmConfigLoader.load(settings.environment(), settings.workingDirectory()));
    this.registry = settings.registry().orElseGet(config::registry);
    if (!registry.isHttps() && !registry.isLoopback() && !settings.allowInsecureHttp()) {
      throw new InsecureTransportException(registry.uri());
    }
    String userAgent = NpmauthVersion.userAgent(new CiDetector(settings.environment()).userAgentSuffix().orElse(null));
    this.http = new RegistryHttp(settings, registry, userAgent);
    this.trustedPublishing = new DefaultTrustedPublishing(http, settings.environment(), settings.idTokenSource(),
        settings.idTokenIssuerKeys(), settings.clock());
    this.credentials = new DefaultPublishCredentialChain(trustedPublishing, settings.environment(), config, registry,
        settings.clock());
    this.publisher = new DefaultPublisher(http, credentials);
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
  public Publisher publisher() {
    return publisher;
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
