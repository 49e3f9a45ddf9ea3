package dev.npmauth.impl.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.Credential;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.OtpProvider;
import dev.npmauth.Secret;
import dev.npmauth.impl.testing.MutableClock;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.registry.OtpRequiredException;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.session.TwoFactor;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.IssuedToken;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.testkit.TokenSpec;
import dev.npmauth.testkit.TwoFactorMode;
import dev.npmauth.testkit.UserSpec;
import dev.npmauth.tokens.AmbiguousTokenIdException;
import dev.npmauth.tokens.AuditFlag;
import dev.npmauth.tokens.AuditPolicy;
import dev.npmauth.tokens.CreatedToken;
import dev.npmauth.tokens.InvalidTokenRequestException;
import dev.npmauth.tokens.TokenAudit;
import dev.npmauth.tokens.TokenInfo;
import dev.npmauth.tokens.TokenNotFoundException;
import dev.npmauth.tokens.TokenPermission;
import dev.npmauth.tokens.TokenRequest;
import dev.npmauth.tokens.TokenRevocation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fake")
class TokensFakeTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Secret PASSWORD = Secret.of("correct horse battery");

  private MutableClock clock;
  private FakeRegistry fake;
  private NpmRegistryClient client;
  private Credential alice;

  @BeforeEach
  void start() {
    clock = new MutableClock(NOW);
    fake = FakeRegistry.builder().clock(clock).tokenPageSize(2).start();
    fake.createUser(UserSpec.of("alice", PASSWORD.reveal()));
    fake.createUser(UserSpec.of("bob", PASSWORD.reveal()).twoFactor(TwoFactorMode.AUTH_AND_WRITES));
    client = TestClients.builder(fake, Map.of()).clock(clock).build();
    alice = Credential.session(Secret.of(fake.loginSession("alice")), NOW);
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  @Test
  void createdTokenHasEveryRightAskedAndWorks() {
    CreatedToken created = client.tokens().create(alice, TokenRequest.builder(PASSWORD).name("ci-publish")
        .description("publish from CI").packages("demo-pkg").scopes("@acme").orgs("acme")
        .packagesAndScopesPermission(TokenPermission.READ_WRITE).orgsPermission(TokenPermission.READ_ONLY)
        .expiresInDays(30).cidr("127.0.0.0/8").bypass2fa().build());
    assertThat(created.key()).isPresent();
    assertThat(created.expires()).hasValue(NOW.plus(Duration.ofDays(30)));
    assertThat(created.cidrWhitelist()).containsExactly("127.0.0.0/8");
    assertThat(created.toString()).doesNotContain(created.token().reveal());
    assertThat(client.whoami(created.credential())).isEqualTo("alice");

    IssuedToken issued = fake.tokensOf("alice").stream().filter(t -> t.key().equals(created.key().get())).findFirst()
        .orElseThrow();
    assertThat(issued.name()).hasValue("ci-publish");
    assertThat(issued.description()).hasValue("publish from CI");
    assertThat(issued.packages()).containsExactly("demo-pkg");
    assertThat(issued.scopes()).containsExactly("acme");
    assertThat(issued.orgs()).containsExactly("acme");
    assertThat(issued.orgsPermission()).hasValue("read-only");
    assertThat(issued.readOnly()).isFalse();
    assertThat(issued.bypass2fa()).isTrue();
    assertThat(fake.journal()).filteredOn(r -> r.method().equals("POST"))
        .singleElement().satisfies(r -> assertThat(r.header("npm-command")).hasValue("token"));
  }

  @Test
  void anInvalidRequestIsRefusedBeforeAnythingIsSent() {
    fake.clearJournal();
    assertThatThrownBy(() -> client.tokens().create(alice, TokenRequest.builder(PASSWORD).cidr("::1/128").build()))
        .isInstanceOf(InvalidTokenRequestException.class);
    assertThat(fake.journal()).isEmpty();
  }

  @Test
  void listFollowsEveryPageAbsoluteAndRelative() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(1));
      keys.add(client.tokens().create(alice, TokenRequest.builder(PASSWORD).name("t" + i).build()).key().orElseThrow());
    }
    List<TokenInfo> listed = client.tokens().list(alice);
    assertThat(listed).extracting(TokenInfo::key).containsSubsequence(keys);
    assertThat(listed).hasSize(6);
    // six tokens, two per page: the fake's next links are absolute after page 0, relative after page 1
    assertThat(fake.journal()).extracting(RecordedRequest::path).filteredOn(p -> p.contains("page="))
        .containsExactly("/-/npm/v1/tokens?page=1", "/-/npm/v1/tokens?page=2");
    TokenInfo first = listed.stream().filter(t -> t.name().orElse("").equals("t0")).findFirst().orElseThrow();
    assertThat(first.created()).hasValue(NOW.plusSeconds(1));
    assertThat(first.tokenPrefix()).hasSize(6);
    assertThat(first.packagesAndScopesPermission()).hasValue(TokenPermission.READ_ONLY);
  }

  @Test
  void revokeFollowsNpmsRulesForKeysPrefixesAndValues() {
    CreatedToken a = client.tokens().create(alice, TokenRequest.builder(PASSWORD).name("a").build());
    CreatedToken b = client.tokens().create(alice, TokenRequest.builder(PASSWORD).name("b").build());
    String keyA = a.key().orElseThrow();

    TokenRevocation byPrefix = client.tokens().revoke(alice, keyA.substring(0, 12), TwoFactor.none());
    assertThat(byPrefix.key()).hasValue(keyA);
    assertThat(fake.tokenWorks(a.token().reveal())).isFalse();

    TokenRevocation byValue = client.tokens().revoke(alice, b.token(), TwoFactor.none());
    assertThat(byValue.byTokenValue()).isTrue();
    assertThat(fake.tokenWorks(b.token().reveal())).isFalse();
    assertThat(fake.journal()).extracting(RecordedRequest::path).noneMatch(p -> p.contains(b.token().reveal()));

    assertThatThrownBy(() -> client.tokens().revoke(alice, "zzzz-not-a-token", TwoFactor.none()))
        .isInstanceOf(TokenNotFoundException.class).hasMessageNotContaining("zzzz");
    assertThatThrownBy(() -> client.tokens().revoke(alice, "", TwoFactor.none()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPrefixOfSeveralKeysIsAmbiguous() {
    for (int i = 0; i < 40; i++) {
      client.tokens().create(alice, TokenRequest.builder(PASSWORD).build());
    }
    List<TokenInfo> listed = client.tokens().list(alice);
    String shared = listed.stream().map(t -> t.key().substring(0, 1)).filter(p -> listed.stream()
        .filter(t -> t.key().startsWith(p)).count() > 1).findFirst().orElseThrow();
    assertThatThrownBy(() -> client.tokens().revoke(alice, shared, TwoFactor.none()))
        .isInstanceOfSatisfying(AmbiguousTokenIdException.class, e -> assertThat(e.matchingKeys()).hasSizeGreaterThan(1))
        .hasMessageContaining("ambiguous");
    assertThat(TokenInfo.shortIds(listed).values()).allSatisfy(id -> assertThat(id.length()).isGreaterThanOrEqualTo(6))
        .doesNotHaveDuplicates();
  }

  @Test
  void anAccountWithTwoFactorNeedsAnOtpGivenOrProvided() {
    Credential bob = Credential.session(Secret.of(fake.loginSession("bob")), NOW);
    TokenRequest.Builder request = TokenRequest.builder(PASSWORD).packagesAndScopesPermission(TokenPermission.READ_WRITE);
    assertThatThrownBy(() -> client.tokens().create(bob, request.build())).isInstanceOf(OtpRequiredException.class)
        .hasMessageContaining("one-time pass");

    List<OtpProvider.Challenge> challenges = new ArrayList<>();
    CreatedToken asked = client.tokens().create(bob, request.twoFactor(TwoFactor.ask(challenge -> {
      challenges.add(challenge);
      return Secret.of(fake.otp("bob"));
    })).build());
    assertThat(challenges).singleElement().satisfies(c -> assertThat(c.registryMessage()).hasValueSatisfying(
        m -> assertThat(m).contains("one-time pass")));

    CreatedToken given = client.tokens().create(bob, request.twoFactor(TwoFactor.code(Secret.of(fake.otp("bob")))).build());
    assertThat(given.key()).isNotEqualTo(asked.key());
    assertThatThrownBy(() -> client.tokens().revoke(bob, given.key().orElseThrow(), TwoFactor.code(Secret.of("000000"))))
        .isInstanceOf(OtpRequiredException.class);
    client.tokens().revoke(bob, given.key().orElseThrow(), TwoFactor.code(Secret.of(fake.otp("bob"))));
    assertThat(fake.tokenWorks(given.token().reveal())).isFalse();
  }

  @Test
  void theWrongPasswordIsTheRegistrysRefusal() {
    assertThatThrownBy(() -> client.tokens().create(alice, TokenRequest.builder(Secret.of("wrong")).build()))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageNotContaining("wrong\"");
  }

  @Test
  void auditFlagsRiskyTokensInTableAndJson() throws Exception {
    fake.createToken(TokenSpec.readWrite("alice"));
    client.tokens().create(alice, TokenRequest.builder(PASSWORD).name("narrow").packages("demo-pkg")
        .packagesAndScopesPermission(TokenPermission.READ_WRITE).expiresInDays(60).cidr("10.0.0.0/8").build());
    client.tokens().create(alice, TokenRequest.builder(PASSWORD).name("soon").packagesAll()
        .packagesAndScopesPermission(TokenPermission.READ_WRITE).expiresInDays(3).bypass2fa().build());
    client.tokens().create(alice, TokenRequest.builder(PASSWORD).name("reader")
        .packagesAndScopesPermission(TokenPermission.READ_ONLY).build());

    TokenAudit audit = client.tokens().audit(alice, AuditPolicy.defaults());
    Map<String, List<AuditFlag>> flags = new java.util.HashMap<>();
    audit.findings().forEach(f -> flags.put(f.token().name().orElse("(session)"), f.flags()));
    assertThat(flags.get("testkit")).containsExactly(AuditFlag.WRITE_WITHOUT_EXPIRY, AuditFlag.WRITE_ALL_PACKAGES,
        AuditFlag.NO_CIDR_RESTRICTION);
    assertThat(flags.get("narrow")).isEmpty();
    assertThat(flags.get("soon")).containsExactly(AuditFlag.WRITE_EXPIRING, AuditFlag.WRITE_ALL_PACKAGES,
        AuditFlag.BYPASSES_2FA, AuditFlag.NO_CIDR_RESTRICTION);
    assertThat(flags.get("reader")).containsExactly(AuditFlag.NO_CIDR_RESTRICTION);
    assertThat(audit.renderTable()).contains("ID", "FLAGS", "narrow", "WRITE_EXPIRING,WRITE_ALL_PACKAGES,BYPASSES_2FA",
        "5 tokens, 4 flagged");
    String json = audit.renderJson();
    assertThat(json).startsWith("{\"auditedAt\":\"2026-03-01T10:00:00Z\",\"expiryWarningDays\":7,\"flagged\":4,\"tokens\":[")
        .contains("\"name\":\"soon\"", "\"flags\":[\"WRITE_EXPIRING\",\"WRITE_ALL_PACKAGES\",\"BYPASSES_2FA\",\"NO_CIDR_RESTRICTION\"]");
    Map<String, Object> parsed = dev.npmauth.impl.json.Json.readObject(json);
    assertThat((List<?>) parsed.get("tokens")).hasSize(5);
  }
}
