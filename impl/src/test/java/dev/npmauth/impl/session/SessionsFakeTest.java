package dev.npmauth.impl.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.Credential;
import dev.npmauth.CredentialKind;
import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.Secret;
import dev.npmauth.impl.testing.MutableClock;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.registry.OtpRequiredException;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.session.LoginException;
import dev.npmauth.session.LoginFailure;
import dev.npmauth.session.TwoFactor;
import dev.npmauth.session.WebLoginOptions;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.testkit.TwoFactorMode;
import dev.npmauth.testkit.UserSpec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fake")
class SessionsFakeTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir
  Path dir;

  private MutableClock clock;
  private FakeRegistry fake;
  private NpmRegistryClient client;

  @BeforeEach
  void start() {
    clock = new MutableClock(NOW);
    fake = FakeRegistry.builder().clock(clock).loginRetryAfter(Duration.ofSeconds(2)).start();
    fake.createUser(UserSpec.of("alice", "pw-alice-1"));
    fake.createUser(UserSpec.of("bob", "pw-bob-1").twoFactor(TwoFactorMode.AUTH_ONLY));
    client = TestClients.builder(fake, Map.of("HOME", dir.toString())).clock(clock).build();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  @Test
  void webLoginPollsAsRetryAfterSaysUntilApprovedAndLastsTwoHours() {
    List<URI> shown = new CopyOnWriteArrayList<>();
    List<Duration> waits = new CopyOnWriteArrayList<>();
    Credential session = client.sessions().webLogin(WebLoginOptions.opening(shown::add).withSleeper(d -> {
      waits.add(d);
      clock.advance(d);
      if (waits.size() == 3) {
        fake.approveLogin("all", "alice");
      }
    }));
    assertThat(shown).singleElement().asString().startsWith(fake.url() + "-/testkit/login/");
    assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
    assertThat(session.kind()).isEqualTo(CredentialKind.SESSION);
    assertThat(session.expiresAt()).hasValue(NOW.plus(Duration.ofSeconds(6)).plus(Duration.ofHours(2)));
    assertThat(client.sessions().whoami(session)).isEqualTo("alice");
    assertThat(fake.journal()).filteredOn(r -> r.path().startsWith("/-/v1/"))
        .extracting(r -> r.method() + " " + r.pathWithoutQuery() + " " + r.status())
        .containsExactly("POST /-/v1/login 200", "GET /-/v1/done 202", "GET /-/v1/done 202", "GET /-/v1/done 202",
            "GET /-/v1/done 200");
  }

  @Test
  void aMissingRetryAfterIsBoundedByTheMinimumIntervalAndTheTimeout() {
    fake.inject(Fault.on("GET", "/-/v1/done").status(202).body("{}").always());
    List<Duration> waits = new CopyOnWriteArrayList<>();
    assertThatThrownBy(() -> client.sessions().webLogin(WebLoginOptions.opening(url -> { })
        .withMinimumPollInterval(Duration.ofMillis(500)).withTimeout(Duration.ofSeconds(3)).withSleeper(waits::add)))
        .isInstanceOfSatisfying(LoginException.class, e -> assertThat(e.reason()).isEqualTo(LoginFailure.TIMED_OUT))
        .hasMessageContaining("within PT3S");
    assertThat(waits).hasSize(6).allMatch(Duration.ofMillis(500)::equals);
  }

  @Test
  void aRegistryWithoutWebLoginSaysSoAndLegacyLoginWorks() {
    fake.inject(Fault.on("POST", "/-/v1/login").status(404).body("{\"error\":\"Not found\"}"));
    assertThatThrownBy(() -> client.sessions().webLogin(WebLoginOptions.opening(url -> { })))
        .isInstanceOfSatisfying(LoginException.class,
            e -> assertThat(e.reason()).isEqualTo(LoginFailure.WEB_LOGIN_NOT_SUPPORTED));
    Credential session = client.sessions().legacyLogin("alice", Secret.of("pw-alice-1"), TwoFactor.none());
    assertThat(session.expiresAt()).hasValue(NOW.plus(Duration.ofHours(2)));
    assertThat(client.sessions().whoami(session)).isEqualTo("alice");

    assertThatThrownBy(() -> client.sessions().legacyLogin("alice", Secret.of("wrong"), TwoFactor.none()))
        .isInstanceOfSatisfying(LoginException.class, e -> assertThat(e.reason()).isEqualTo(LoginFailure.BAD_CREDENTIALS))
        .hasMessageNotContaining("wrong\"");
    assertThatThrownBy(() -> client.sessions().legacyLogin("nobody", Secret.of("pw"), TwoFactor.none()))
        .isInstanceOfSatisfying(LoginException.class, e -> assertThat(e.reason()).isEqualTo(LoginFailure.NO_SUCH_USER))
        .hasMessageContaining("\"nobody\"");
  }

  @Test
  void legacyLoginOfATwoFactorAccountAsksForTheOtp() {
    assertThatThrownBy(() -> client.sessions().legacyLogin("bob", Secret.of("pw-bob-1"), TwoFactor.none()))
        .isInstanceOf(OtpRequiredException.class);
    Credential session = client.sessions().legacyLogin("bob", Secret.of("pw-bob-1"),
        TwoFactor.ask(challenge -> Secret.of(fake.otp("bob"))));
    assertThat(client.sessions().whoami(session)).isEqualTo("bob");
  }

  @Test
  void logoutRevokesTheSessionAndKeepsItOutOfTheJournal() {
    Credential session = client.sessions().legacyLogin("alice", Secret.of("pw-alice-1"), TwoFactor.none());
    client.sessions().logout(session);
    assertThat(fake.tokenWorks(session.secret().reveal())).isFalse();
    assertThatThrownBy(() -> client.sessions().whoami(session))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(fake.journal()).extracting(RecordedRequest::path).contains("/-/user/token/****")
        .noneMatch(p -> p.contains(session.secret().reveal()));
  }

  @Test
  void theSessionGoesIntoTheUserNpmrcAndComesOutAgain() throws Exception {
    Path npmrc = client.sessions().userNpmrc();
    assertThat(npmrc).isEqualTo(dir.resolve(".npmrc"));
    Files.writeString(npmrc, "; mine\nfund=false\n");
    Credential session = client.sessions().legacyLogin("alice", Secret.of("pw-alice-1"), TwoFactor.none());
    client.sessions().saveToNpmrc(session, npmrc);
    String key = "//" + fake.url().getRawAuthority() + "/:_authToken";
    assertThat(Files.readString(npmrc)).isEqualTo("; mine\nfund=false\n" + key + "=" + session.secret().reveal() + "\n");
    try (NpmRegistryClient fromNpmrc = dev.npmauth.NpmRegistryClient.builder().registry(fake.url().toString())
        .environment(Environment.of(Map.of("HOME", dir.toString()))).workingDirectory(dir.resolve("project")).build()) {
      Credential configured = fromNpmrc.config().authFor(fake.url()).orElseThrow().credential();
      assertThat(fromNpmrc.sessions().whoami(configured)).isEqualTo("alice");
    }
    assertThat(client.sessions().removeFromNpmrc(npmrc)).isTrue();
    assertThat(Files.readString(npmrc)).isEqualTo("; mine\nfund=false\n");
  }

  @Test
  void aDoneUrlOnThePublicRegistryIsSentToThisRegistry() {
    DefaultSessions sessions = (DefaultSessions) client.sessions();
    assertThat(sessions.rewriteDoneUrl(URI.create("https://registry.npmjs.org/-/v1/done?sessionId=abc")))
        .isEqualTo(URI.create(fake.url() + "-/v1/done?sessionId=abc"));
    assertThat(sessions.rewriteDoneUrl(URI.create("https://elsewhere.example/-/v1/done?sessionId=abc")))
        .isEqualTo(URI.create("https://elsewhere.example/-/v1/done?sessionId=abc"));
    assertThat(DefaultSessions.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
    assertThat(DefaultSessions.retryAfter("0.5")).isEqualTo(Duration.ofMillis(500));
    assertThat(DefaultSessions.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
    assertThat(DefaultSessions.retryAfter(null)).isZero();
  }
}
