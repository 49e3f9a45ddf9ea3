package dev.npmauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Expiry of every kind follows the registry's TestClock, without sleeping. */
@Tag("fake")
class TestClockTest {
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  private final TestClock clock = TestClock.at(START);
  private FakeRegistry registry;
  private TestHttp http;

  @BeforeEach
  void start() {
    registry = FakeRegistry.builder().clock(clock).start();
    http = new TestHttp(registry.url());
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void advanceAndSetMoveItAndItStandsStillOtherwise() {
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(START.plusSeconds(300));
    clock.set(START.minusSeconds(60));
    assertThat(clock.millis()).isEqualTo(START.minusSeconds(60).toEpochMilli());
    assertThat(clock.withZone(java.time.ZoneId.of("Europe/Paris"))).isSameAs(clock);
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set(instant)");
    assertThat(TestClock.atNow().instant().getNano()).isZero();
  }

  @Test
  void aTokenStopsWorkingWhenTheClockPassesItsExpiry() throws Exception {
    String token = registry.createToken(TokenSpec.readWrite("alice").expiresIn(Duration.ofDays(1)));
    assertThat(http.get("/-/whoami", "authorization", TestHttp.bearer(token)).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofDays(1).minusSeconds(1));
    assertThat(registry.tokenWorks(token)).isTrue();
    clock.advance(Duration.ofSeconds(1));

    assertThat(registry.tokenWorks(token)).isFalse();
    assertThat(http.get("/-/whoami", "authorization", TestHttp.bearer(token)).body())
        .contains("expired at 2026-03-02T10:00:00");
  }

  @Test
  void aLoginSessionLastsTwoHoursOfTheClock() {
    String session = registry.loginSession("alice");
    clock.advance(Duration.ofHours(2).minusSeconds(1));
    assertThat(registry.tokenWorks(session)).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(registry.tokenWorks(session)).isFalse();
  }

  @Test
  void idTokensCarryTheClocksTimesAndExpireByIt() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    String jwt = registry.idTokens().mint(IdTokenSpec.github(GitHubRun.of("acme/widgets", "release.yml")));
    Map<String, Object> claims = Jwts.payload(jwt);
    assertThat(((Number) claims.get("iat")).longValue()).isEqualTo(START.getEpochSecond());
    long exp = ((Number) claims.get("exp")).longValue();
    assertThat(exp).isGreaterThan(START.getEpochSecond());

    String path = "/-/npm/v1/oidc/token/exchange/package/demo-pkg";
    clock.set(Instant.ofEpochSecond(exp).plusSeconds(6)); // past the verifier's 5 s leeway
    assertThat(http.post(path, "authorization", TestHttp.bearer(jwt)).statusCode()).isEqualTo(401);
    clock.set(START.plusSeconds(10));
    assertThat(http.post(path, "authorization", TestHttp.bearer(jwt)).statusCode()).isEqualTo(201);
  }

  @Test
  void theJournalAndPackumentTimesFollowTheClock() throws Exception {
    clock.set(Instant.parse("2030-01-01T00:00:00Z"));
    http.get("/-/ping");
    assertThat(registry.journal()).last().extracting(RecordedRequest::time)
        .isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    byte[] tgz = Packages.tarball("demo-pkg", "1.0.0", 10);
    http.put("/demo-pkg", TestHttp.toJson(Packages.publishDoc("demo-pkg", "1.0.0", tgz, null)),
        "authorization", TestHttp.bearer(registry.adminToken()));
    assertThat(registry.packument("demo-pkg").orElseThrow()).contains("\"1.0.0\":\"2030-01-01T00:00:00.000Z\"");
  }
}
