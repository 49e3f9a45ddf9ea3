package dev.npmauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fake")
class OidcExchangeTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final String ORG = "11111111-1111-4111-8111-111111111111";
  private static final String PROJECT = "22222222-2222-4222-8222-222222222222";
  private static final String PIPELINE = "33333333-3333-4333-8333-333333333333";
  private static final String CONTEXT = "44444444-4444-4444-8444-444444444444";
  private static final GitHubRun RELEASE = GitHubRun.of("acme/widgets", "release.yml");

  private final MutableClock clock = new MutableClock(NOW);
  private final AtomicInteger tokens = new AtomicInteger();
  private FakeRegistry registry;
  private TestHttp http;

  @BeforeEach
  void start() {
    registry =
        FakeRegistry.builder()
            .clock(clock)
            .tokenFactory(() -> "canary-exchanged-" + tokens.incrementAndGet())
            .start();
    http = new TestHttp(registry.url());
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private HttpResponse<String> exchange(String packageName, String idToken) throws Exception {
    return http.post(
        "/-/npm/v1/oidc/token/exchange/package/" + packageName.replace("/", "%2f"),
        "authorization", TestHttp.bearer(idToken));
  }

  private String mint(IdTokenSpec spec) {
    return registry.idTokens().mint(spec);
  }

  /** Asserts a refusal: status, npm's {@code message} field (and {@code error}), no token echoed. */
  private String refusal(HttpResponse<String> r, int status, String idToken) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    Map<String, Object> body = TestHttp.json(r.body());
    assertThat(body).containsKeys("message", "error").doesNotContainKey("token");
    assertThat(r.body()).doesNotContain(idToken);
    return (String) body.get("message");
  }

  @Test
  void exchangeSucceedsThroughTheGitHubJobEndpointAndTheTokenPublishesThatPackage() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    Map<String, String> env = registry.githubActionsRun(RELEASE);
    String idToken =
        (String)
            TestHttp.json(
                    http.get(env.get("ACTIONS_ID_TOKEN_REQUEST_URL") + "&audience=npm%3A127.0.0.1",
                            "authorization", TestHttp.bearer(env.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN")))
                        .body())
                .get("value");

    HttpResponse<String> r = exchange("demo-pkg", idToken);

    assertThat(r.statusCode()).isEqualTo(201);
    Map<String, Object> body = TestHttp.json(r.body());
    assertThat(body)
        .containsEntry("token", "canary-exchanged-1")
        .containsEntry("expires", "2025-06-01T12:15:00.000Z");
    String token = (String) body.get("token");
    byte[] tgz = Packages.tarball("demo-pkg", "1.0.0", 10);
    HttpResponse<String> publish =
        http.put("/demo-pkg", TestHttp.toJson(Packages.publishDoc("demo-pkg", "1.0.0", tgz, null)),
            "authorization", TestHttp.bearer(token));
    assertThat(publish.statusCode()).as(publish.body()).isEqualTo(200);
    assertThat(registry.versions("demo-pkg")).containsExactly("1.0.0");
  }

  @Test
  void exchangedTokenCannotPublishAnotherPackage() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    String token = (String) TestHttp.json(exchange("demo-pkg", mint(IdTokenSpec.github(RELEASE))).body()).get("token");

    byte[] tgz = Packages.tarball("other-pkg", "1.0.0", 10);
    HttpResponse<String> r =
        http.put("/other-pkg", TestHttp.toJson(Packages.publishDoc("other-pkg", "1.0.0", tgz, null)),
            "authorization", TestHttp.bearer(token));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(TestHttp.json(r.body()).get("error").toString()).contains("cannot publish \"other-pkg\"");
    assertThat(registry.versions("other-pkg")).isEmpty();
  }

  @Test
  void exchangedTokenExpiresAfterFifteenMinutes() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    String token = (String) TestHttp.json(exchange("demo-pkg", mint(IdTokenSpec.github(RELEASE))).body()).get("token");
    HttpResponse<String> before = http.get("/-/whoami", "authorization", TestHttp.bearer(token));
    assertThat(TestHttp.json(before.body())).containsEntry("username", "github-actions");

    clock.advance(Duration.ofMinutes(15));

    assertThat(http.get("/-/whoami", "authorization", TestHttp.bearer(token)).statusCode()).isEqualTo(401);
  }

  @Test
  void exchangeForAScopedPackageUsesTheEscapedName() throws Exception {
    registry.trust(TrustedPublisher.github("@acme/widgets", "acme/widgets", "release.yml"));
    assertThat(exchange("@acme/widgets", mint(IdTokenSpec.github(RELEASE))).statusCode()).isEqualTo(201);
  }

  @Test
  void exchangeRefusedWithoutAnIdToken() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    HttpResponse<String> r = http.post("/-/npm/v1/oidc/token/exchange/package/demo-pkg");
    assertThat(refusal(r, 401, "none")).contains("no ID token");
  }

  @Test
  void exchangeRefusedWhenIdTokenExpired() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    String jwt = mint(IdTokenSpec.github(RELEASE).expired());
    assertThat(refusal(exchange("demo-pkg", jwt), 401, jwt))
        .contains("expired at 2025-06-01T11:00:00Z");
  }

  @Test
  void exchangeRefusedWhenIdTokenIsNotYetValid() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    String jwt = mint(IdTokenSpec.github(RELEASE).claim("nbf", NOW.plusSeconds(300).getEpochSecond()));
    assertThat(refusal(exchange("demo-pkg", jwt), 401, jwt)).contains("not valid before");
  }

  @Test
  void exchangeRefusedWhenAudienceIsNotThisRegistry() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    String jwt = mint(IdTokenSpec.github(RELEASE).audience("npm:registry.npmjs.org"));
    assertThat(refusal(exchange("demo-pkg", jwt), 401, jwt))
        .contains("audience \"npm:registry.npmjs.org\" is not \"npm:127.0.0.1\"");
  }

  @Test
  void exchangeRefusedWhenSignedWithAKeyTheRegistryDoesNotKnow() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    String jwt = mint(IdTokenSpec.github(RELEASE).signedWithUnknownKey());
    assertThat(refusal(exchange("demo-pkg", jwt), 401, jwt)).contains("signature does not verify");
  }

  @Test
  void exchangeRefusedWhenKeyIdIsUnknown() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    String jwt = mint(IdTokenSpec.github(RELEASE).keyId("some-other-kid"));
    assertThat(refusal(exchange("demo-pkg", jwt), 401, jwt))
        .contains("signature does not verify")
        .contains("no key with kid \"some-other-kid\"");
  }

  @Test
  void exchangeRefusedWhenIdTokenIsMalformed() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    String bad = registry.idTokens().malformed();
    assertThat(refusal(exchange("demo-pkg", bad), 401, bad)).contains("malformed");
    assertThat(refusal(exchange("demo-pkg", "not-a-jwt"), 401, "not-a-jwt")).contains("malformed");
  }

  @Test
  void exchangeRefusedWhenIssuerIsNotTrusted() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    String jwt = mint(IdTokenSpec.github(RELEASE).issuer("https://evil.example"));
    assertThat(refusal(exchange("demo-pkg", jwt), 401, jwt))
        .contains("issuer \"https://evil.example\" is not trusted");
  }

  @Test
  void exchangeRefusedWhenPackageHasNoTrustConfiguration() throws Exception {
    String jwt = mint(IdTokenSpec.github(RELEASE));
    assertThat(refusal(exchange("demo-pkg", jwt), 403, jwt))
        .contains("package \"demo-pkg\" has no trusted publisher configuration");
  }

  @Test
  void exchangeRefusedWhenWorkflowDiffers() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    String jwt = mint(IdTokenSpec.github(GitHubRun.of("acme/widgets", "nightly.yml")));
    assertThat(refusal(exchange("demo-pkg", jwt), 403, jwt))
        .contains("package \"demo-pkg\"")
        .contains("no trusted publisher configuration")
        .contains("workflow file \"nightly.yml\" (configured: \"release.yml\")");
  }

  @Test
  void exchangeRefusedWhenRepositoryDiffersButRepositoryCaseDoesNotMatter() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "Acme/Widgets", "release.yml"));
    assertThat(exchange("demo-pkg", mint(IdTokenSpec.github(RELEASE))).statusCode()).isEqualTo(201);

    String jwt = mint(IdTokenSpec.github(GitHubRun.of("evil/widgets", "release.yml")));
    assertThat(refusal(exchange("demo-pkg", jwt), 403, jwt))
        .contains("repository \"evil/widgets\" (configured: \"Acme/Widgets\")");
  }

  @Test
  void exchangeRefusedWhenEnvironmentDiffersOrIsMissing() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml", "prod"));
    String staging = mint(IdTokenSpec.github(RELEASE.environment("staging")));
    assertThat(refusal(exchange("demo-pkg", staging), 403, staging))
        .contains("environment \"staging\" (configured: \"prod\")");
    String none = mint(IdTokenSpec.github(RELEASE));
    assertThat(refusal(exchange("demo-pkg", none), 403, none))
        .contains("no environment (configured: \"prod\")");
    assertThat(exchange("demo-pkg", mint(IdTokenSpec.github(RELEASE.environment("prod")))).statusCode())
        .isEqualTo(201);
  }

  @Test
  void configWithoutEnvironmentAcceptsAnyEnvironment() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    assertThat(exchange("demo-pkg", mint(IdTokenSpec.github(RELEASE.environment("staging")))).statusCode())
        .isEqualTo(201);
  }

  @Test
  void exchangeRefusedForSelfHostedGitHubRunner() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    String jwt = mint(IdTokenSpec.github(RELEASE.selfHosted(true)));
    assertThat(refusal(exchange("demo-pkg", jwt), 403, jwt))
        .contains("trusted publishing requires GitHub-hosted runners");
  }

  @Test
  void refusalExplainsEachConfiguredPublisher() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    registry.trust(TrustedPublisher.gitlab("demo-pkg", "group/project", ".gitlab-ci.yml"));
    String jwt = mint(IdTokenSpec.github(GitHubRun.of("acme/widgets", "nightly.yml")));
    assertThat(refusal(exchange("demo-pkg", jwt), 403, jwt))
        .contains("[1] github acme/widgets release.yml: workflow file \"nightly.yml\"")
        .contains("[2] gitlab group/project .gitlab-ci.yml: the token comes from github, the configuration is for gitlab");
  }

  @Test
  void gitlabJobTokenMatchesItsProjectConfigAndEnvironment() throws Exception {
    registry.trust(TrustedPublisher.gitlab("demo-pkg", "group/sub/project", ".gitlab-ci.yml", "production"));
    Map<String, String> env =
        registry.gitlabRun(GitLabRun.of("group/sub/project", ".gitlab-ci.yml").environment("production"));
    assertThat(env).containsEntry("GITLAB_CI", "true").containsEntry("CI_PROJECT_PATH", "group/sub/project");
    Map<String, Object> claims = Jwts.payload(env.get("NPM_ID_TOKEN"));
    assertThat(claims)
        .containsEntry("iss", "https://gitlab.com")
        .containsEntry("aud", "npm:127.0.0.1")
        .containsEntry("sub", "project_path:group/sub/project:ref_type:branch:ref:main")
        .containsEntry("ci_config_ref_uri", "gitlab.com/group/sub/project//.gitlab-ci.yml@refs/heads/main")
        .containsEntry("runner_environment", "gitlab-hosted")
        .containsEntry("exp", (double) NOW.plusSeconds(3600).getEpochSecond());

    assertThat(exchange("demo-pkg", env.get("NPM_ID_TOKEN")).statusCode()).isEqualTo(201);
  }

  @Test
  void gitlabConfigFileInASubfolderMatchesByFileName() throws Exception {
    registry.trust(TrustedPublisher.gitlab("demo-pkg", "group/project", "release.yml"));
    String jwt = registry.gitlabRun(GitLabRun.of("group/project", "ci/release.yml")).get("NPM_ID_TOKEN");
    assertThat(exchange("demo-pkg", jwt).statusCode()).isEqualTo(201);
  }

  @Test
  void gitlabExchangeRefusedWhenProjectConfigFileOrEnvironmentDiffers() throws Exception {
    registry.trust(TrustedPublisher.gitlab("demo-pkg", "group/project", ".gitlab-ci.yml", "production"));
    String project = mint(IdTokenSpec.gitlab(GitLabRun.of("group/other", ".gitlab-ci.yml").environment("production")));
    assertThat(refusal(exchange("demo-pkg", project), 403, project))
        .contains("project_path \"group/other\" (configured: \"group/project\")");
    String file = mint(IdTokenSpec.gitlab(GitLabRun.of("group/project", "publish.yml").environment("production")));
    assertThat(refusal(exchange("demo-pkg", file), 403, file))
        .contains("CI config file \"publish.yml\" (configured: \".gitlab-ci.yml\")");
    String env = mint(IdTokenSpec.gitlab(GitLabRun.of("group/project", ".gitlab-ci.yml").environment("staging")));
    assertThat(refusal(exchange("demo-pkg", env), 403, env))
        .contains("environment \"staging\" (configured: \"production\")");
  }

  @Test
  void gitlabRunWithAnotherAudienceIsRefused() throws Exception {
    registry.trust(TrustedPublisher.gitlab("demo-pkg", "group/project", ".gitlab-ci.yml"));
    String jwt =
        registry.gitlabRun(GitLabRun.of("group/project", ".gitlab-ci.yml").audience("npm:registry.npmjs.org"))
            .get("NPM_ID_TOKEN");
    assertThat(refusal(exchange("demo-pkg", jwt), 401, jwt)).contains("audience");
  }

  @Test
  void circleciJobTokenMatchesItsPipelineDefinitionAndContexts() throws Exception {
    registry.trust(
        TrustedPublisher.circleci("demo-pkg", ORG, PROJECT, PIPELINE, "github.com/acme/widgets", List.of(CONTEXT)));
    Map<String, String> env =
        registry.circleCiRun(
            CircleCiRun.of(ORG, PROJECT, PIPELINE, "github.com/acme/widgets").contextIds(List.of(CONTEXT)));
    assertThat(env).containsEntry("CIRCLECI", "true").containsEntry("CIRCLE_PROJECT_REPONAME", "widgets");
    Map<String, Object> claims = Jwts.payload(env.get("NPM_ID_TOKEN"));
    assertThat(claims)
        .containsEntry("iss", "https://oidc.circleci.com/org/" + ORG)
        .containsEntry("oidc.circleci.com/org-id", ORG)
        .containsEntry("oidc.circleci.com/project-id", PROJECT)
        .containsEntry("oidc.circleci.com/pipeline-definition-id", PIPELINE)
        .containsEntry("oidc.circleci.com/vcs-origin", "github.com/acme/widgets")
        .containsEntry("oidc.circleci.com/context-ids", List.of(CONTEXT));
    assertThat((String) claims.get("sub")).startsWith("org/" + ORG + "/project/" + PROJECT + "/user/");

    assertThat(exchange("demo-pkg", env.get("NPM_ID_TOKEN")).statusCode()).isEqualTo(201);
  }

  @Test
  void circleciExchangeRefusedWhenProjectOrContextDiffers() throws Exception {
    registry.trust(
        TrustedPublisher.circleci("demo-pkg", ORG, PROJECT, PIPELINE, "github.com/acme/widgets", List.of(CONTEXT)));
    String otherProject = "55555555-5555-4555-8555-555555555555";
    String project =
        mint(IdTokenSpec.circleci(
            CircleCiRun.of(ORG, otherProject, PIPELINE, "github.com/acme/widgets").contextIds(List.of(CONTEXT))));
    assertThat(refusal(exchange("demo-pkg", project), 403, project))
        .contains("project id \"" + otherProject + "\" (configured: \"" + PROJECT + "\")");
    String noContext = mint(IdTokenSpec.circleci(CircleCiRun.of(ORG, PROJECT, PIPELINE, "github.com/acme/widgets")));
    assertThat(refusal(exchange("demo-pkg", noContext), 403, noContext))
        .contains("context \"" + CONTEXT + "\" is not in the token's context ids");
    String origin =
        mint(IdTokenSpec.circleci(
            CircleCiRun.of(ORG, PROJECT, PIPELINE, "github.com/evil/widgets").contextIds(List.of(CONTEXT))));
    assertThat(refusal(exchange("demo-pkg", origin), 403, origin))
        .contains("VCS origin \"github.com/evil/widgets\"");
  }

  @Test
  void circleciOrgIsTakenFromTheIssuerAndTheClaim() throws Exception {
    registry.trust(TrustedPublisher.circleci("demo-pkg", ORG, PROJECT, PIPELINE, "github.com/acme/widgets"));
    String otherOrg = "66666666-6666-4666-8666-666666666666";
    String jwt = mint(IdTokenSpec.circleci(CircleCiRun.of(otherOrg, PROJECT, PIPELINE, "github.com/acme/widgets")));
    assertThat(refusal(exchange("demo-pkg", jwt), 403, jwt)).contains("org id \"" + otherOrg + "\"");
    String mixed =
        mint(IdTokenSpec.circleci(CircleCiRun.of(ORG, PROJECT, PIPELINE, "github.com/acme/widgets"))
            .claim("oidc.circleci.com/org-id", otherOrg));
    assertThat(refusal(exchange("demo-pkg", mixed), 403, mixed)).contains("differs from the issuer's org");
  }

  @Test
  void trustedPublisherValuesAreCheckedAtTheBoundary() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TrustedPublisher.github("Demo", "acme/widgets", "release.yml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capital letters");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TrustedPublisher.github("demo-pkg", "acme", "release.yml"))
        .hasMessageContaining("OWNER/REPO");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TrustedPublisher.circleci("demo-pkg", "org", PROJECT, PIPELINE, "github.com/a/b"))
        .hasMessageContaining("UUID");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TrustedPublisher.circleci("demo-pkg", ORG, PROJECT, PIPELINE, "https://github.com/a/b"))
        .hasMessageContaining("PROVIDER/OWNER/REPO");
  }
}
