package dev.npmauth.impl.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.Credential;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.Secret;
import dev.npmauth.impl.testing.MutableClock;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.registry.RegistryUnreachableException;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.IssuedToken;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.testkit.UserSpec;
import dev.npmauth.tokens.CreatedToken;
import dev.npmauth.tokens.RotationListener;
import dev.npmauth.tokens.RotationOptions;
import dev.npmauth.tokens.RotationResult;
import dev.npmauth.tokens.RotationStatus;
import dev.npmauth.tokens.RotationStep;
import dev.npmauth.tokens.SecretStore;
import dev.npmauth.tokens.TokenPermission;
import dev.npmauth.tokens.TokenRequest;
import dev.npmauth.tokens.TokenRotationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Token rotation against the fake: the replacement has the old token's rights, the old token is
 * revoked only after the replacement is stored and verified, and a run stopped after any step (or
 * while creating) resumes with exactly one live replacement. On every request the fake receives,
 * at least one of the two tokens works.
 */
@Tag("fake")
class TokenRotationFakeTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Secret PASSWORD = Secret.of("correct horse battery");

  @TempDir
  Path dir;

  private MutableClock clock;
  private FakeRegistry fake;
  private NpmRegistryClient client;
  private CreatedToken old;
  private Path storeFile;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicReference<SecretStore> watchedStore = new AtomicReference<>();

  @BeforeEach
  void start() {
    clock = new MutableClock(NOW);
    AtomicReference<FakeRegistry> self = new AtomicReference<>();
    fake = FakeRegistry.builder().clock(clock).onRequest(r -> checkSomeTokenWorks(self.get(), r)).start();
    self.set(fake);
    fake.createUser(UserSpec.of("alice", PASSWORD.reveal()));
    client = TestClients.builder(fake, Map.of()).clock(clock).build();
    Credential session = Credential.session(Secret.of(fake.loginSession("alice")), NOW);
    old = client.tokens().create(session, TokenRequest.builder(PASSWORD).name("ci").description("publish from CI")
        .packages("demo-pkg").scopes("@acme").packagesAndScopesPermission(TokenPermission.READ_WRITE)
        .expiresInDays(10).cidr("127.0.0.0/8").bypass2fa().build());
    storeFile = dir.resolve("secrets/npm-token");
    clock.advance(Duration.ofDays(5));
    fake.clearJournal();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
    assertThat(violations).as("moments without a working token").isEmpty();
  }

  /** Runs on the fake's threads after each request: the old token or the stored one must work. */
  private void checkSomeTokenWorks(FakeRegistry registry, RecordedRequest request) {
    if (registry == null || old == null) {
      return;
    }
    SecretStore store = watchedStore.get();
    boolean stored = store != null && store.read().map(t -> registry.tokenWorks(t.reveal())).orElse(false);
    if (!registry.tokenWorks(old.token().reveal()) && !stored) {
      violations.add("after " + request);
    }
  }

  private RotationOptions.Builder options(SecretStore store) {
    watchedStore.set(store);
    return RotationOptions.builder(old.token(), PASSWORD, store, dir.resolve("rotation.json"))
        .renewWithin(Duration.ofDays(7)).overlap(Duration.ofHours(1));
  }

  private List<IssuedToken> liveReplacements() {
    return fake.tokensOf("alice").stream().filter(t -> t.name().orElse("").startsWith("ci-rotated-")).toList();
  }

  private long tokenCreations() {
    return fake.journal().stream().filter(r -> r.method().equals("POST") && r.path().equals("/-/npm/v1/tokens")).count();
  }

  @Test
  void replacementGetsTheSameRightsAndTheOldTokenLivesUntilTheOverlapEnds() throws Exception {
    SecretStore store = SecretStore.file(storeFile);
    List<RotationStep> steps = new CopyOnWriteArrayList<>();
    RotationResult first = client.tokens().rotate(options(store).listener(steps::add).build());
    assertThat(first.status()).isEqualTo(RotationStatus.AWAITING_OVERLAP);
    assertThat(steps).containsExactly(RotationStep.PLAN, RotationStep.CREATE, RotationStep.STORE, RotationStep.VERIFY);
    assertThat(first.revokeAfter()).hasValue(clock.instant().plus(Duration.ofHours(1)));
    Secret replacement = store.read().orElseThrow();
    assertThat(fake.tokenWorks(old.token().reveal())).isTrue();
    assertThat(fake.tokenWorks(replacement.reveal())).isTrue();

    IssuedToken before = fake.tokensOf("alice").stream().filter(t -> t.key().equals(old.key().get())).findFirst().orElseThrow();
    IssuedToken after = liveReplacements().get(0);
    assertThat(after.packages()).isEqualTo(before.packages());
    assertThat(after.scopes()).isEqualTo(before.scopes());
    assertThat(after.cidrs()).isEqualTo(before.cidrs());
    assertThat(after.readOnly()).isEqualTo(before.readOnly());
    assertThat(after.bypass2fa()).isEqualTo(before.bypass2fa());
    assertThat(after.description()).isEqualTo(before.description());
    assertThat(after.expires()).hasValue(clock.instant().plus(Duration.ofDays(10)));

    clock.advance(Duration.ofMinutes(30));
    assertThat(client.tokens().rotate(options(store).build()).status()).isEqualTo(RotationStatus.AWAITING_OVERLAP);
    clock.advance(Duration.ofMinutes(31));
    RotationResult done = client.tokens().rotate(options(store).listener(steps::add).build());
    assertThat(done.status()).isEqualTo(RotationStatus.ROTATED);
    assertThat(done.stepsDone()).containsExactly(RotationStep.REVOKE_OLD);
    assertThat(fake.tokenWorks(old.token().reveal())).isFalse();
    assertThat(fake.tokenWorks(replacement.reveal())).isTrue();
    assertThat(tokenCreations()).isEqualTo(1);

    String journal = Files.readString(dir.resolve("rotation.json"));
    assertThat(journal).contains("\"state\":\"DONE\"").doesNotContain(replacement.reveal())
        .doesNotContain(old.token().reveal()).doesNotContain(PASSWORD.reveal());
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(storeFile))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("rotation.json"))))
          .isEqualTo("rw-------");
    }
  }

  @ParameterizedTest
  @EnumSource(RotationStep.class)
  void aRunStoppedAfterAnyStepResumesWithExactlyOneReplacement(RotationStep crashAfter) {
    SecretStore store = SecretStore.file(storeFile);
    RotationListener crash = step -> {
      if (step == crashAfter) {
        throw new IllegalStateException("simulated crash after " + step);
      }
    };
    List<RotationStep> firstRun = new CopyOnWriteArrayList<>();
    assertThatThrownBy(() -> client.tokens().rotate(options(store).overlap(Duration.ZERO)
        .listener(step -> {
          firstRun.add(step);
          crash.afterStep(step);
        }).build())).hasMessageContaining("simulated crash");
    assertThat(firstRun).endsWith(crashAfter);
    if (crashAfter.ordinal() < RotationStep.REVOKE_OLD.ordinal()) {
      assertThat(fake.tokenWorks(old.token().reveal())).as("the old token is kept until revocation").isTrue();
    }

    List<RotationStep> secondRun = new CopyOnWriteArrayList<>();
    RotationResult result = client.tokens().rotate(options(store).overlap(Duration.ZERO).listener(step -> {
      if (step == RotationStep.REVOKE_OLD) {
        assertThat(firstRun.size() + secondRun.size()).as("every earlier step was done first").isEqualTo(4);
      }
      secondRun.add(step);
    }).build());

    assertThat(result.status()).isEqualTo(RotationStatus.ROTATED);
    assertThat(firstRun.size() + secondRun.size()).isEqualTo(RotationStep.values().length);
    assertThat(tokenCreations()).as("POST /-/npm/v1/tokens").isEqualTo(1);
    assertThat(liveReplacements()).hasSize(1);
    assertThat(fake.tokenWorks(old.token().reveal())).isFalse();
    assertThat(fake.tokenWorks(store.read().orElseThrow().reveal())).isTrue();
  }

  @Test
  void aLostCreateAnswerLeavesAnUnusableTokenThatTheNextRunRevokesBeforeCreatingOne() {
    SecretStore store = SecretStore.file(storeFile);
    fake.inject(Fault.on("POST", "/-/npm/v1/tokens").dropResponse());
    assertThatThrownBy(() -> client.tokens().rotate(options(store).build()))
        .isInstanceOf(RegistryUnreachableException.class);
    assertThat(liveReplacements()).hasSize(1);
    assertThat(store.read()).isEmpty();

    RotationResult result = client.tokens().rotate(options(store).overlap(Duration.ZERO).build());
    assertThat(result.status()).isEqualTo(RotationStatus.ROTATED);
    assertThat(result.plan()).anyMatch(line -> line.contains("whose creation was interrupted"));
    assertThat(liveReplacements()).singleElement()
        .satisfies(t -> assertThat(t.key()).isEqualTo(result.newKey().orElseThrow()));
    assertThat(fake.tokenWorks(store.read().orElseThrow().reveal())).isTrue();
    assertThat(fake.tokenWorks(old.token().reveal())).isFalse();
  }

  @Test
  void aTokenOutsideTheWindowIsNotDueAndADryRunChangesNothing() {
    SecretStore store = SecretStore.file(storeFile);
    RotationResult notDue = client.tokens().rotate(options(store).renewWithin(Duration.ofDays(1)).build());
    assertThat(notDue.status()).isEqualTo(RotationStatus.NOT_DUE);
    assertThat(notDue.plan()).singleElement().asString().contains("nothing to do");

    RotationResult dry = client.tokens().rotate(options(store).dryRun(true).build());
    assertThat(dry.status()).isEqualTo(RotationStatus.DRY_RUN);
    assertThat(dry.plan()).hasSize(5);
    assertThat(dry.plan().get(0)).contains("replace token " + old.key().get(), "packages=[demo-pkg]",
        "expires in 10 days").doesNotContain(PASSWORD.reveal());
    assertThat(dry.plan()).anyMatch(l -> l.contains("file " + storeFile.toAbsolutePath()));
    assertThat(Files.exists(dir.resolve("rotation.json"))).isFalse();
    assertThat(tokenCreations()).isZero();
  }

  @Test
  void aStoreThatCannotReadBackKeepsTheReplacementInTheJournalUntilDone() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    SecretStore exports = SecretStore.exportLine("NPM_TOKEN", new PrintStream(printed, true, StandardCharsets.UTF_8));
    RotationOptions crashing = options(exports).overlap(Duration.ZERO).listener(step -> {
      if (step == RotationStep.STORE) {
        throw new IllegalStateException("simulated crash after " + step);
      }
    }).build();
    watchedStore.set(printedToken(printed));
    assertThatThrownBy(() -> client.tokens().rotate(crashing)).hasMessageContaining("simulated crash");
    String line = printed.toString(StandardCharsets.UTF_8).strip();
    assertThat(line).matches("export NPM_TOKEN='[^']+'");
    String replacement = line.substring("export NPM_TOKEN='".length(), line.length() - 1);
    assertThat(Files.readString(dir.resolve("rotation.json"))).contains(replacement);

    RotationOptions resumed = options(exports).overlap(Duration.ZERO).build();
    watchedStore.set(printedToken(printed));
    RotationResult result = client.tokens().rotate(resumed);
    assertThat(result.status()).isEqualTo(RotationStatus.ROTATED);
    assertThat(Files.readString(dir.resolve("rotation.json"))).doesNotContain(replacement);
    assertThat(fake.tokenWorks(replacement)).isTrue();
    assertThat(fake.tokenWorks(old.token().reveal())).isFalse();
  }

  /** A read-only view of what an export-line store printed, for the invariant watcher only. */
  private static SecretStore printedToken(ByteArrayOutputStream printed) {
    return new SecretStore() {
      @Override
      public void store(Secret secret) {
        throw new UnsupportedOperationException("a view");
      }

      @Override
      public java.util.Optional<Secret> read() {
        String text = printed.toString(StandardCharsets.UTF_8).strip();
        String prefix = "export NPM_TOKEN='";
        return text.startsWith(prefix) && text.endsWith("'")
            ? java.util.Optional.of(Secret.of(text.substring(prefix.length(), text.length() - 1)))
            : java.util.Optional.empty();
      }

      @Override
      public String describe() {
        return "printed export line";
      }
    };
  }

  @Test
  void aReplacementThatStoppedWorkingIsNotFollowedByRevokingTheOldToken() {
    SecretStore store = SecretStore.file(storeFile);
    RotationResult first = client.tokens().rotate(options(store).build());
    assertThat(first.status()).isEqualTo(RotationStatus.AWAITING_OVERLAP);
    Credential session = Credential.session(Secret.of(fake.loginSession("alice")), clock.instant());
    client.tokens().revoke(session, first.newKey().orElseThrow(), dev.npmauth.session.TwoFactor.none());
    watchedStore.set(null);
    clock.advance(Duration.ofHours(2));
    assertThatThrownBy(() -> client.tokens().rotate(options(store).build()))
        .isInstanceOf(TokenRotationException.class).hasMessageContaining("does not work")
        .hasMessageContaining("was kept");
    assertThat(fake.tokenWorks(old.token().reveal())).isTrue();
  }

  @Test
  void aJournalOfAnotherRotationIsNotTouched() {
    SecretStore store = SecretStore.file(storeFile);
    assertThat(client.tokens().rotate(options(store).build()).status()).isEqualTo(RotationStatus.AWAITING_OVERLAP);
    Credential session = Credential.session(Secret.of(fake.loginSession("alice")), clock.instant());
    CreatedToken other = client.tokens().create(session, TokenRequest.builder(PASSWORD)
        .packagesAndScopesPermission(TokenPermission.READ_WRITE).expiresInDays(2).build());
    assertThatThrownBy(() -> client.tokens().rotate(RotationOptions.builder(other.token(), PASSWORD, store,
        dir.resolve("rotation.json")).build()))
        .isInstanceOf(TokenRotationException.class).hasMessageContaining("another token");
  }

  @Test
  void waitingOutTheOverlapUsesTheSleeperAndTheClock() {
    SecretStore store = SecretStore.file(storeFile);
    List<Duration> waits = new CopyOnWriteArrayList<>();
    RotationResult result = client.tokens().rotate(options(store).overlap(Duration.ofMinutes(45)).waitForOverlap()
        .sleeper(d -> {
          waits.add(d);
          clock.advance(d);
        }).build());
    assertThat(result.status()).isEqualTo(RotationStatus.ROTATED);
    assertThat(waits).containsExactly(Duration.ofMinutes(45));
  }
}
