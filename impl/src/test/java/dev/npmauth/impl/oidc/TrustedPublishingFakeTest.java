package dev.npmauth.impl.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.Credential;
import dev.npmauth.CredentialKind;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.PackageName;
import dev.npmauth.Secret;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.oidc.DiagnosisCheck;
import dev.npmauth.oidc.GitHubIdentity;
import dev.npmauth.oidc.IdTokenSource;
import dev.npmauth.oidc.TrustedPublishingDiagnosis;
import dev.npmauth.oidc.TrustedPublishingException;
import dev.npmauth.oidc.TrustedPublishingFailure;
import dev.npmauth.testkit.CiProvider;
import dev.npmauth.testkit.CircleCiRun;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.GitLabRun;
import dev.npmauth.testkit.IdTokenSpec;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.testkit.TrustedPublisher;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fake")
class TrustedPublishingFakeTest {
  private static final PackageName DEMO = PackageName.of("demo-pkg");
  private static final String ORG = "11111111-1111-4111-8111-111111111111";
  private static final String PROJECT = "22222222-2222-4222-8222-222222222222";
  private static final String PIPELINE = "33333333-3333-4333-8333-333333333333";

  private FakeRegistry fake;

  @BeforeEach
  void start() {
    fake = FakeRegistry.start();
    fake.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    TestClients.SLEEPS.clear();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private TrustedPublishingException refusal(Map<String, String> env) {
    try (NpmRegistryClient client = TestClients.client(fake, env)) {
      return (TrustedPublishingException) org.assertj.core.api.Assertions.catchThrowable(
          () -> client.trustedPublishing().exchange(DEMO));
    }
  }

  private List<RecordedRequest> exchanges() {
    return fake.journal().stream().filter(r -> r.path().startsWith("/-/npm/v1/oidc/token/exchange/")).toList();
  }

  @Test
  void githubRunExchangesItsIdTokenForATokenBoundToThePackage() {
    Map<String, String> env = fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml"));
    try (NpmRegistryClient client = TestClients.client(fake, env)) {
      Credential credential = client.trustedPublishing().exchange(DEMO);
      assertThat(credential.kind()).isEqualTo(CredentialKind.OIDC_EXCHANGED);
      assertThat(credential.boundPackage()).contains(DEMO);
      assertThat(credential.expiresAt()).isPresent();
      assertThat(client.whoami(credential)).isNotBlank();
    }
    RecordedRequest idTokenRequest = fake.journal().get(0);
    assertThat(idTokenRequest.path()).startsWith("/-/testkit/github/idtoken?api-version=2.0&run=")
        .endsWith("&audience=npm%3A127.0.0.1");
    assertThat(idTokenRequest.header("authorization")).contains("Bearer ****");
    RecordedRequest exchange = exchanges().get(0);
    assertThat(exchange.method()).isEqualTo("POST");
    assertThat(exchange.path()).isEqualTo("/-/npm/v1/oidc/token/exchange/package/demo-pkg");
    assertThat(exchange.status()).isEqualTo(201);
    assertThat(exchange.bodyBytes()).isZero();
    assertThat(exchange.header("npm-command")).contains("publish");
    assertThat(exchange.header("user-agent")).hasValueSatisfying(ua ->
        assertThat(ua).startsWith("npmauth/").contains(" java/").endsWith("ci/github-actions/dotcom-hosted"));
  }

  @Test
  void scopedPackageIsEscapedInTheExchangePath() {
    fake.trust(TrustedPublisher.github("@acme/widgets", "acme/widgets", "release.yml"));
    Map<String, String> env = fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml"));
    try (NpmRegistryClient client = TestClients.client(fake, env)) {
      assertThat(client.trustedPublishing().exchange(PackageName.of("@acme/widgets")).boundPackage())
          .contains(PackageName.of("@acme/widgets"));
    }
    assertThat(exchanges().get(0).path()).isEqualTo("/-/npm/v1/oidc/token/exchange/package/@acme%2fwidgets");
  }

  @Test
  void gitlabAndCircleciRunsExchangeNpmIdToken() {
    fake.trust(TrustedPublisher.gitlab("demo-pkg", "group/project", ".gitlab-ci.yml"));
    fake.trust(TrustedPublisher.circleci("demo-pkg", ORG, PROJECT, PIPELINE, "github.com/acme/widgets"));
    try (NpmRegistryClient client = TestClients.client(fake, fake.gitlabRun(GitLabRun.of("group/project", ".gitlab-ci.yml")))) {
      assertThat(client.trustedPublishing().detectCi()).contains(dev.npmauth.oidc.CiProvider.GITLAB);
      assertThat(client.trustedPublishing().exchange(DEMO).kind()).isEqualTo(CredentialKind.OIDC_EXCHANGED);
    }
    try (NpmRegistryClient client = TestClients.client(fake,
        fake.circleCiRun(CircleCiRun.of(ORG, PROJECT, PIPELINE, "github.com/acme/widgets")))) {
      assertThat(client.trustedPublishing().exchange(DEMO).kind()).isEqualTo(CredentialKind.OIDC_EXCHANGED);
    }
    assertThat(exchanges()).extracting(r -> r.header("user-agent").orElseThrow())
        .anySatisfy(ua -> assertThat(ua).endsWith("ci/gitlab-ci"))
        .anySatisfy(ua -> assertThat(ua).endsWith("ci/circleci"));
  }

  @Test
  void exchangeRefusedWhenWorkflowDiffersNamesThePresentedWorkflow() {
    TrustedPublishingException e = refusal(fake.githubActionsRun(GitHubRun.of("acme/widgets", "nightly.yml")));
    assertThat(e.reason()).isEqualTo(TrustedPublishingFailure.NO_MATCHING_TRUSTED_PUBLISHER);
    assertThat(e.registryStatus()).contains(403);
    assertThat(e.presentedIdentity()).containsInstanceOf(GitHubIdentity.class);
    assertThat(((GitHubIdentity) e.presentedIdentity().orElseThrow()).workflowFile()).contains("nightly.yml");
    assertThat(e.getMessage()).contains("workflow file=nightly.yml", "repository=acme/widgets",
        "no trusted publisher of demo-pkg matches");
  }

  @Test
  void exchangeRefusedWhenEnvironmentDiffers() {
    fake.trust(TrustedPublisher.github("env-pkg", "acme/widgets", "release.yml", "prod"));
    Map<String, String> env = fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml").environment("staging"));
    try (NpmRegistryClient client = TestClients.client(fake, env)) {
      assertThatThrownBy(() -> client.trustedPublishing().exchange(PackageName.of("env-pkg")))
          .isInstanceOf(TrustedPublishingException.class)
          .hasMessageContaining("environment=staging")
          .satisfies(t -> assertThat(((TrustedPublishingException) t).reason())
              .isEqualTo(TrustedPublishingFailure.NO_MATCHING_TRUSTED_PUBLISHER));
    }
  }

  private Map<String, String> githubWithIdToken(String idToken) {
    Map<String, String> env = new HashMap<>(Map.of("CI", "true", "GITHUB_ACTIONS", "true"));
    env.put("NPM_ID_TOKEN", idToken);
    return env;
  }

  @Test
  void expiredIdTokenIsRefusedBeforeAnyExchange() {
    String expired = fake.idTokens().mint(IdTokenSpec.github(GitHubRun.of("acme/widgets", "release.yml")).expired());
    TrustedPublishingException e = refusal(githubWithIdToken(expired));
    assertThat(e.reason()).isEqualTo(TrustedPublishingFailure.ID_TOKEN_EXPIRED);
    assertThat(e.getMessage()).contains("expired at");
    assertThat(exchanges()).isEmpty();
  }

  @Test
  void wrongAudienceIsRefusedNamingTheAudienceNeeded() {
    String token = fake.idTokens().mint(IdTokenSpec.github(GitHubRun.of("acme/widgets", "release.yml"))
        .audience("npm:registry.npmjs.org"));
    TrustedPublishingException e = refusal(githubWithIdToken(token));
    assertThat(e.reason()).isEqualTo(TrustedPublishingFailure.ID_TOKEN_WRONG_AUDIENCE);
    assertThat(e.getMessage()).contains("[npm:registry.npmjs.org]", "needs npm:127.0.0.1");
    assertThat(exchanges()).isEmpty();
  }

  @Test
  void untrustedIssuerIsRefused() {
    String token = fake.idTokens().mint(IdTokenSpec.github(GitHubRun.of("acme/widgets", "release.yml"))
        .issuer("https://ghes.acme.example.com/_services/token"));
    TrustedPublishingException e = refusal(githubWithIdToken(token));
    assertThat(e.reason()).isEqualTo(TrustedPublishingFailure.ID_TOKEN_UNTRUSTED_ISSUER);
    assertThat(e.getMessage()).contains("https://ghes.acme.example.com/_services/token",
        "https://token.actions.githubusercontent.com");
  }

  @Test
  void wronglySignedIdTokenIsRejectedByTheRegistry() {
    String forged = fake.idTokens().mint(IdTokenSpec.github(GitHubRun.of("acme/widgets", "release.yml"))
        .signedWithUnknownKey());
    TrustedPublishingException e = refusal(githubWithIdToken(forged));
    assertThat(e.reason()).isEqualTo(TrustedPublishingFailure.ID_TOKEN_REJECTED);
    assertThat(e.registryStatus()).contains(401);
    assertThat(e.registryMessage()).hasValueSatisfying(m -> assertThat(m).containsIgnoringCase("signature"));
  }

  @Test
  void wronglySignedIdTokenIsCaughtLocallyWhenIssuerKeysAreConfigured() {
    String forged = fake.idTokens().mint(IdTokenSpec.github(GitHubRun.of("acme/widgets", "release.yml"))
        .signedWithUnknownKey());
    String genuine = fake.idTokens().mint(IdTokenSpec.github(GitHubRun.of("acme/widgets", "release.yml")));
    NpmRegistryClient.Builder builder = TestClients.builder(fake, Map.of("GITHUB_ACTIONS", "true"))
        .idTokenIssuerKeys("https://token.actions.githubusercontent.com", fake.idTokens().jwksUri(CiProvider.GITHUB));
    try (NpmRegistryClient client = builder.idTokenSource(IdTokenSource.fixed(Secret.of(forged))).build()) {
      assertThatThrownBy(() -> client.trustedPublishing().exchange(DEMO))
          .satisfies(t -> assertThat(((TrustedPublishingException) t).reason())
              .isEqualTo(TrustedPublishingFailure.ID_TOKEN_SIGNATURE_INVALID));
    }
    assertThat(exchanges()).isEmpty();
    try (NpmRegistryClient client = builder.idTokenSource(IdTokenSource.fixed(Secret.of(genuine))).build()) {
      TrustedPublishingDiagnosis diagnosis = client.trustedPublishing().diagnose(DEMO);
      assertThat(diagnosis.checks()).filteredOn(c -> c.name().equals("ID token signature"))
          .singleElement().extracting(DiagnosisCheck::status).isEqualTo(DiagnosisCheck.Status.PASSED);
      assertThat(diagnosis.available()).isTrue();
    }
  }

  @Test
  void malformedIdTokenIsRefused() {
    TrustedPublishingException e = refusal(githubWithIdToken(fake.idTokens().malformed()));
    assertThat(e.reason()).isEqualTo(TrustedPublishingFailure.ID_TOKEN_MALFORMED);
  }

  @Test
  void githubJobWithoutIdTokenPermissionIsNamed() {
    TrustedPublishingException e = refusal(Map.of("CI", "true", "GITHUB_ACTIONS", "true"));
    assertThat(e.reason()).isEqualTo(TrustedPublishingFailure.MISSING_ID_TOKEN_PERMISSION);
    assertThat(e.fix()).contains("id-token: write");
  }

  @Test
  void githubTokenEndpointRefusingIsNamed() {
    Map<String, String> env = new HashMap<>(fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")));
    env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "not-the-request-token");
    TrustedPublishingException e = refusal(env);
    assertThat(e.reason()).isEqualTo(TrustedPublishingFailure.ID_TOKEN_REQUEST_FAILED);
    assertThat(e.getMessage()).contains("answered 401");
  }

  @Test
  void outsideCiAndWithCiFalseTrustedPublishingIsNotTried() {
    assertThat(refusal(Map.of()).reason()).isEqualTo(TrustedPublishingFailure.NOT_IN_CI);
    Map<String, String> disabled = new HashMap<>(fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")));
    disabled.put("CI", "false");
    assertThat(refusal(disabled).reason()).isEqualTo(TrustedPublishingFailure.CI_DETECTION_DISABLED);
    assertThat(refusal(Map.of("GITLAB_CI", "true")).reason()).isEqualTo(TrustedPublishingFailure.NO_ID_TOKEN);
    assertThat(fake.journal()).isEmpty();
  }

  @Test
  void selfHostedRunnerIsNamedWhenTheRegistryRefuses() {
    TrustedPublishingException e = refusal(fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml").selfHosted(true)));
    assertThat(e.reason()).isEqualTo(TrustedPublishingFailure.SELF_HOSTED_RUNNER);
    assertThat(e.fix()).contains("GitHub-hosted");
  }

  @Test
  void exchangeAnswerWithoutTokenIsNamed() {
    fake.inject(Fault.on("POST", "/-/npm/v1/oidc/token/exchange/.*").status(201).body("{}").always());
    TrustedPublishingException e = refusal(fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")));
    assertThat(e.reason()).isEqualTo(TrustedPublishingFailure.EXCHANGE_WITHOUT_TOKEN);
  }

  @Test
  void exchangeIsRetriedAfter5xxHonouringRetryAfter() {
    fake.inject(Fault.on("POST", "/-/npm/v1/oidc/token/exchange/.*").status(503).retryAfter(Duration.ofSeconds(3)).times(2));
    try (NpmRegistryClient client = TestClients.client(fake, fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")))) {
      assertThat(client.trustedPublishing().exchange(DEMO).kind()).isEqualTo(CredentialKind.OIDC_EXCHANGED);
    }
    assertThat(exchanges()).extracting(RecordedRequest::status).containsExactly(503, 503, 201);
    assertThat(TestClients.SLEEPS).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  @Test
  void exchangeFailingWith5xxEveryTimeIsNamedAfterBoundedRetries() {
    fake.inject(Fault.on("POST", "/-/npm/v1/oidc/token/exchange/.*").status(502).always());
    TrustedPublishingException e = refusal(fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")));
    assertThat(e.reason()).isEqualTo(TrustedPublishingFailure.EXCHANGE_FAILED);
    assertThat(e.registryStatus()).contains(502);
    assertThat(exchanges()).hasSize(3);
    assertThat(TestClients.SLEEPS).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void exchangeTimingOutIsNamed() {
    fake.inject(Fault.on("POST", "/-/npm/v1/oidc/token/exchange/.*").delay(Duration.ofSeconds(3)).always());
    Map<String, String> env = githubWithIdToken(fake.idTokens().mint(IdTokenSpec.github(GitHubRun.of("acme/widgets", "release.yml"))));
    try (NpmRegistryClient client = TestClients.builder(fake, env).readTimeout(Duration.ofMillis(300))
        .retryPolicy(dev.npmauth.RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> client.trustedPublishing().exchange(DEMO))
          .isInstanceOf(TrustedPublishingException.class)
          .hasMessageContaining("timed out")
          .satisfies(t -> assertThat(((TrustedPublishingException) t).reason())
              .isEqualTo(TrustedPublishingFailure.EXCHANGE_FAILED));
    }
  }

  @Test
  void diagnosisOfARefusedRunNamesTheWorkflowAndTheFix() {
    try (NpmRegistryClient client = TestClients.client(fake, fake.githubActionsRun(GitHubRun.of("acme/widgets", "nightly.yml")))) {
      TrustedPublishingDiagnosis diagnosis = client.trustedPublishing().diagnose(DEMO);
      assertThat(diagnosis.available()).isFalse();
      assertThat(diagnosis.firstFailure()).hasValueSatisfying(c -> {
        assertThat(c.name()).isEqualTo("token exchange");
        assertThat(c.failure()).contains(TrustedPublishingFailure.NO_MATCHING_TRUSTED_PUBLISHER);
      });
      assertThat(diagnosis.render()).contains("workflow file: nightly.yml", "NO_MATCHING_TRUSTED_PUBLISHER",
          "Fix: Compare the presented claims");
      assertThat(diagnosis.checks()).extracting(DiagnosisCheck::name).containsExactly("CI", "ID token",
          "ID token expiry", "ID token audience", "ID token issuer", "ID token signature", "runner", "token exchange");
    }
  }

  @Test
  void diagnosisOutsideCiSkipsTheRest() {
    try (NpmRegistryClient client = TestClients.client(fake, Map.of())) {
      TrustedPublishingDiagnosis diagnosis = client.trustedPublishing().diagnose(DEMO);
      assertThat(diagnosis.checks().get(0).failure()).contains(TrustedPublishingFailure.NOT_IN_CI);
      assertThat(diagnosis.checks().subList(1, diagnosis.checks().size()))
          .allSatisfy(c -> assertThat(c.status()).isEqualTo(DiagnosisCheck.Status.SKIPPED));
      assertThat(diagnosis.presentedIdentity()).isEmpty();
    }
  }
}
