package dev.npmauth.impl.provenance.sign;

import dev.npmauth.Environment;
import dev.npmauth.Secret;
import dev.npmauth.impl.http.Answer;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.impl.json.Json;
import dev.npmauth.impl.oidc.CiDetector;
import dev.npmauth.oidc.CiProvider;
import dev.npmauth.provenance.sign.ProvenanceException;
import dev.npmauth.provenance.sign.ProvenanceFailure;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.registry.RegistryUnreachableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The CI a provenance statement is made for, and the ID token Fulcio needs (audience {@code
 * sigstore}), found as npm and sigstore-js find them: npm accepts GitHub Actions only with {@code
 * ACTIONS_ID_TOKEN_REQUEST_URL} set and GitLab only with {@code SIGSTORE_ID_TOKEN} set; the token
 * is then {@code SIGSTORE_ID_TOKEN} when set (sigstore-js's environment provider answers first),
 * else GitHub's token endpoint asked for {@code audience=sigstore}. {@code NPM_ID_TOKEN} is never
 * used here: its audience is the registry, not Sigstore.
 */
final class SigstoreIdTokens {
  static final String AUDIENCE = "sigstore";
  static final String SIGSTORE_ID_TOKEN = "SIGSTORE_ID_TOKEN";

  private final Environment environment;
  private final CiDetector detector;
  private final RegistryHttp http;

  SigstoreIdTokens(Environment environment, RegistryHttp http) {
    this.environment = environment;
    this.detector = new CiDetector(environment);
    this.http = http;
  }

  /**
   * The CI provenance is made for.
   *
   * @throws ProvenanceException {@link ProvenanceFailure#UNSUPPORTED_CI} outside GitHub Actions and
   *     GitLab
   */
  CiProvider ci() {
    Optional<CiProvider> ci = detector.detect();
    if (ci.isEmpty()) {
      throw new ProvenanceException(ProvenanceFailure.UNSUPPORTED_CI, detector.disabledByCiFalse()
          ? "CI=false turns off CI detection" : "no CI detected (none of GITHUB_ACTIONS, GITLAB_CI is set)");
    }
    if (ci.get() != CiProvider.GITHUB_ACTIONS && ci.get() != CiProvider.GITLAB) {
      throw new ProvenanceException(ProvenanceFailure.UNSUPPORTED_CI,
          "automatic provenance generation is not supported for provider: " + ci.get().displayName());
    }
    return ci.get();
  }

  /**
   * The identity token for Fulcio.
   *
   * @throws ProvenanceException naming what is missing or failed
   */
  Secret token(CiProvider ci) {
    Optional<String> given = environment.nonEmpty(SIGSTORE_ID_TOKEN);
    if (ci == CiProvider.GITLAB) {
      return Secret.of(given.orElseThrow(() -> new ProvenanceException(ProvenanceFailure.NO_SIGSTORE_ID_TOKEN,
          "provenance generation in GitLab CI requires SIGSTORE_ID_TOKEN with audience sigstore in id_tokens"))
          .strip());
    }
    Optional<String> url = environment.nonEmpty("ACTIONS_ID_TOKEN_REQUEST_URL");
    if (url.isEmpty()) {
      throw new ProvenanceException(ProvenanceFailure.MISSING_ID_TOKEN_PERMISSION,
          "provenance generation in GitHub Actions requires ACTIONS_ID_TOKEN_REQUEST_URL, which is set only"
              + " with id-token: write");
    }
    if (given.isPresent()) {
      return Secret.of(given.get().strip());
    }
    Optional<String> requestToken = environment.nonEmpty("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
    if (requestToken.isEmpty()) {
      throw new ProvenanceException(ProvenanceFailure.MISSING_ID_TOKEN_PERMISSION,
          "ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set (the job lacks id-token: write)");
    }
    HttpUrl base = HttpUrl.parse(url.get());
    if (base == null) {
      throw new ProvenanceException(ProvenanceFailure.ID_TOKEN_REQUEST_FAILED,
          "ACTIONS_ID_TOKEN_REQUEST_URL is not an http(s) URL");
    }
    HttpUrl request = base.newBuilder().addQueryParameter("audience", AUDIENCE).build();
    Answer answer;
    try {
      answer = http.call("GET", request)
          .header("Accept", "application/json")
          .bearerToOwnOrigin(Secret.of(requestToken.get()))
          .execute();
    } catch (RegistryException e) {
      throw new ProvenanceException(ProvenanceFailure.ID_TOKEN_REQUEST_FAILED,
          "GitHub's ID token endpoint refused the request for audience sigstore", e.status(),
          e.registryMessage().orElse(null), e);
    } catch (RegistryUnreachableException e) {
      throw new ProvenanceException(ProvenanceFailure.ID_TOKEN_REQUEST_FAILED,
          "GitHub's ID token endpoint did not answer (" + e.getMessage() + ")", null, null, e);
    }
    try {
      return Json.string(answer.json(), "value").filter(v -> !v.isBlank()).map(Secret::of)
          .orElseThrow(() -> new ProvenanceException(ProvenanceFailure.ID_TOKEN_REQUEST_FAILED,
              "GitHub's ID token endpoint answered without a value"));
    } catch (IOException e) {
      throw new ProvenanceException(ProvenanceFailure.ID_TOKEN_REQUEST_FAILED,
          "GitHub's ID token endpoint answered with something other than a JSON object");
    }
  }

  /**
   * What the proof of possession signs, as sigstore-js picks it: a verified {@code email}, else
   * {@code sub}. The token's signature is Fulcio's to check.
   *
   * @throws ProvenanceException {@link ProvenanceFailure#ID_TOKEN_MALFORMED} when there is neither
   */
  static String challengeSubject(Secret token) {
    String[] parts = token.reveal().split("\\.", -1);
    if (parts.length != 3) {
      throw new ProvenanceException(ProvenanceFailure.ID_TOKEN_MALFORMED,
          "the Sigstore ID token is not a JWT (three dot-separated parts)");
    }
    Map<String, Object> claims;
    try {
      claims = Json.readObject(new String(Base64.getUrlDecoder().decode(parts[1]),
          StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      throw new ProvenanceException(ProvenanceFailure.ID_TOKEN_MALFORMED,
          "the Sigstore ID token's payload is not base64url JSON");
    }
    Optional<String> email = Json.string(claims, "email").filter(e -> !e.isEmpty());
    if (email.isPresent()) {
      if (!Boolean.TRUE.equals(claims.get("email_verified"))) {
        throw new ProvenanceException(ProvenanceFailure.ID_TOKEN_MALFORMED,
            "the Sigstore ID token's email is not verified by its issuer");
      }
      return email.get();
    }
    return Json.string(claims, "sub").filter(s -> !s.isEmpty()).orElseThrow(() -> new ProvenanceException(
        ProvenanceFailure.ID_TOKEN_MALFORMED, "the Sigstore ID token has no sub claim"));
  }
}
