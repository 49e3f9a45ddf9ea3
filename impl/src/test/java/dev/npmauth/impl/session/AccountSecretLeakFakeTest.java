package dev.npmauth.impl.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.Credential;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.PackageName;
import dev.npmauth.Secret;
import dev.npmauth.impl.testing.CanaryScan;
import dev.npmauth.impl.testing.MutableClock;
import dev.npmauth.impl.testing.Tarballs;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.session.TwoFactor;
import dev.npmauth.session.WebLoginOptions;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.TwoFactorMode;
import dev.npmauth.testkit.UserSpec;
import dev.npmauth.tokens.AuditPolicy;
import dev.npmauth.tokens.CreatedToken;
import dev.npmauth.tokens.RotationOptions;
import dev.npmauth.tokens.SecretStore;
import dev.npmauth.tokens.TokenPermission;
import dev.npmauth.tokens.TokenRequest;
import dev.npmauth.trust.GitHubClaims;
import dev.npmauth.trust.TrustPermission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants canary passwords, one-time passwords, created tokens and session tokens, runs the
 * login, token, rotation and trust flows (successful and refused) with HTTP logging on, and scans
 * the logs, exception texts, printed values and the fake's journal for them.
 */
@Tag("fake")
class AccountSecretLeakFakeTest {
  @TempDir
  Path dir;

  @Test
  void noPasswordOtpOrTokenAppearsInLogsExceptionsPrintedValuesOrTheJournal() throws Exception {
    CanaryScan scan = CanaryScan.start();
    List<String> canaries = scan.canaries();
    List<String> otps = new ArrayList<>();
    List<String> seen = scan.seen();
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    String alicePassword = scan.canary("pw");
    String bobPassword = scan.canary("pw");
    try (scan; FakeRegistry fake = FakeRegistry.builder().clock(clock).tokenFactory(() -> scan.canary("token")).start();
        NpmRegistryClient client = TestClients.builder(fake, Map.of("HOME", dir.toString())).clock(clock).build()) {
      fake.createUser(UserSpec.of("alice", alicePassword));
      fake.createUser(UserSpec.of("bob", bobPassword).twoFactor(TwoFactorMode.AUTH_AND_WRITES));
      seen.add(UserSpec.of("carol", alicePassword).toString());

      // logins: web, legacy, refused, with and without OTP
      Credential web = client.sessions().webLogin(WebLoginOptions.opening(url -> fake.approveLogin("all", "alice")));
      seen.add(web.toString());
      Credential alice = client.sessions().legacyLogin("alice", Secret.of(alicePassword), TwoFactor.none());
      client.publisher().publish(PublishRequest.builder(Tarballs.simple(dir, "demo-pkg", "1.0.0"))
          .credentials(name -> new dev.npmauth.credentials.ResolvedCredential(alice,
              dev.npmauth.credentials.CredentialSource.NPMRC, List.of())).build());
      scan.collect(() -> client.sessions().legacyLogin("alice", Secret.of(scan.canary("wrong-pw")), TwoFactor.none()));
      scan.collect(() -> client.sessions().legacyLogin("bob", Secret.of(bobPassword), TwoFactor.none()));
      String wrongOtp = scan.canary("otp");
      scan.collect(() -> client.sessions().legacyLogin("bob", Secret.of(bobPassword), TwoFactor.code(Secret.of(wrongOtp))));
      Credential bob = client.sessions().legacyLogin("bob", Secret.of(bobPassword), TwoFactor.ask(c -> {
        seen.add(c.toString());
        String code = fake.otp("bob");
        otps.add(code);
        return Secret.of(code);
      }));
      seen.add(client.sessions().whoami(bob));

      // tokens: create, refused create, list, audit, revoke by value, unknown value
      TokenRequest request = TokenRequest.builder(Secret.of(alicePassword)).name("ci").packages("demo-pkg")
          .packagesAndScopesPermission(TokenPermission.READ_WRITE).expiresInDays(5).twoFactor(TwoFactor.code(Secret.of(wrongOtp)))
          .build();
      seen.add(request.toString());
      CreatedToken created = client.tokens().create(alice, request);
      seen.add(created.toString());
      seen.add(created.credential().toString());
      scan.collect(() -> client.tokens().create(bob, TokenRequest.builder(Secret.of(bobPassword)).build()));
      scan.collect(() -> client.tokens().create(alice, TokenRequest.builder(Secret.of(scan.canary("wrong-pw"))).build()));
      seen.add(client.tokens().list(alice).toString());
      seen.add(client.tokens().audit(alice, AuditPolicy.defaults()).renderTable());
      seen.add(client.tokens().audit(alice, AuditPolicy.defaults()).renderJson());
      CreatedToken throwaway = client.tokens().create(alice, TokenRequest.builder(Secret.of(alicePassword)).build());
      seen.add(client.tokens().revoke(alice, throwaway.token(), TwoFactor.none()).toString());
      scan.collect(() -> client.tokens().revoke(alice, scan.canary("unknown"), TwoFactor.none()));

      // rotation through a file store, with a crash, then to the end
      RotationOptions options = RotationOptions.builder(created.token(), Secret.of(alicePassword),
          SecretStore.file(dir.resolve("token")), dir.resolve("journal.json")).overlap(Duration.ZERO)
          .currentKey(created.key().orElseThrow())
          .listener(step -> {
            if (step.ordinal() == 1 && seen.stream().noneMatch(s -> s.contains("crash once"))) {
              seen.add("crash once");
              throw new IllegalStateException("simulated crash");
            }
          }).build();
      seen.add(options.toString());
      scan.collect(() -> client.tokens().rotate(options));
      seen.add(client.tokens().rotate(options).toString());
      seen.add(Files.readString(dir.resolve("journal.json")));

      // trust, with a wrong and a right OTP
      GitHubClaims claims = new GitHubClaims("acme/widgets", "release.yml", Optional.empty());
      scan.collect(() -> client.trust().create(bob, PackageName.of("demo-pkg"), claims, Set.of(TrustPermission.PUBLISH),
          TwoFactor.code(Secret.of(wrongOtp))));
      String code = fake.otp("bob");
      otps.add(code);
      scan.collect(() -> client.trust().create(bob, PackageName.of("demo-pkg"), claims, Set.of(TrustPermission.PUBLISH),
          TwoFactor.code(Secret.of(code))));

      // logout, and use after logout
      client.sessions().logout(web);
      scan.collect(() -> client.sessions().whoami(web));
      seen.add(fake.journal().toString());
      fake.journal().forEach(r -> seen.add(r.path() + " " + r.headers()));
    }

    assertThat(canaries).hasSizeGreaterThanOrEqualTo(12);
    assertThat(otps).hasSize(2);
    String everything = scan.everything();
    assertThat(everything).contains("--> POST", "auth=****", "otp=****", "/-/user/token/****", "Secret[****]",
        "one-time pass", "simulated crash", "BAD_CREDENTIALS");
    for (String canary : canaries) {
      assertThat(everything).as("a planted secret leaked").doesNotContain(canary);
    }
    for (String otp : otps) {
      assertThat(Pattern.compile("(?<![0-9A-Za-z])" + otp + "(?![0-9A-Za-z])").matcher(everything).find())
          .as("a one-time password leaked").isFalse();
    }
  }
}
