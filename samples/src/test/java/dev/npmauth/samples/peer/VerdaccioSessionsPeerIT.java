package dev.npmauth.samples.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.Credential;
import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.Secret;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.session.LoginException;
import dev.npmauth.session.LoginFailure;
import dev.npmauth.session.TwoFactor;
import dev.npmauth.session.WebLoginOptions;
import dev.npmauth.tokens.AuditFlag;
import dev.npmauth.tokens.CreatedToken;
import dev.npmauth.tokens.TokenAudit;
import dev.npmauth.tokens.TokenInfo;
import dev.npmauth.tokens.TokenPermission;
import dev.npmauth.tokens.TokenRequest;
import dev.npmauth.tokens.AuditPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client against Verdaccio 6.10.4 (a registry nobody here wrote): legacy CouchDB login (a
 * user from the htpasswd file, which takes npm's 409 re-login path, and a user created by the
 * login itself), whoami, and the token API.
 *
 * <p>What Verdaccio 6 does not support, and these tests pin down: it has no web login ({@code POST
 * /-/v1/login} is 404, so {@code webLogin} reports {@link LoginFailure#WEB_LOGIN_NOT_SUPPORTED});
 * it ignores the granular token fields (packages, scopes, permissions, expiry, 2FA bypass: it logs
 * "not supported yet and will be ignored") and does not enforce CIDR ranges, so its token list shows
 * no rights and rotation needs explicit replacement rights; it lists tokens by a masked value
 * ({@code NDkzY...0Zg==}) and in one page ({@code urls.next} is {@code ""}); it revokes by key only;
 * and logging out ({@code DELETE /-/user/token/…}) answers 200 but leaves the session token valid.
 */
@Tag("peer")
class VerdaccioSessionsPeerIT {
  private static final String ALICE_PASSWORD = "pw-alice-verdaccio-1";

  @TempDir
  Path work;

  private Verdaccio verdaccio;
  private NpmRegistryClient client;

  @BeforeEach
  void start() throws Exception {
    Verdaccio.assumeInstalled();
    verdaccio = Verdaccio.start(work, Verdaccio.user("alice", ALICE_PASSWORD));
    client = NpmRegistryClient.builder().registry(verdaccio.url().toString()).environment(Environment.empty())
        .npmConfig(NpmConfig.empty()).build();
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (verdaccio != null) {
      verdaccio.close();
    }
  }

  @Test
  void legacyLoginOfAnHtpasswdUserTakesTheReloginPathAndWhoamiNamesThem() throws Exception {
    Credential session = client.sessions().legacyLogin("alice", Secret.of(ALICE_PASSWORD), TwoFactor.none());
    assertThat(client.sessions().whoami(session)).as(verdaccio.log()).isEqualTo("alice");

    assertThatThrownBy(() -> client.sessions().legacyLogin("alice", Secret.of("wrong-password"), TwoFactor.none()))
        .isInstanceOfSatisfying(LoginException.class, e -> assertThat(e.reason()).isEqualTo(LoginFailure.BAD_CREDENTIALS));

    // a name Verdaccio does not know is created by the login, as with npm adduser
    Credential bob = client.sessions().legacyLogin("bob", Secret.of("pw-bob-verdaccio-1"), TwoFactor.none());
    assertThat(client.sessions().whoami(bob)).isEqualTo("bob");
  }

  @Test
  void verdaccioHasNoWebLoginSoTheFallbackIsNamed() {
    assertThatThrownBy(() -> client.sessions().webLogin(WebLoginOptions.opening(url -> { })))
        .isInstanceOfSatisfying(LoginException.class,
            e -> assertThat(e.reason()).isEqualTo(LoginFailure.WEB_LOGIN_NOT_SUPPORTED))
        .hasMessageContaining("404");
  }

  @Test
  void tokensAreCreatedListedWorkAndStopWorkingOnceRevokedByKey() throws Exception {
    Credential session = client.sessions().legacyLogin("alice", Secret.of(ALICE_PASSWORD), TwoFactor.none());
    CreatedToken created = client.tokens().create(session, TokenRequest.builder(Secret.of(ALICE_PASSWORD))
        .name("ci").packages("demo-pkg").packagesAndScopesPermission(TokenPermission.READ_WRITE).expiresInDays(30)
        .cidr("127.0.0.0/8").build());
    assertThat(created.key()).isPresent();
    assertThat(created.cidrWhitelist()).containsExactly("127.0.0.0/8");
    assertThat(client.sessions().whoami(created.credential())).isEqualTo("alice");
    String ignored = "granular access token options are not supported yet and will be ignored";
    assertThat(verdaccio.awaitLog(ignored, java.time.Duration.ofSeconds(10))).contains(ignored);

    List<TokenInfo> listed = client.tokens().list(session);
    assertThat(listed).extracting(TokenInfo::key).containsExactly(created.key().get());
    TokenInfo info = listed.get(0);
    assertThat(info.tokenPrefix()).contains("...");
    assertThat(info.cidrWhitelist()).containsExactly("127.0.0.0/8");
    assertThat(info.rightsShown()).isFalse();
    assertThat(info.expires()).isEmpty();

    TokenAudit audit = client.tokens().audit(session, AuditPolicy.defaults());
    assertThat(audit.findings()).singleElement().satisfies(f -> assertThat(f.flags())
        .containsExactly(AuditFlag.WRITE_WITHOUT_EXPIRY, AuditFlag.WRITE_ALL_PACKAGES));

    // Verdaccio deletes by key only: a revocation by value (npm's rule for a value) is answered 200 and changes nothing
    assertThat(client.tokens().revoke(session, created.token(), TwoFactor.none()).byTokenValue()).isTrue();
    assertThat(client.tokens().list(session)).hasSize(1);
    assertThat(client.sessions().whoami(created.credential())).isEqualTo("alice");

    assertThat(client.tokens().revoke(session, created.key().get().substring(0, 8), TwoFactor.none()).key())
        .hasValue(created.key().get());
    assertThat(client.tokens().list(session)).isEmpty();
    assertThatThrownBy(() -> client.sessions().whoami(created.credential()))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void logoutIsAnsweredButVerdaccioKeepsTheSessionValid() {
    Credential session = client.sessions().legacyLogin("alice", Secret.of(ALICE_PASSWORD), TwoFactor.none());
    client.sessions().logout(session);
    // Verdaccio 6 answers {"ok":"Logged out"} and revokes nothing: its session tokens are stateless
    assertThat(client.sessions().whoami(session)).isEqualTo("alice");
  }
}
