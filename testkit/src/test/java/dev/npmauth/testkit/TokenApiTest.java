package dev.npmauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fake's token API, users, 2FA and the token rules it enforces, over raw HTTP. */
@Tag("fake")
@SuppressWarnings("unchecked")
class TokenApiTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final String PASSWORD = "correct horse battery";

  private MutableClock clock;
  private FakeRegistry registry;
  private TestHttp http;

  @BeforeEach
  void start() {
    clock = new MutableClock(NOW);
    registry = FakeRegistry.builder().clock(clock).tokenPageSize(2).start();
    http = new TestHttp(registry.url());
    registry.createUser(UserSpec.of("alice", PASSWORD));
    registry.createUser(UserSpec.of("bob", PASSWORD).twoFactor(TwoFactorMode.AUTH_AND_WRITES));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    return http.send(http.request(path, headers).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private HttpResponse<String> delete(String path, String... headers) throws Exception {
    return http.send(http.request(path, headers).DELETE().build());
  }

  private static String error(HttpResponse<String> r) throws Exception {
    return (String) TestHttp.json(r.body()).get("error");
  }

  private String create(String session, String body, String... more) throws Exception {
    String[] headers = new String[2 + more.length];
    headers[0] = "authorization";
    headers[1] = TestHttp.bearer(session);
    System.arraycopy(more, 0, headers, 2, more.length);
    HttpResponse<String> r = post("/-/npm/v1/tokens", body, headers);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return (String) TestHttp.json(r.body()).get("token");
  }

  @Test
  void granularTokenCarriesEveryFieldNpmSendsAndIsEnforced() throws Exception {
    String session = registry.loginSession("alice");
    HttpResponse<String> r = post("/-/npm/v1/tokens",
        "{\"name\":\"ci-publish\",\"password\":\"" + PASSWORD + "\",\"description\":\"publish from CI\","
            + "\"packages\":[\"demo-pkg\"],\"scopes\":[\"@acme\"],\"orgs\":[\"acme\"],"
            + "\"packages_and_scopes_permission\":\"read-write\",\"orgs_permission\":\"read-only\","
            + "\"expires\":30,\"cidr_whitelist\":[\"127.0.0.0/8\"],\"bypass_2fa\":true}",
        "authorization", TestHttp.bearer(session));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    Map<String, Object> created = TestHttp.json(r.body());
    assertThat(created).containsEntry("name", "ci-publish").containsEntry("description", "publish from CI")
        .containsEntry("readonly", false).containsEntry("expires", "2025-07-01T12:00:00.000Z")
        .containsEntry("cidr_whitelist", List.of("127.0.0.0/8")).containsEntry("bypass_2fa", true)
        .containsEntry("packages", List.of("demo-pkg")).containsEntry("scopes", List.of("@acme"))
        .containsEntry("orgs", List.of("acme")).containsEntry("packages_and_scopes_permission", "read-write")
        .containsEntry("orgs_permission", "read-only").containsKey("key");
    String token = (String) created.get("token");

    assertThat(registry.tokensOf("alice")).filteredOn(t -> t.origin().equals("granular")).singleElement()
        .satisfies(t -> {
          assertThat(t.packages()).containsExactly("demo-pkg");
          assertThat(t.scopes()).containsExactly("acme");
          assertThat(t.cidrs()).containsExactly("127.0.0.0/8");
          assertThat(t.expires()).hasValue(NOW.plus(Duration.ofDays(30)));
          assertThat(t.bypass2fa()).isTrue();
        });

    byte[] tgz = Packages.tarball("demo-pkg", "1.0.0", 10);
    HttpResponse<String> ok = http.put("/demo-pkg", TestHttp.toJson(Packages.publishDoc("demo-pkg", "1.0.0", tgz, null)),
        "authorization", TestHttp.bearer(token));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    byte[] scoped = Packages.tarball("@acme/widgets", "1.0.0", 10);
    HttpResponse<String> inScope = http.put(Packages.path("@acme/widgets"),
        TestHttp.toJson(Packages.publishDoc("@acme/widgets", "1.0.0", scoped, null)), "authorization", TestHttp.bearer(token));
    assertThat(inScope.statusCode()).as(inScope.body()).isEqualTo(200);
    byte[] other = Packages.tarball("other-pkg", "1.0.0", 10);
    HttpResponse<String> refused = http.put("/other-pkg", TestHttp.toJson(Packages.publishDoc("other-pkg", "1.0.0", other, null)),
        "authorization", TestHttp.bearer(token));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(error(refused)).isEqualTo(
        "this token is limited to packages [demo-pkg] and scopes [@acme] and cannot publish \"other-pkg\"");
  }

  @Test
  void tokenCreationChecksPasswordFieldsAndTheWriteLifetime() throws Exception {
    String session = registry.loginSession("alice");
    String auth = TestHttp.bearer(session);
    Map<String, String> cases = Map.of(
        "{\"name\":null,\"password\":\"wrong\"}", "401 the password is not the password of \"alice\"",
        "{\"name\":null,\"password\":\"" + PASSWORD + "\",\"cidr_whitelist\":[\"::1/128\"]}",
        "400 CIDR whitelist can only contain IPv4 addresses, ::1/128 is IPv6",
        "{\"name\":null,\"password\":\"" + PASSWORD + "\",\"cidr_whitelist\":[\"10.0.0.300/8\"]}",
        "400 CIDR whitelist contains invalid CIDR entry: 10.0.0.300/8",
        "{\"name\":null,\"password\":\"" + PASSWORD + "\",\"packages_and_scopes_permission\":\"read-write\",\"expires\":91}",
        "400 tokens with write permission can live at most 90 days; \"expires\" is 91",
        "{\"name\":null,\"password\":\"" + PASSWORD + "\",\"packages_and_scopes_permission\":\"write\"}",
        "400 \"packages_and_scopes_permission\" must be one of [read-only, read-write, no-access], got \"write\"",
        "{\"name\":null,\"password\":\"" + PASSWORD + "\",\"packages\":[\"Bad Name\"]}",
        "400 \"packages\" holds \"Bad Name\", which is not a valid package name",
        "{\"name\":null,\"password\":\"" + PASSWORD + "\",\"colour\":\"blue\"}",
        "400 unknown field \"colour\"");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> r = post("/-/npm/v1/tokens", c.getKey(), "authorization", auth);
      assertThat(r.statusCode() + " " + error(r)).as(c.getKey()).startsWith(c.getValue());
    }
    // read-only tokens may live longer than write tokens; the minimal body npm sends works
    create(session, "{\"name\":null,\"password\":\"" + PASSWORD + "\",\"packages_and_scopes_permission\":\"read-only\",\"expires\":365}");
    create(session, "{\"name\":null,\"password\":\"" + PASSWORD + "\"}");
  }

  @Test
  void listPagesWithAbsoluteAndRelativeNextUrlsAndRevokeWorksByKeyOrValue() throws Exception {
    String session = registry.loginSession("alice");
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofSeconds(1));
      created.add(create(session, "{\"name\":\"t" + i + "\",\"password\":\"" + PASSWORD + "\"}"));
    }
    List<Object> objects = new ArrayList<>();
    List<String> nexts = new ArrayList<>();
    String next = "/-/npm/v1/tokens";
    while (next != null) {
      HttpResponse<String> page = http.get(next, "authorization", TestHttp.bearer(session));
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      Map<String, Object> body = TestHttp.json(page.body());
      assertThat(body).containsEntry("total", 5.0);
      objects.addAll(TestHttp.list(body, "objects"));
      next = (String) TestHttp.object(body, "urls").get("next");
      if (next != null) {
        nexts.add(next);
      }
    }
    assertThat(nexts).containsExactly(registry.url() + "-/npm/v1/tokens?page=1", "/-/npm/v1/tokens?page=2");
    assertThat(objects).hasSize(5);
    assertThat(objects).extracting(o -> ((Map<String, Object>) o).get("name"))
        .containsExactly(null, "t0", "t1", "t2", "t3");
    assertThat(objects).extracting(o -> ((Map<String, Object>) o).get("token"))
        .allSatisfy(prefix -> assertThat((String) prefix).hasSize(6));

    String key = (String) ((Map<String, Object>) objects.get(1)).get("key");
    assertThat(delete("/-/npm/v1/tokens/token/" + key, "authorization", TestHttp.bearer(session)).statusCode()).isEqualTo(204);
    assertThat(registry.tokenWorks(created.get(0))).isFalse();
    assertThat(delete("/-/npm/v1/tokens/token/" + created.get(1), "authorization", TestHttp.bearer(session)).statusCode())
        .isEqualTo(204);
    assertThat(registry.tokenWorks(created.get(1))).isFalse();
    assertThat(registry.tokenWorks(created.get(2))).isTrue();
    assertThat(registry.journal()).extracting(RecordedRequest::path)
        .contains("/-/npm/v1/tokens/token/" + key, "/-/npm/v1/tokens/token/****")
        .noneMatch(p -> p.contains(created.get(1)));
    HttpResponse<String> unknown = delete("/-/npm/v1/tokens/token/abcdef", "authorization", TestHttp.bearer(session));
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void twoFactorAccountNeedsAnOtpForWritesUnlessTheTokenBypassesIt() throws Exception {
    String session = registry.loginSession("bob");
    String body = "{\"name\":null,\"password\":\"" + PASSWORD + "\",\"packages_and_scopes_permission\":\"read-write\"}";
    HttpResponse<String> noOtp = post("/-/npm/v1/tokens", body, "authorization", TestHttp.bearer(session));
    assertThat(noOtp.statusCode()).isEqualTo(401);
    assertThat(noOtp.headers().firstValue("www-authenticate")).hasValue("OTP");
    assertThat(error(noOtp)).isEqualTo(
        "You must provide a one-time pass. Upgrade your client to npm@latest in order to use 2FA.");
    HttpResponse<String> wrongOtp = post("/-/npm/v1/tokens", body, "authorization", TestHttp.bearer(session), "npm-otp", "000000");
    assertThat(wrongOtp.statusCode()).isEqualTo(401);
    assertThat(wrongOtp.headers().firstValue("www-authenticate")).hasValue("OTP");

    String writer = create(session, body, "npm-otp", registry.otp("bob"));
    byte[] tgz = Packages.tarball("bob-pkg", "1.0.0", 10);
    HttpResponse<String> publish = http.put("/bob-pkg", TestHttp.toJson(Packages.publishDoc("bob-pkg", "1.0.0", tgz, null)),
        "authorization", TestHttp.bearer(writer));
    assertThat(publish.statusCode()).isEqualTo(401);
    assertThat(publish.headers().firstValue("www-authenticate")).hasValue("OTP");
    assertThat(registry.versions("bob-pkg")).isEmpty();
    HttpResponse<String> withOtp = http.put("/bob-pkg", TestHttp.toJson(Packages.publishDoc("bob-pkg", "1.0.0", tgz, null)),
        "authorization", TestHttp.bearer(writer), "npm-otp", registry.otp("bob"));
    assertThat(withOtp.statusCode()).as(withOtp.body()).isEqualTo(200);

    String bypass = create(session, body.replace("}", ",\"bypass_2fa\":true}"), "npm-otp", registry.otp("bob"));
    byte[] tgz2 = Packages.tarball("bob-pkg", "1.0.1", 10);
    HttpResponse<String> bypassed = http.put("/bob-pkg", TestHttp.toJson(Packages.publishDoc("bob-pkg", "1.0.1", tgz2, null)),
        "authorization", TestHttp.bearer(bypass));
    assertThat(bypassed.statusCode()).as(bypassed.body()).isEqualTo(200);
    assertThat(registry.journal()).allSatisfy(r -> assertThat(r.headers().getOrDefault("npm-otp", List.of()))
        .allMatch("****"::equals));
  }

  @Test
  void otpCodesFollowTheRegistryClock() {
    String now = registry.otp("bob");
    clock.advance(Duration.ofSeconds(30));
    String next = registry.otp("bob");
    clock.advance(Duration.ofSeconds(30));
    assertThat(now).matches("\\d{6}");
    assertThat(List.of(now, next, registry.otp("bob"))).doesNotHaveDuplicates();
  }

  @Test
  void expiredReadOnlyAndCidrLimitedTokensAreRefusedWithTheRegistryAnswers() throws Exception {
    byte[] tgz = Packages.tarball("demo-pkg", "1.0.0", 10);
    String doc = TestHttp.toJson(Packages.publishDoc("demo-pkg", "1.0.0", tgz, null));
    String expiring = registry.createToken(TokenSpec.readWrite("alice").expiresIn(Duration.ofHours(1)));
    clock.advance(Duration.ofHours(2));
    HttpResponse<String> expired = http.put("/demo-pkg", doc, "authorization", TestHttp.bearer(expiring));
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(error(expired)).isEqualTo("the token expired at 2025-06-01T13:00:00.000Z (now 2025-06-01T14:00:00.000Z)");

    String readOnly = registry.createToken(TokenSpec.readOnly("alice"));
    HttpResponse<String> ro = http.put("/demo-pkg", doc, "authorization", TestHttp.bearer(readOnly));
    assertThat(ro.statusCode()).isEqualTo(403);
    assertThat(error(ro)).isEqualTo("this token is read-only and cannot publish \"demo-pkg\"");

    String elsewhere = registry.createToken(TokenSpec.readWrite("alice").cidr("10.0.0.0/8"));
    HttpResponse<String> cidr = http.get("/-/whoami", "authorization", TestHttp.bearer(elsewhere));
    assertThat(cidr.statusCode()).isEqualTo(401);
    assertThat(cidr.headers().firstValue("www-authenticate")).hasValue("ipaddress");
    assertThat(error(cidr)).startsWith("Login is not allowed from your IP address");
  }
}
