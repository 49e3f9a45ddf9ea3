package dev.npmauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fake")
class FakeRegistryLifecycleTest {

  @Test
  void startsOnLoopbackWithUrlEndingInSlashAndAnswersPing() throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      assertThat(registry.url().toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
      HttpResponse<String> ping = new TestHttp(registry.url()).get("/-/ping");
      assertThat(ping.statusCode()).isEqualTo(200);
      assertThat(ping.body()).isEqualTo("{}");
      assertThat(ping.headers().firstValue("content-type")).hasValue("application/json");
    }
  }

  @Test
  void registryAndSigstoreBuildersRefuseABadPortOrAnEmptyHostAlike() {
    for (int port : new int[] {-1, 65536}) {
      assertThatThrownBy(() -> FakeRegistry.builder().port(port))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a port is between 0 and 65535 (0 picks a free one), got " + port);
      assertThatThrownBy(() -> dev.npmauth.testkit.sigstore.FakeSigstore.builder().port(port))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a port is between 0 and 65535 (0 picks a free one), got " + port);
    }
    for (String host : new String[] {null, "", " "}) {
      assertThatThrownBy(() -> FakeRegistry.builder().host(host)).hasMessage("the host must not be empty");
      assertThatThrownBy(() -> dev.npmauth.testkit.sigstore.FakeSigstore.builder().host(host))
          .hasMessage("the host must not be empty");
    }
  }

  @Test
  void closeStopsTheServerAndDeletesStoredTarballs() throws Exception {
    FakeRegistry registry = FakeRegistry.start();
    TestHttp http = new TestHttp(registry.url());
    byte[] tgz = Packages.tarball("demo-pkg", "1.0.0", 100);
    http.put("/demo-pkg", TestHttp.toJson(Packages.publishDoc("demo-pkg", "1.0.0", tgz, null)),
        "authorization", TestHttp.bearer(registry.adminToken()));
    Path stored = registry.tarballPath("demo-pkg", "1.0.0").orElseThrow();
    assertThat(stored).exists();

    registry.close();
    registry.close(); // idempotent

    assertThat(Files.exists(stored)).isFalse();
    assertThat(Files.exists(stored.getParent())).isFalse();
    assertThatThrownBy(() -> http.get("/-/ping")).isInstanceOf(ConnectException.class);
  }

  @Test
  void whoamiNamesTheTokensUserAndRefusesMissingOrUnknownTokens() throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      TestHttp http = new TestHttp(registry.url());
      HttpResponse<String> admin =
          http.get("/-/whoami", "authorization", TestHttp.bearer(registry.adminToken()));
      assertThat(admin.statusCode()).isEqualTo(200);
      assertThat(TestHttp.json(admin.body())).containsEntry("username", "admin");

      String alice = registry.createToken(TokenSpec.readOnly("alice"));
      assertThat(TestHttp.json(http.get("/-/whoami", "authorization", TestHttp.bearer(alice)).body()))
          .containsEntry("username", "alice");

      HttpResponse<String> none = http.get("/-/whoami");
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(TestHttp.json(none.body())).containsKey("error");

      HttpResponse<String> unknown = http.get("/-/whoami", "authorization", "Bearer npm_nope");
      assertThat(unknown.statusCode()).isEqualTo(401);
      assertThat(TestHttp.json(unknown.body()).get("error").toString()).contains("not valid");
    }
  }

  @Test
  void createdTokenStopsWorkingWhenItExpiresByTheRegistryClock() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    try (FakeRegistry registry = FakeRegistry.builder().clock(clock).start()) {
      TestHttp http = new TestHttp(registry.url());
      String token = registry.createToken(TokenSpec.readWrite("alice").expiresIn(Duration.ofHours(1)));
      assertThat(http.get("/-/whoami", "authorization", TestHttp.bearer(token)).statusCode()).isEqualTo(200);

      clock.advance(Duration.ofHours(1));

      HttpResponse<String> expired = http.get("/-/whoami", "authorization", TestHttp.bearer(token));
      assertThat(expired.statusCode()).isEqualTo(401);
      assertThat(expired.body()).contains("expired at 2025-03-01T11:00:00.000Z");
    }
  }

  @Test
  void tokenWithCidrOutsideLoopbackIsRefusedAsEauthip() throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      TestHttp http = new TestHttp(registry.url());
      String remote = registry.createToken(TokenSpec.readWrite("alice").cidr("10.0.0.0/8"));
      String local = registry.createToken(TokenSpec.readWrite("bob").cidr("127.0.0.0/8"));

      HttpResponse<String> refused = http.get("/-/whoami", "authorization", TestHttp.bearer(remote));
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("www-authenticate")).hasValue("ipaddress");
      assertThat(http.get("/-/whoami", "authorization", TestHttp.bearer(local)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void adminTokenAndTokenFactoryAreConfigurable() throws Exception {
    int[] n = {0};
    try (FakeRegistry registry =
        FakeRegistry.builder()
            .adminToken("npm_admin_for_test")
            .tokenFactory(() -> "canary-" + (++n[0]))
            .start()) {
      assertThat(registry.adminToken()).isEqualTo("npm_admin_for_test");
      assertThat(registry.createToken(TokenSpec.readOnly("alice"))).isEqualTo("canary-1");
      assertThat(registry.createToken(TokenSpec.readOnly("bob"))).isEqualTo("canary-2");
    }
  }

  @Test
  void unknownDashPathsAre404AndNeverTakenForPackages() throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      HttpResponse<String> r = new TestHttp(registry.url()).get("/-/no/such/endpoint");
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(TestHttp.json(r.body())).containsEntry("error", "Not found");
    }
  }
}
