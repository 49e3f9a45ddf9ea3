package dev.npmauth.impl.oidc;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.npmauth.Secret;
import dev.npmauth.oidc.CircleCiIdentity;
import dev.npmauth.oidc.CiProvider;
import dev.npmauth.oidc.GitHubIdentity;
import dev.npmauth.oidc.GitLabIdentity;
import dev.npmauth.oidc.PresentedIdentity;
import dev.npmauth.oidc.TrustedPublishingException;
import dev.npmauth.oidc.TrustedPublishingFailure;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ID token read (not verified) into its claims and the identity it presents.
 *
 * @param token the raw token
 * @param jwt the parsed JWT
 * @param claims its claims
 * @param identity the identity it presents
 */
public record ParsedIdToken(Secret token, JWT jwt, JWTClaimsSet claims, PresentedIdentity identity) {

  /** GitHub.com's Actions token issuer. */
  public static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
  /** GitLab.com's issuer. */
  public static final String GITLAB_ISSUER = "https://gitlab.com";
  /** The prefix of CircleCI's per-organisation issuers. */
  public static final String CIRCLECI_ISSUER_PREFIX = "https://oidc.circleci.com/org/";

  /**
   * Reads a token.
   *
   * @param token the raw JWT
   * @param detected the CI detected from the environment, used when the claims do not say
   * @return the parsed token
   * @throws TrustedPublishingException with {@link TrustedPublishingFailure#ID_TOKEN_MALFORMED}
   */
  public static ParsedIdToken parse(Secret token, Optional<CiProvider> detected) {
    String raw = token.reveal().strip();
    long dots = raw.chars().filter(c -> c == '.').count();
    if (dots != 2) {
      throw new TrustedPublishingException(TrustedPublishingFailure.ID_TOKEN_MALFORMED,
          "the ID token has " + (dots + 1) + " dot-separated parts; a signed JWT has 3");
    }
    JWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = JWTParser.parse(raw);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      // Nimbus's message may quote the token's content: do not pass it on.
      throw new TrustedPublishingException(TrustedPublishingFailure.ID_TOKEN_MALFORMED,
          "the ID token's header or claims are not base64url-encoded JSON");
    }
    if (claims.getIssuer() == null) {
      throw new TrustedPublishingException(TrustedPublishingFailure.ID_TOKEN_MALFORMED,
          "the ID token has no iss claim");
    }
    return new ParsedIdToken(token, jwt, claims, identityOf(claims, detected));
  }

  static PresentedIdentity identityOf(JWTClaimsSet claims, Optional<CiProvider> detected) {
    String issuer = claims.getIssuer();
    List<String> audience = claims.getAudience() == null ? List.of() : claims.getAudience();
    Optional<Instant> expires = Optional.ofNullable(claims.getExpirationTime()).map(java.util.Date::toInstant);
    Map<String, Object> all = claims.getClaims();
    CiProvider provider;
    if (issuer.startsWith(CIRCLECI_ISSUER_PREFIX) || all.containsKey("oidc.circleci.com/project-id")) {
      provider = CiProvider.CIRCLECI;
    } else if (all.containsKey("project_path") || all.containsKey("ci_config_ref_uri")) {
      provider = CiProvider.GITLAB;
    } else if (all.containsKey("workflow_ref") || all.containsKey("repository") || issuer.equals(GITHUB_ISSUER)) {
      provider = CiProvider.GITHUB_ACTIONS;
    } else {
      provider = detected.orElse(CiProvider.GITHUB_ACTIONS);
    }
    switch (provider) {
      case GITLAB: {
        Optional<String> configUri = string(claims, "ci_config_ref_uri");
        return new GitLabIdentity(issuer, audience, expires, string(claims, "project_path"), configUri,
            configUri.flatMap(ParsedIdToken::gitlabConfigFile), string(claims, "environment"),
            string(claims, "ref"), string(claims, "project_visibility"));
      }
      case CIRCLECI: {
        Optional<String> org = string(claims, "oidc.circleci.com/org-id")
            .or(() -> issuer.startsWith(CIRCLECI_ISSUER_PREFIX)
                ? Optional.of(issuer.substring(CIRCLECI_ISSUER_PREFIX.length())) : Optional.empty());
        List<String> contexts;
        try {
          List<String> list = claims.getStringListClaim("oidc.circleci.com/context-ids");
          contexts = list == null ? List.of() : list;
        } catch (ParseException e) {
          contexts = List.of();
        }
        return new CircleCiIdentity(issuer, audience, expires, org, string(claims, "oidc.circleci.com/project-id"),
            string(claims, "oidc.circleci.com/pipeline-definition-id"), string(claims, "oidc.circleci.com/vcs-origin"),
            contexts);
      }
      default: {
        Optional<String> workflowRef = string(claims, "workflow_ref");
        return new GitHubIdentity(issuer, audience, expires, string(claims, "repository"), workflowRef,
            workflowRef.flatMap(ParsedIdToken::githubWorkflowFile), string(claims, "environment"),
            string(claims, "ref"), string(claims, "runner_environment"), string(claims, "repository_visibility"));
      }
    }
  }

  /**
   * The workflow file of a {@code workflow_ref}.
   *
   * @param workflowRef {@code owner/repo/.github/workflows/release.yml@refs/heads/main}
   * @return {@code release.yml}
   */
  static Optional<String> githubWorkflowFile(String workflowRef) {
    String path = workflowRef.contains("@") ? workflowRef.substring(0, workflowRef.indexOf('@')) : workflowRef;
    int marker = path.indexOf("/.github/workflows/");
    if (marker < 0) {
      return Optional.empty();
    }
    return Optional.of(path.substring(marker + "/.github/workflows/".length())).filter(s -> !s.isEmpty());
  }

  /**
   * The CI config file of a {@code ci_config_ref_uri}.
   *
   * @param configRefUri {@code gitlab.com/group/project//.gitlab-ci.yml@refs/heads/main}
   * @return {@code .gitlab-ci.yml}
   */
  static Optional<String> gitlabConfigFile(String configRefUri) {
    int start = configRefUri.indexOf("//");
    if (start < 0) {
      return Optional.empty();
    }
    String rest = configRefUri.substring(start + 2);
    int at = rest.lastIndexOf('@');
    return Optional.of(at >= 0 ? rest.substring(0, at) : rest).filter(s -> !s.isEmpty());
  }

  private static Optional<String> string(JWTClaimsSet claims, String name) {
    Object value = claims.getClaim(name);
    return value instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
  }
}
