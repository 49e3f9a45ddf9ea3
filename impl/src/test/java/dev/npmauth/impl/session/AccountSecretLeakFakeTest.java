package dev.npmauth.impl.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.Credential;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.PackageName;
import dev.npmauth.Secret;
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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
    List<String> canaries = new ArrayList<>();
    List<String> otps = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    Logger root = Logger.getLogger("dev.npmauth");
    Level previous = root.getLevel();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        synchronized (seen) {
          seen.add(record.getMessage() + (record.getThrown() == null ? "" : stackTrace(record.getThrown())));
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    root.setLevel(Level.ALL);
    root.addHandler(capture);
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    String alicePassword = canary(canaries, "pw");
    String bobPassword = canary(canaries, "pw");
    try (FakeRegistry fake = FakeRegistry.builder().clock(clock).tokenFactory(() -> canary(canaries, "token")).start();
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
      collect(seen, () -> client.sessions().legacyLogin("alice", Secret.of(canary(canaries, "wrong-pw")), TwoFactor.none()));
      collect(seen, () -> client.sessions().legacyLogin("bob", Secret.of(bobPassword), TwoFactor.none()));
      String wrongOtp = canary(canaries, "otp");
      collect(seen, () -> client.sessions().legacyLogin("bob", Secret.of(bobPassword), TwoFactor.code(Secret.of(wrongOtp))));
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
      collect(seen, () -> client.tokens().create(bob, TokenRequest.builder(Secret.of(bobPassword)).build()));
      collect(seen, () -> client.tokens().create(alice, TokenRequest.builder(Secret.of(canary(canaries, "wrong-pw"))).build()));
      seen.add(client.tokens().list(alice).toString());
      seen.add(client.tokens().audit(alice, AuditPolicy.defaults()).renderTable());
      seen.add(client.tokens().audit(alice, AuditPolicy.defaults()).renderJson());
      CreatedToken throwaway = client.tokens().create(alice, TokenRequest.builder(Secret.of(alicePassword)).build());
      seen.add(client.tokens().revoke(alice, throwaway.token(), TwoFactor.none()).toString());
      collect(seen, () -> client.tokens().revoke(alice, canary(canaries, "unknown"), TwoFactor.none()));

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
      collect(seen, () -> client.tokens().rotate(options));
      seen.add(client.tokens().rotate(options).toString());
      seen.add(Files.readString(dir.resolve("journal.json")));

      // trust, with a wrong and a right OTP
      GitHubClaims claims = new GitHubClaims("acme/widgets", "release.yml", Optional.empty());
      collect(seen, () -> client.trust().create(bob, PackageName.of("demo-pkg"), claims, Set.of(TrustPermission.PUBLISH),
          TwoFactor.code(Secret.of(wrongOtp))));
      String code = fake.otp("bob");
      otps.add(code);
      collect(seen, () -> client.trust().create(bob, PackageName.of("demo-pkg"), claims, Set.of(TrustPermission.PUBLISH),
          TwoFactor.code(Secret.of(code))));

      // logout, and use after logout
      client.sessions().logout(web);
      collect(seen, () -> client.sessions().whoami(web));
      seen.add(fake.journal().toString());
      fake.journal().forEach(r -> seen.add(r.path() + " " + r.headers()));
    } finally {
      root.removeHandler(capture);
      root.setLevel(previous);
    }

    assertThat(canaries).hasSizeGreaterThanOrEqualTo(12);
    assertThat(otps).hasSize(2);
    String everything = String.join("\n", seen);
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

  private static String canary(List<String> canaries, String kind) {
    String value = "canary-" + kind + "-" + UUID.randomUUID();
    synchronized (canaries) {
      canaries.add(value);
    }
    return value;
  }

  private interface Action {
    void run() throws Exception;
  }

  private static void collect(List<String> seen, Action action) {
    try {
      action.run();
    } catch (Exception e) {
      seen.add(e.toString());
      seen.add(stackTrace(e));
    }
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
