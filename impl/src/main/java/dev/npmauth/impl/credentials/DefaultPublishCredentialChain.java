package dev.npmauth.impl.credentials;

import dev.npmauth.Credential;
import dev.npmauth.Environment;
import dev.npmauth.PackageName;
import dev.npmauth.RegistryUrl;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.credentials.CredentialSource;
import dev.npmauth.credentials.NoCredentialException;
import dev.npmauth.credentials.PublishCredentialProvider;
import dev.npmauth.credentials.ResolvedCredential;
import dev.npmauth.credentials.SourceAttempt;
import dev.npmauth.impl.oidc.CiDetector;
import dev.npmauth.impl.oidc.DefaultTrustedPublishing;
import dev.npmauth.oidc.TrustedPublishingException;
import dev.npmauth.oidc.TrustedPublishingFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default publish-credential chain: trusted publishing, {@code NODE_AUTH_TOKEN},
 * {@code NPM_TOKEN}, {@code .npmrc}. Exchanged tokens are cached per package and replaced a minute
 * before they expire (or after five minutes when the registry gives no expiry).
 */
public final class DefaultPublishCredentialChain implements PublishCredentialProvider {
  /** Replace a cached token this long before it expires. */
  static final Duration PREFETCH = Duration.ofMinutes(1);
  /** Keep a token without a known expiry this long. */
  static final Duration UNKNOWN_EXPIRY_LIFETIME = Duration.ofMinutes(5);

  private final DefaultTrustedPublishing trustedPublishing;
  private final ConfiguredTokens configuredTokens;
  private final Clock clock;
  private final CiDetector detector;
  private final Map<PackageName, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(ResolvedCredential resolved, Instant staleAt) {
  }

  /**
   * Creates the chain.
   *
   * @param trustedPublishing trusted publishing for the registry
   * @param environment the environment
   * @param config npm configuration
   * @param registry the registry
   * @param clock the clock
   */
  public DefaultPublishCredentialChain(DefaultTrustedPublishing trustedPublishing, Environment environment,
      NpmConfig config, RegistryUrl registry, Clock clock) {
    this.trustedPublishing = trustedPublishing;
    this.configuredTokens = new ConfiguredTokens(environment, config, registry);
    this.clock = clock;
    this.detector = new CiDetector(environment);
  }

  @Override
  public ResolvedCredential resolve(PackageName packageName) {
    Cached cached = cache.get(packageName);
    if (cached != null && clock.instant().isBefore(cached.staleAt())) {
      return cached.resolved();
    }
    List<SourceAttempt> attempts = new ArrayList<>();

    if (trustedPublishing.applicable()) {
      try {
        Credential exchanged = trustedPublishing.exchange(packageName);
        attempts.add(SourceAttempt.used(CredentialSource.TRUSTED_PUBLISHING, "a token for " + packageName
            + " from " + trustedPublishing.detectCi().map(p -> p.displayName()).orElse("the given ID token")
            + exchanged.expiresAt().map(at -> ", valid until " + at).orElse("")));
        ResolvedCredential resolved = new ResolvedCredential(exchanged, CredentialSource.TRUSTED_PUBLISHING, attempts);
        Instant staleAt = exchanged.expiresAt().map(at -> at.minus(PREFETCH))
            .orElse(clock.instant().plus(UNKNOWN_EXPIRY_LIFETIME));
        cache.put(packageName, new Cached(resolved, staleAt));
        return resolved;
      } catch (TrustedPublishingException e) {
        attempts.add(new SourceAttempt(CredentialSource.TRUSTED_PUBLISHING, false, e.detail()
            + e.registryMessage().map(m -> " (registry: " + m + ")").orElse(""), Optional.of(e.reason())));
      }
    } else {
      boolean off = detector.disabledByCiFalse();
      attempts.add(new SourceAttempt(CredentialSource.TRUSTED_PUBLISHING, false,
          off ? "CI=false turns CI detection off" : "not running in GitHub Actions, GitLab CI/CD or CircleCI",
          Optional.of(off ? TrustedPublishingFailure.CI_DETECTION_DISABLED : TrustedPublishingFailure.NOT_IN_CI)));
    }

    Optional<ResolvedCredential> configured = configuredTokens.resolve(attempts);
    if (configured.isPresent()) {
      return configured.get();
    }
    throw new NoCredentialException(packageName, attempts);
  }
}
