package dev.npmauth.impl.credentials;

import dev.npmauth.Credential;
import dev.npmauth.Environment;
import dev.npmauth.RegistryUrl;
import dev.npmauth.Secret;
import dev.npmauth.config.ConfiguredAuth;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.credentials.CredentialSource;
import dev.npmauth.credentials.ResolvedCredential;
import dev.npmauth.credentials.SourceAttempt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tokens configured without trusted publishing, in npm's order: {@code NODE_AUTH_TOKEN},
 * {@code NPM_TOKEN}, then {@code .npmrc} for the registry.
 */
public final class ConfiguredTokens {
  private final Environment environment;
  private final NpmConfig config;
  private final RegistryUrl registry;

  /**
   * Creates the source.
   *
   * @param environment the environment
   * @param config npm configuration
   * @param registry the registry
   */
  public ConfiguredTokens(Environment environment, NpmConfig config, RegistryUrl registry) {
    this.environment = environment;
    this.config = config;
    this.registry = registry;
  }

  /**
   * Finds the configured token, recording each source tried.
   *
   * @param attempts where to add what was tried; sources tried before (trusted publishing) may
   *     already be in it
   * @return the credential, if one is configured
   */
  public Optional<ResolvedCredential> resolve(List<SourceAttempt> attempts) {
    for (CredentialSource variable : List.of(CredentialSource.NODE_AUTH_TOKEN, CredentialSource.NPM_TOKEN)) {
      Optional<String> value = environment.nonEmpty(variable.name()).map(String::strip).filter(v -> !v.isEmpty());
      if (value.isPresent()) {
        attempts.add(SourceAttempt.used(variable, "a token of " + value.get().length() + " characters"));
        return Optional.of(new ResolvedCredential(Credential.granular(Secret.of(value.get())), variable, attempts));
      }
      attempts.add(SourceAttempt.skipped(variable, "not set"));
    }
    Optional<ConfiguredAuth> configured = config.authFor(registry.uri());
    if (configured.isPresent() && configured.get().credential().secret().reveal().matches("\\$\\{[^}]+}")) {
      // an unexpanded ${VAR}: the variable is not set (this text is the reference, not a secret)
      attempts.add(SourceAttempt.skipped(CredentialSource.NPMRC, configured.get().key() + " in "
          + configured.get().origin() + " refers to " + configured.get().credential().secret().reveal()
          + ", which is not set"));
    } else if (configured.isPresent()) {
      attempts.add(SourceAttempt.used(CredentialSource.NPMRC, configured.get().key() + " in "
          + configured.get().origin()));
      return Optional.of(new ResolvedCredential(configured.get().credential(), CredentialSource.NPMRC, attempts));
    } else {
      attempts.add(SourceAttempt.skipped(CredentialSource.NPMRC, "no _authToken, _auth or username/_password for "
          + registry.nerfDart() + " in the project, user or global .npmrc"));
    }
    return Optional.empty();
  }

  /**
   * Finds the configured token.
   *
   * @return the credential, if one is configured
   */
  public Optional<ResolvedCredential> resolve() {
    return resolve(new ArrayList<>());
  }
}
