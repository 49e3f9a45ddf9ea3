package dev.npmauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fake")
class GitHubIdTokenEndpointTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void jobEnvironmentHasWhatAGitHubJobWithIdTokenWriteHas() {
    try (FakeRegistry registry = FakeRegistry.start()) {
      Map<String, String> env =
          registry.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml").environment("prod"));
      assertThat(env)
          .containsEntry("CI", "true")
          .containsEntry("GITHUB_ACTIONS", "true")
          .containsEntry("GITHUB_REPOSITORY", "acme/widgets")
          .containsEntry("GITHUB_WORKFLOW_REF", "acme/widgets/.github/workflows/release.yml@refs/heads/main")
          .containsEntry("GITHUB_REF", "refs/heads/main")
          .containsEntry("GITHUB_SERVER_URL", "https://github.com")
          .containsEntry("RUNNER_ENVIRONMENT", "github-hosted")
          .containsKeys("GITHUB_RUN_ID", "GITHUB_SHA", "ACTIONS_ID_TOKEN_REQUEST_TOKEN");
      assertThat(env.get("ACTIONS_ID_TOKEN_REQUEST_URL"))
          .startsWith(registry.url() + "-/testkit/github/idtoken?api-version=2.0&run=");
    }
  }

  @Test
  void endpointRefusesRequestsWithoutTheRunsRequestToken() throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      Map<String, String> env = registry.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml"));
      Map<String, String> other = registry.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml"));
      TestHttp http = new TestHttp(registry.url());
      String url = env.get("ACTIONS_ID_TOKEN_REQUEST_URL");

      HttpResponse<String> none = http.get(url);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(TestHttp.json(none.body())).containsKey("message");

      HttpResponse<String> wrong =
          http.get(url, "authorization", TestHttp.bearer(other.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN")));
      assertThat(wrong.statusCode()).isEqualTo(401);

      HttpResponse<String> right =
          http.get(url, "authorization", TestHttp.bearer(env.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN")));
      assertThat(right.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void audienceAppendedToTheExistingQueryIsHonouredAndClaimsAreGitHubs() throws Exception {
    try (FakeRegistry registry = FakeRegistry.builder().clock(new MutableClock(NOW)).start()) {
      Map<String, String> env = registry.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml"));
      // What npm does: URLSearchParams.append on a URL that already has a query.
      HttpResponse<String> r =
          new TestHttp(registry.url())
              .get(
                  env.get("ACTIONS_ID_TOKEN_REQUEST_URL") + "&audience=npm%3A127.0.0.1",
                  "accept", "application/json",
                  "authorization", TestHttp.bearer(env.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN")));
      assertThat(r.statusCode()).isEqualTo(200);
      Map<String, Object> body = TestHttp.json(r.body());
      assertThat(body).containsEntry("count", 1.0);
      Map<String, Object> claims = Jwts.payload((String) body.get("value"));
      assertThat(claims)
          .containsEntry("iss", "https://token.actions.githubusercontent.com")
          .containsEntry("aud", "npm:127.0.0.1")
          .containsEntry("sub", "repo:acme/widgets:ref:refs/heads/main")
          .containsEntry("repository", "acme/widgets")
          .containsEntry("repository_owner", "acme")
          .containsEntry("repository_visibility", "private")
          .containsEntry("workflow_ref", "acme/widgets/.github/workflows/release.yml@refs/heads/main")
          .containsEntry("job_workflow_ref", "acme/widgets/.github/workflows/release.yml@refs/heads/main")
          .containsEntry("ref", "refs/heads/main")
          .containsEntry("ref_type", "branch")
          .containsEntry("runner_environment", "github-hosted")
          .containsEntry("run_id", env.get("GITHUB_RUN_ID"))
          .containsEntry("sha", env.get("GITHUB_SHA"))
          .containsEntry("iat", (double) NOW.getEpochSecond())
          .containsEntry("nbf", (double) NOW.getEpochSecond())
          .containsEntry("exp", (double) NOW.plusSeconds(600).getEpochSecond())
          .containsKeys("repository_id", "repository_owner_id", "workflow", "workflow_sha",
              "run_number", "run_attempt", "actor", "actor_id", "event_name", "jti")
          .doesNotContainKey("environment");
    }
  }

  @Test
  void withoutAudienceTheTokenIsForTheOwnersGitHubUrlAndEnvironmentShowsInSub() throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      Map<String, String> env =
          registry.githubActionsRun(
              GitHubRun.of("acme/widgets", "release.yml").environment("prod").selfHosted(true).visibility("public"));
      HttpResponse<String> r =
          new TestHttp(registry.url())
              .get(env.get("ACTIONS_ID_TOKEN_REQUEST_URL"),
                  "authorization", TestHttp.bearer(env.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN")));
      Map<String, Object> claims = Jwts.payload((String) TestHttp.json(r.body()).get("value"));
      assertThat(claims)
          .containsEntry("aud", "https://github.com/acme")
          .containsEntry("sub", "repo:acme/widgets:environment:prod")
          .containsEntry("environment", "prod")
          .containsEntry("runner_environment", "self-hosted")
          .containsEntry("repository_visibility", "public");
      assertThat(env).containsEntry("RUNNER_ENVIRONMENT", "self-hosted");
    }
  }

  @Test
  void tokensVerifyAgainstTheServedJwksWhichHoldsNoPrivateKey() throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      Map<String, String> env = registry.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml"));
      TestHttp http = new TestHttp(registry.url());
      String jwt =
          (String)
              TestHttp.json(
                      http.get(env.get("ACTIONS_ID_TOKEN_REQUEST_URL"),
                              "authorization", TestHttp.bearer(env.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN")))
                          .body())
                  .get("value");

      HttpResponse<String> jwksResponse =
          http.get(registry.idTokens().jwksUri(CiProvider.GITHUB).toString());
      assertThat(jwksResponse.statusCode()).isEqualTo(200);
      JWKSet jwks = JWKSet.parse(jwksResponse.body());
      assertThat(jwksResponse.body()).isEqualTo(registry.idTokens().jwks(CiProvider.GITHUB));

      SignedJWT parsed = SignedJWT.parse(jwt);
      RSAKey key = (RSAKey) jwks.getKeyByKeyId(parsed.getHeader().getKeyID());
      assertThat(key).isNotNull();
      assertThat(key.isPrivate()).isFalse();
      assertThat(parsed.verify(new RSASSAVerifier(key))).isTrue();

      // Each issuer has its own key.
      JWKSet gitlab = JWKSet.parse(registry.idTokens().jwks(CiProvider.GITLAB));
      assertThat(gitlab.getKeyByKeyId(parsed.getHeader().getKeyID())).isNull();
      assertThat(parsed.verify(new RSASSAVerifier((RSAKey) gitlab.getKeys().get(0)))).isFalse();
    }
  }
}
