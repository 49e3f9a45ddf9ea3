package dev.npmauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fake's trust endpoints (feeding the OIDC exchange), web and CouchDB login, and logout. */
@Tag("fake")
@SuppressWarnings("unchecked")
class TrustAndLoginTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final String PASSWORD = "correct horse battery";
  private static final String GITHUB_BODY = "[{\"type\":\"github\",\"claims\":{\"repository\":\"acme/widgets\","
      + "\"workflow_ref\":{\"file\":\"release.yml\"}},\"permissions\":[\"createPackage\"]}]";

  private MutableClock clock;
  private FakeRegistry registry;
  private TestHttp http;

  @BeforeEach
  void start() throws Exception {
    clock = new MutableClock(NOW);
    registry = FakeRegistry.builder().clock(clock).loginRetryAfter(Duration.ofSeconds(3)).start();
    http = new TestHttp(registry.url());
    registry.createUser(UserSpec.of("alice", PASSWORD).twoFactor(TwoFactorMode.AUTH_ONLY));
    registry.createUser(UserSpec.of("carol", PASSWORD));
    byte[] tgz = Packages.tarball("demo-pkg", "1.0.0", 10);
    HttpResponse<String> put = http.put("/demo-pkg", TestHttp.toJson(Packages.publishDoc("demo-pkg", "1.0.0", tgz, null)),
        "authorization", TestHttp.bearer(registry.loginSession("alice")));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    return http.send(http.request(path, headers).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static String error(HttpResponse<String> r) throws Exception {
    return (String) TestHttp.json(r.body()).get("error");
  }

  @Test
  void trustCreatedThroughTheEndpointIsListedMatchedByTheExchangeAndRevoked() throws Exception {
    String session = TestHttp.bearer(registry.loginSession("alice"));
    HttpResponse<String> noOtp = post("/-/package/demo-pkg/trust", GITHUB_BODY, "authorization", session);
    assertThat(noOtp.statusCode()).isEqualTo(401);
    assertThat(noOtp.headers().firstValue("www-authenticate")).hasValue("OTP");

    HttpResponse<String> created = post("/-/package/demo-pkg/trust", GITHUB_BODY, "authorization", session,
        "npm-otp", registry.otp("alice"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Object parsed = new com.squareup.moshi.Moshi.Builder().build().adapter(Object.class).fromJson(created.body());
    Map<String, Object> config = (Map<String, Object>) ((List<Object>) parsed).get(0);
    assertThat(config.keySet()).containsExactly("type", "claims", "permissions", "id");
    String id = (String) config.get("id");
    assertThat(registry.trustSettings("demo-pkg")).containsExactly(
        new TrustSetting(id, TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml")));

    HttpResponse<String> second = post("/-/package/demo-pkg/trust", GITHUB_BODY, "authorization", session,
        "npm-otp", registry.otp("alice"));
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(error(second)).contains("already has a trusted publisher configuration (id " + id + ")");

    HttpResponse<String> list = http.get("/-/package/demo-pkg/trust", "authorization", session);
    assertThat(list.body()).startsWith("[{\"id\":\"" + id + "\",\"type\":\"github\",\"claims\":{\"repository\":\"acme/widgets\","
        + "\"workflow_ref\":{\"file\":\"release.yml\"}},\"permissions\":[\"createPackage\"]}]");

    Map<String, String> job = registry.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml"));
    HttpResponse<String> idToken = http.get(job.get("ACTIONS_ID_TOKEN_REQUEST_URL") + "&audience=npm:127.0.0.1",
        "authorization", TestHttp.bearer(job.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN")));
    String jwt = (String) TestHttp.json(idToken.body()).get("value");
    HttpResponse<String> exchanged = http.post("/-/npm/v1/oidc/token/exchange/package/demo-pkg", "authorization",
        TestHttp.bearer(jwt));
    assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(201);

    HttpResponse<String> revoked = http.send(http.request("/-/package/demo-pkg/trust/" + id, "authorization", session,
        "npm-otp", registry.otp("alice")).DELETE().build());
    assertThat(revoked.statusCode()).isEqualTo(204);
    assertThat(registry.trustSettings("demo-pkg")).isEmpty();
    HttpResponse<String> refused = http.post("/-/npm/v1/oidc/token/exchange/package/demo-pkg", "authorization",
        TestHttp.bearer(jwt));
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  void trustChangesNeedAnAccountWithTwoFactorAnExistingPackageAndNoBypassToken() throws Exception {
    HttpResponse<String> no2fa = post("/-/package/demo-pkg/trust", GITHUB_BODY, "authorization",
        TestHttp.bearer(registry.loginSession("carol")));
    assertThat(no2fa.statusCode()).isEqualTo(403);
    assertThat(error(no2fa)).isEqualTo(
        "two-factor authentication must be enabled on the account of \"carol\" to manage trusted publishers");
    String bypass = registry.createToken(TokenSpec.readWrite("alice").bypass2fa());
    HttpResponse<String> bypassed = post("/-/package/demo-pkg/trust", GITHUB_BODY, "authorization", TestHttp.bearer(bypass));
    assertThat(bypassed.statusCode()).isEqualTo(403);
    assertThat(error(bypassed)).startsWith("granular access tokens that bypass two-factor authentication");
    String session = TestHttp.bearer(registry.loginSession("alice"));
    HttpResponse<String> missing = post("/-/package/nope-pkg/trust", GITHUB_BODY, "authorization", session,
        "npm-otp", registry.otp("alice"));
    assertThat(missing.statusCode()).isEqualTo(404);
    HttpResponse<String> path = post("/-/package/demo-pkg/trust", GITHUB_BODY.replace("release.yml", ".github/workflows/release.yml"),
        "authorization", session, "npm-otp", registry.otp("alice"));
    assertThat(path.statusCode()).isEqualTo(400);
    HttpResponse<String> noPermission = post("/-/package/demo-pkg/trust", GITHUB_BODY.replace("\"createPackage\"", ""),
        "authorization", session, "npm-otp", registry.otp("alice"));
    assertThat(error(noPermission)).isEqualTo("\"permissions\" needs at least one of createPackage, createStagedPackage");
  }

  @Test
  void webLoginAnswers202WithRetryAfterUntilApprovedThenHandsOutOneSessionToken() throws Exception {
    HttpResponse<String> start = post("/-/v1/login", "{}");
    assertThat(start.statusCode()).isEqualTo(200);
    Map<String, Object> urls = TestHttp.json(start.body());
    String done = (String) urls.get("doneUrl");
    assertThat((String) urls.get("loginUrl")).startsWith(registry.url() + "-/testkit/login/");
    assertThat(done).startsWith(registry.url() + "-/v1/done?sessionId=");
    assertThat(registry.pendingLogins()).hasSize(1);

    HttpResponse<String> pending = http.get(done);
    assertThat(pending.statusCode()).isEqualTo(202);
    assertThat(pending.headers().firstValue("retry-after")).hasValue("3");
    assertThat(pending.body()).isEqualTo("{}");

    assertThat(registry.approveLogin("all", "alice")).isEqualTo(1);
    HttpResponse<String> approved = http.get(done);
    assertThat(approved.statusCode()).isEqualTo(200);
    String token = (String) TestHttp.json(approved.body()).get("token");
    assertThat(http.get(done).statusCode()).isEqualTo(404);
    HttpResponse<String> whoami = http.get("/-/whoami", "authorization", TestHttp.bearer(token));
    assertThat(TestHttp.json(whoami.body())).containsEntry("username", "alice");
    assertThat(registry.tokensOf("alice")).anySatisfy(t -> {
      assertThat(t.origin()).isEqualTo("session");
      assertThat(t.expires()).hasValue(NOW.plus(Duration.ofHours(2)));
    });

    HttpResponse<String> logout = http.send(http.request("/-/user/token/" + token, "authorization",
        TestHttp.bearer(token)).DELETE().build());
    assertThat(logout.statusCode()).isEqualTo(200);
    assertThat(registry.tokenWorks(token)).isFalse();
    assertThat(registry.journal()).extracting(RecordedRequest::path).contains("/-/user/token/****")
        .noneMatch(p -> p.contains(token));
  }

  @Test
  void couchLoginChecksThePasswordAndAsksTwoFactorAccountsForAnOtp() throws Exception {
    String body = "{\"_id\":\"org.couchdb.user:%s\",\"name\":\"%s\",\"password\":\"%s\",\"type\":\"user\",\"roles\":[],"
        + "\"date\":\"2025-06-01T12:00:00.000Z\"}";
    HttpResponse<String> carol = http.put("/-/user/org.couchdb.user:carol", String.format(body, "carol", "carol", PASSWORD));
    assertThat(carol.statusCode()).isEqualTo(201);
    assertThat(TestHttp.json(carol.body())).containsEntry("ok", true).containsKey("token");
    HttpResponse<String> wrong = http.put("/-/user/org.couchdb.user:carol", String.format(body, "carol", "carol", "nope"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    HttpResponse<String> unknown = http.put("/-/user/org.couchdb.user:dave", String.format(body, "dave", "dave", PASSWORD));
    assertThat(unknown.statusCode()).isEqualTo(400);

    HttpResponse<String> alice = http.put("/-/user/org.couchdb.user:alice", String.format(body, "alice", "alice", PASSWORD));
    assertThat(alice.statusCode()).isEqualTo(401);
    assertThat(alice.headers().firstValue("www-authenticate")).hasValue("OTP");
    HttpResponse<String> withOtp = http.put("/-/user/org.couchdb.user:alice", String.format(body, "alice", "alice", PASSWORD),
        "npm-otp", registry.otp("alice"));
    assertThat(withOtp.statusCode()).isEqualTo(201);

    String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("carol:" + PASSWORD).getBytes());
    HttpResponse<String> doc = http.get("/-/user/org.couchdb.user:carol?write=true", "authorization", basic);
    assertThat(TestHttp.json(doc.body())).containsEntry("name", "carol").containsKey("_rev");
  }
}
