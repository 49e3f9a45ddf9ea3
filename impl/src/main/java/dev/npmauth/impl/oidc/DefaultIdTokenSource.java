package dev.npmauth.impl.oidc;

import dev.npmauth.Environment;
import dev.npmauth.Secret;
import dev.npmauth.impl.http.Answer;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.impl.json.Json;
import dev.npmauth.oidc.CiProvider;
import dev.npmauth.oidc.IdTokenSource;
import dev.npmauth.oidc.TrustedPublishingException;
import dev.npmauth.oidc.TrustedPublishingFailure;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.registry.RegistryUnreachableException;
import java.io.IOException;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The ID token source the npm CLI uses: {@code NPM_ID_TOKEN} when set (every CI, and overriding
 * the request flow on GitHub), otherwise on GitHub Actions a request to
 * {@code ACTIONS_ID_TOKEN_REQUEST_URL} with {@code audience=<audience>} appended and
 * {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN} as bearer.
 */
public final class DefaultIdTokenSource implements IdTokenSource {
  private final Environment environment;
  private final CiDetector detector;
  private final RegistryHttp http;

  /**
   * Creates the source.
   *
   * @param environment the environment
   * @param detector the CI detector
   * @param http the HTTP stack (for GitHub's endpoint)
   */
  public DefaultIdTokenSource(Environment environment, CiDetector detector, RegistryHttp http) {
    this.environment = environment;
    this.detector = detector;
    this.http = http;
  }

  /**
   * Where the token would come from, for reports.
   *
   * @return for example {@code NPM_ID_TOKEN}
   */
  public String describe() {
    if (environment.nonEmpty("NPM_ID_TOKEN").isPresent()) {
      return "NPM_ID_TOKEN";
    }
    return detector.detect().filter(p -> p == CiProvider.GITHUB_ACTIONS)
        .map(p -> "the GitHub Actions ID token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL)")
        .orElse("NPM_ID_TOKEN");
  }

  @Override
  public Optional<Secret> idToken(String audience) {
    Optional<String> given = environment.nonEmpty("NPM_ID_TOKEN");
    if (given.isPresent()) {
      return Optional.of(Secret.of(given.get().strip()));
    }
    Optional<CiProvider> ci = detector.detect();
    if (ci.isEmpty()) {
      throw new TrustedPublishingException(detector.disabledByCiFalse()
          ? TrustedPublishingFailure.CI_DETECTION_DISABLED : TrustedPublishingFailure.NOT_IN_CI,
          detector.disabledByCiFalse() ? "CI=false is set" : "none of GITHUB_ACTIONS, GITLAB_CI, CIRCLECI is set");
    }
    if (ci.get() != CiProvider.GITHUB_ACTIONS) {
      throw new TrustedPublishingException(TrustedPublishingFailure.NO_ID_TOKEN,
          ci.get().displayName() + " job without NPM_ID_TOKEN");
    }
    Optional<String> requestUrl = environment.nonEmpty("ACTIONS_ID_TOKEN_REQUEST_URL");
    Optional<String> requestToken = environment.nonEmpty("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
    if (requestUrl.isEmpty() || requestToken.isEmpty()) {
      String missing = requestUrl.isEmpty() && requestToken.isEmpty()
          ? "ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set"
          : (requestUrl.isEmpty() ? "ACTIONS_ID_TOKEN_REQUEST_URL" : "ACTIONS_ID_TOKEN_REQUEST_TOKEN") + " is not set";
      throw new TrustedPublishingException(TrustedPublishingFailure.MISSING_ID_TOKEN_PERMISSION,
          "GitHub Actions job without id-token: write (" + missing + ")");
    }
    HttpUrl base = HttpUrl.parse(requestUrl.get());
    if (base == null) {
      throw new TrustedPublishingException(TrustedPublishingFailure.ID_TOKEN_REQUEST_FAILED,
          "ACTIONS_ID_TOKEN_REQUEST_URL is not an http(s) URL");
    }
    HttpUrl url = base.newBuilder().addQueryParameter("audience", audience).build();
    Answer answer;
    try {
      answer = http.call("GET", url)
          .header("Accept", "application/json")
          .bearerToOwnOrigin(Secret.of(requestToken.get()))
          .execute();
    } catch (RegistryException e) {
      throw new TrustedPublishingException(TrustedPublishingFailure.ID_TOKEN_REQUEST_FAILED,
          "GitHub's ID token endpoint answered " + e.status(), null, null, null, e);
    } catch (RegistryUnreachableException e) {
      throw new TrustedPublishingException(TrustedPublishingFailure.ID_TOKEN_REQUEST_FAILED,
          "GitHub's ID token endpoint did not answer (" + e.getMessage() + ")", null, null, null, e);
    }
    try {
      Optional<String> value = Json.string(answer.json(), "value").filter(v -> !v.isBlank());
      if (value.isEmpty()) {
        throw new TrustedPublishingException(TrustedPublishingFailure.ID_TOKEN_REQUEST_FAILED,
            "GitHub's ID token endpoint answered without a value");
      }
      return Optional.of(Secret.of(value.get()));
    } catch (IOException e) {
      throw new TrustedPublishingException(TrustedPublishingFailure.ID_TOKEN_REQUEST_FAILED,
          "GitHub's ID token endpoint answered with something other than a JSON object", null, null, null, null);
    }
  }
}
