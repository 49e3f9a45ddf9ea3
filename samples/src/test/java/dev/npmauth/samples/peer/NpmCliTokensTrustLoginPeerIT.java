package dev.npmauth.samples.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.IssuedToken;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.testkit.TrustSetting;
import dev.npmauth.testkit.TrustedPublisher;
import dev.npmauth.testkit.TwoFactorMode;
import dev.npmauth.testkit.UserSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real npm CLI 11 against the fake registry (in this JVM, so the test can approve web logins
 * and read the registry's state): {@code npm token create|list|revoke} with every granular flag,
 * {@code npm trust github|gitlab|circleci|list|revoke} (and the OIDC exchange honouring what {@code
 * npm trust github} created), {@code npm login --auth-type=web} approved by the test, {@code npm
 * whoami}, {@code npm logout}; then the npmauth CLI doing the same against the same fake.
 */
@Tag("peer")
class NpmCliTokensTrustLoginPeerIT {
  private static final String PASSWORD = "correct horse battery staple";
  private static final String ORG = "11111111-1111-4111-8111-111111111111";
  private static final String PROJECT = "22222222-2222-4222-8222-222222222222";
  private static final String PIPELINE = "33333333-3333-4333-8333-333333333333";

  @TempDir
  Path work;

  private FakeRegistry fake;
  private String registry;
  private PeerPrograms programs;
  private Path home;
  private Path project;
  private final ExecutorService background = Executors.newSingleThreadExecutor();

  @BeforeEach
  void setUp() throws Exception {
    fake = FakeRegistry.start();
    registry = fake.url().toString();
    fake.createUser(UserSpec.of("alice", PASSWORD).twoFactor(TwoFactorMode.AUTH_AND_WRITES));
    home = work.resolve("home");
    programs = new PeerPrograms(home);
    project = Files.createDirectories(work.resolve("demo-pkg"));
    writePackage("1.0.0");
  }

  @AfterEach
  void tearDown() {
    background.shutdownNow();
    fake.close();
  }

  private void writePackage(String version) throws Exception {
    Files.writeString(project.resolve("package.json"), "{\"name\":\"demo-pkg\",\"version\":\"" + version
        + "\",\"description\":\"peer test\",\"main\":\"index.js\",\"license\":\"MIT\"}\n");
    Files.writeString(project.resolve("index.js"), "module.exports = 42;\n");
  }

  private void loggedInAsAlice() throws Exception {
    Files.writeString(home.resolve(".npmrc"), "//" + fake.url().getRawAuthority() + "/:_authToken="
        + fake.loginSession("alice") + "\n");
  }

  private Processes.Result npm(String... args) throws Exception {
    return programs.npm(project, Map.of(), args);
  }

  private String otp() {
    return "--otp=" + fake.otp("alice");
  }

  private static String ok(Processes.Result result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output();
  }

  @Test
  void npmTokenCreateWithEveryGranularFlagThenListAndRevoke() throws Exception {
    PeerPrograms.assumeNpm();
    loggedInAsAlice();
    String created = ok(npm("token", "create", "--name", "ci-publish", "--token-description", "publish from CI",
        "--packages", "demo-pkg", "--packages", "@acme/widgets", "--scopes", "@acme", "--orgs", "acme",
        "--packages-and-scopes-permission", "read-write", "--orgs-permission", "read-only", "--expires", "30",
        "--cidr", "127.0.0.0/8", "--cidr", "10.0.0.0/8", "--bypass-2fa", "--password", PASSWORD, otp(),
        "--registry", registry));
    Matcher token = Pattern.compile("Created token (\\S+)").matcher(created);
    assertThat(token.find()).as(created).isTrue();
    assertThat(created).contains("with IP whitelist: 127.0.0.0/8,10.0.0.0/8", "expires: ");
    IssuedToken issued = fake.tokensOf("alice").stream().filter(t -> t.name().equals(java.util.Optional.of("ci-publish")))
        .findFirst().orElseThrow();
    assertThat(issued.description()).hasValue("publish from CI");
    assertThat(issued.packages()).containsExactlyInAnyOrder("demo-pkg", "@acme/widgets");
    assertThat(issued.scopes()).containsExactly("acme");
    assertThat(issued.orgs()).containsExactly("acme");
    assertThat(issued.orgsPermission()).hasValue("read-only");
    assertThat(issued.readOnly()).isFalse();
    assertThat(issued.cidrs()).containsExactly("127.0.0.0/8", "10.0.0.0/8");
    assertThat(issued.bypass2fa()).isTrue();
    assertThat(issued.expires()).hasValueSatisfying(e -> assertThat(e).isAfter(Instant.now().plus(Duration.ofDays(29))));
    assertThat(fake.tokenWorks(token.group(1))).isTrue();

    String list = ok(npm("token", "list", "--registry", registry));
    assertThat(list).contains("name ci-publish created ", "with IP whitelist: 127.0.0.0/8,10.0.0.0/8");
    String json = ok(npm("token", "list", "--json", "--registry", registry));
    List<?> tokens = new Moshi.Builder().build().adapter(List.class).fromJson(json.substring(json.indexOf('[')));
    assertThat(tokens).hasSize(2);

    String id = issued.key().substring(0, 8);
    assertThat(ok(npm("token", "revoke", id, otp(), "--registry", registry))).contains("Removed 1 token");
    assertThat(fake.tokenWorks(token.group(1))).isFalse();

    String second = ok(npm("token", "create", "--password", PASSWORD, otp(), "--registry", registry));
    Matcher value = Pattern.compile("Created token (\\S+)").matcher(second);
    assertThat(value.find()).isTrue();
    assertThat(ok(npm("token", "revoke", value.group(1), otp(), "--registry", registry))).contains("Removed 1 token");
    assertThat(fake.tokenWorks(value.group(1))).isFalse();
    assertThat(fake.journal()).extracting(RecordedRequest::toString)
        .contains("DELETE /-/npm/v1/tokens/token/" + issued.key() + " -> 204", "DELETE /-/npm/v1/tokens/token/**** -> 204")
        .noneMatch(r -> r.contains(value.group(1)));
  }

  @Test
  void npmTrustGithubIsHonouredByTheOidcExchangeAndGitlabCircleciListRevokeWork() throws Exception {
    PeerPrograms.assumeNpm();
    loggedInAsAlice();
    ok(npm("publish", otp(), "--registry", registry));

    String created = ok(npm("trust", "github", "demo-pkg", "--file", "release.yml", "--repository", "acme/widgets",
        "--allow-publish", "--yes", otp(), "--registry", registry));
    assertThat(created).contains("Trust configuration created successfully");
    TrustSetting setting = fake.trustSettings("demo-pkg").get(0);
    assertThat(setting.publisher()).isEqualTo(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    assertThat(created).contains("id: " + setting.id());
    assertThat(ok(npm("trust", "list", "demo-pkg", "--registry", registry)))
        .contains("type: github", "id: " + setting.id(), "file: release.yml", "repository: acme/widgets",
            "permissions: publish");

    // a simulated GitHub Actions run of that workflow publishes through OIDC, with no token configured
    PeerPrograms ci = new PeerPrograms(work.resolve("ci-home"));
    writePackage("1.0.1");
    Processes.Result oidc = ci.npm(project, fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")),
        "publish", "--registry", registry);
    assertThat(oidc.exitCode()).as(oidc.output()).isZero();
    assertThat(fake.versions("demo-pkg")).containsExactly("1.0.0", "1.0.1");
    assertThat(fake.journal()).extracting(RecordedRequest::toString)
        .contains("POST /-/npm/v1/oidc/token/exchange/package/demo-pkg -> 201");

    // npm masks UUID-like values in this line ("with id ***"), so only the sentence is checked
    assertThat(ok(npm("trust", "revoke", "demo-pkg", "--id", setting.id(), otp(), "--registry", registry)))
        .contains("Revoked trusted configuration for package demo-pkg with id ");
    assertThat(fake.trustSettings("demo-pkg")).isEmpty();

    ok(npm("trust", "gitlab", "demo-pkg", "--file", ".gitlab-ci.yml", "--project", "acme/platform/widgets",
        "--environment", "production", "--allow-stage-publish", "--yes", otp(), "--registry", registry));
    assertThat(fake.trustedPublishers("demo-pkg")).containsExactly(TrustedPublisher.gitlab("demo-pkg",
        "acme/platform/widgets", ".gitlab-ci.yml", "production").permissions(TrustedPublisher.CREATE_STAGED_PACKAGE));
    ok(npm("trust", "revoke", "demo-pkg", "--id", fake.trustSettings("demo-pkg").get(0).id(), otp(), "--registry", registry));

    ok(npm("trust", "circleci", "demo-pkg", "--org-id", ORG, "--project-id", PROJECT, "--pipeline-definition-id",
        PIPELINE, "--vcs-origin", "github.com/acme/widgets", "--allow-publish", "--yes", otp(), "--registry", registry));
    assertThat(fake.trustedPublishers("demo-pkg")).containsExactly(
        TrustedPublisher.circleci("demo-pkg", ORG, PROJECT, PIPELINE, "github.com/acme/widgets"));
    String json = ok(npm("trust", "list", "demo-pkg", "--json", "--registry", registry));
    assertThat(json).contains("\"type\": \"circleci\"", "\"orgId\": \"" + ORG + "\"");

    Processes.Result noOtp = npm("trust", "revoke", "demo-pkg", "--id", fake.trustSettings("demo-pkg").get(0).id(),
        "--registry", registry);
    assertThat(noOtp.exitCode()).isNotZero();
    assertThat(noOtp.output()).contains("EOTP");
  }

  @Test
  void npmWebLoginApprovedByTheTestThenWhoamiThenLogout() throws Exception {
    PeerPrograms.assumeNpm();
    Future<Processes.Result> login = background.submit(() -> npm("login", "--auth-type=web", "--registry", registry));
    approveWhenPending(login);
    String output = ok(login.get(2, TimeUnit.MINUTES));
    assertThat(output).contains("Login at:", registry + "-/testkit/login/", "Logged in on " + registry);
    String npmrc = Files.readString(home.resolve(".npmrc"));
    Matcher saved = Pattern.compile("//" + Pattern.quote(fake.url().getRawAuthority()) + "/:_authToken=(\\S+)").matcher(npmrc);
    assertThat(saved.find()).as(npmrc).isTrue();
    String session = saved.group(1);
    assertThat(fake.tokenWorks(session)).isTrue();

    assertThat(ok(npm("whoami", "--registry", registry)).strip()).isEqualTo("alice");
    ok(npm("logout", "--registry", registry));
    assertThat(fake.tokenWorks(session)).isFalse();
    // npm removes the token line, and deletes the user .npmrc when nothing else is left in it
    assertThat(home.resolve(".npmrc")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
        p -> assertThat(Files.readString(p)).doesNotContain(session));
    assertThat(fake.journal()).extracting(RecordedRequest::toString).contains("DELETE /-/user/token/**** -> 200")
        .noneMatch(r -> r.contains(session));
  }

  private void approveWhenPending(Future<?> running) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (fake.pendingLogins().isEmpty()) {
      if (running.isDone() || Instant.now().isAfter(deadline)) {
        throw new AssertionError("no web login became pending; the login ended with:\n"
            + (running.isDone() ? running.get() : "(still running)"));
      }
      Thread.sleep(50);
    }
    assertThat(fake.approveLogin("all", "alice")).isEqualTo(1);
  }

  /** Publishes ./demo-pkg with the SDK (packing the folder), as alice with a one-time password. */
  private void publishAsAlice() {
    dev.npmauth.Credential session = dev.npmauth.Credential.session(dev.npmauth.Secret.of(fake.loginSession("alice")),
        Instant.now());
    try (dev.npmauth.NpmRegistryClient client = dev.npmauth.NpmRegistryClient.builder().registry(registry)
        .environment(dev.npmauth.Environment.empty()).npmConfig(dev.npmauth.config.NpmConfig.empty()).build()) {
      client.publisher().publish(dev.npmauth.publish.PublishRequest.builder(project)
          .credentials(name -> new dev.npmauth.credentials.ResolvedCredential(session,
              dev.npmauth.credentials.CredentialSource.NPMRC, List.of()))
          .otp(dev.npmauth.Secret.of(fake.otp("alice"))).build());
    }
    assertThat(fake.versions("demo-pkg")).containsExactly("1.0.0");
  }

  private Processes.Result npmauth(Map<String, String> env, String... args) throws Exception {
    return programs.npmauth(project, env, args);
  }

  @Test
  void npmauthCliLogsInManagesTokensAndTrustAndLogsOut() throws Exception {
    Map<String, String> pw = Map.of("NPMAUTH_TEST_PASSWORD", PASSWORD);
    for (String command : List.of("token", "trust", "login", "whoami", "logout")) {
      assertThat(ok(npmauth(Map.of(), command, "--help"))).contains("Usage: npmauth " + command);
    }
    assertThat(ok(npmauth(Map.of(), "token", "rotate", "--help"))).contains("--password-env", "--journal");

    String login = ok(npmauth(pw, "login", "--legacy", "--username", "alice", "--password-env", "NPMAUTH_TEST_PASSWORD",
        "--otp", fake.otp("alice"), "--registry", registry));
    assertThat(login).contains("Logged in as alice on " + registry);
    assertThat(Files.readString(home.resolve(".npmrc"))).contains("//" + fake.url().getRawAuthority() + "/:_authToken=");
    assertThat(ok(npmauth(Map.of(), "whoami", "--registry", registry)).strip()).isEqualTo("alice");

    Processes.Result ipv6 = npmauth(pw, "token", "create", "--cidr", "::1/128", "--password-env", "NPMAUTH_TEST_PASSWORD",
        "--registry", registry);
    assertThat(ipv6.exitCode()).isEqualTo(1);
    assertThat(ipv6.output()).contains("CIDR whitelist can only contain IPv4 addresses, ::1/128 is IPv6");

    String created = ok(npmauth(pw, "token", "create", "--name", "cli", "--packages", "demo-pkg",
        "--packages-and-scopes-permission", "read-write", "--expires", "3", "--cidr", "127.0.0.0/8", "--bypass-2fa",
        "--password-env", "NPMAUTH_TEST_PASSWORD", "--otp", fake.otp("alice"), "--json", "--registry", registry));
    Map<?, ?> createdJson = new Moshi.Builder().build().adapter(Map.class).fromJson(created);
    String token = (String) createdJson.get("token");
    String key = (String) createdJson.get("key");
    assertThat(fake.tokenWorks(token)).isTrue();
    assertThat(ok(npmauth(Map.of(), "token", "list", "--registry", registry))).contains("name cli", "read-write");
    Processes.Result audit = npmauth(Map.of(), "token", "audit", "--json", "--registry", registry);
    assertThat(audit.exitCode()).as(audit.output()).isEqualTo(1);
    assertThat(audit.output()).contains("\"name\":\"cli\"", "WRITE_EXPIRING", "BYPASSES_2FA");

    // rotate the CLI token (due: it expires in 3 days) into a file, then revoke the replacement
    Path store = work.resolve("secrets/npm-token");
    String rotate = ok(npmauth(Map.of("NPMAUTH_TEST_PASSWORD", PASSWORD, "ROTATE_ME", token), "token", "rotate",
        "--token-env", "ROTATE_ME", "--key", key, "--password-env", "NPMAUTH_TEST_PASSWORD", "--store-file", store.toString(),
        "--journal", work.resolve("rotation.json").toString(), "--overlap", "0s", "--registry", registry));
    assertThat(rotate).contains("ROTATED: old " + key);
    String replacement = Files.readString(store).strip();
    assertThat(fake.tokenWorks(replacement)).isTrue();
    assertThat(fake.tokenWorks(token)).isFalse();
    String newKey = fake.tokensOf("alice").stream().filter(t -> t.name().orElse("").startsWith("cli-rotated-"))
        .findFirst().orElseThrow().key();
    assertThat(ok(npmauth(Map.of(), "token", "revoke", newKey, "--otp", fake.otp("alice"), "--registry", registry)))
        .contains("Removed 1 token");

    publishAsAlice();
    String trust = ok(npmauth(Map.of(), "trust", "github", "demo-pkg", "--file", "release.yml", "--repository",
        "acme/widgets", "--allow-publish", "--yes", "--otp", fake.otp("alice"), "--registry", registry));
    String id = fake.trustSettings("demo-pkg").get(0).id();
    assertThat(trust).contains("Trust configuration created for demo-pkg", id);
    assertThat(ok(npmauth(Map.of(), "trust", "list", "demo-pkg", "--registry", registry)))
        .contains(id + " github acme/widgets release.yml [publish]");
    ok(npmauth(Map.of(), "trust", "revoke", "demo-pkg", "--id", id, "--otp", fake.otp("alice"), "--registry", registry));
    assertThat(fake.trustSettings("demo-pkg")).isEmpty();

    String session = Files.readString(home.resolve(".npmrc")).replaceAll("(?s).*_authToken=(\\S+).*", "$1");
    assertThat(ok(npmauth(Map.of(), "logout", "--registry", registry))).contains("Logged out of " + registry);
    assertThat(fake.tokenWorks(session)).isFalse();
    assertThat(Files.readString(home.resolve(".npmrc"))).doesNotContain("_authToken");

    Future<Processes.Result> web = background.submit(() -> npmauth(Map.of(), "login", "--web", "--registry", registry));
    approveWhenPending(web);
    assertThat(ok(web.get(2, TimeUnit.MINUTES))).contains("Login at:", "Logged in as alice");
  }
}
