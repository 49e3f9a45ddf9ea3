package dev.npmauth.impl.provenance.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.NpmRegistryClient;
import dev.npmauth.impl.json.Json;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.provenance.Artifact;
import dev.npmauth.provenance.BundleVerifier;
import dev.npmauth.provenance.CheckName;
import dev.npmauth.provenance.FulcioExtension;
import dev.npmauth.provenance.HashAlgorithm;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.provenance.VerificationPolicy;
import dev.npmauth.provenance.VerificationResult;
import dev.npmauth.provenance.Verifiers;
import dev.npmauth.provenance.sign.ProvenanceException;
import dev.npmauth.provenance.sign.ProvenanceFailure;
import dev.npmauth.provenance.sign.ProvenanceSubject;
import dev.npmauth.provenance.sign.SignedProvenance;
import dev.npmauth.provenance.sign.SigstoreInstance;
import dev.npmauth.testkit.CircleCiRun;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.GitLabRun;
import dev.npmauth.testkit.IdTokenSpec;
import dev.npmauth.testkit.sigstore.FakeSigstore;
import dev.npmauth.testkit.sigstore.LogEntry;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Keyless signing against the testkit's fake Sigstore, checked with npmauth's own verifier. */
@Tag("fake")
class ProvenanceSigningFakeTest {
  static final String GITHUB = "https://token.actions.githubusercontent.com";
  static final String WORKFLOW = "https://github.com/acme/widgets/.github/workflows/release.yml@refs/heads/main";
  static final byte[] TARBALL = "pretend this is a tarball".getBytes(StandardCharsets.UTF_8);
  static final ProvenanceSubject SUBJECT = ProvenanceSubject.ofTarball("@acme/widgets", "1.2.0", TARBALL);

  private FakeRegistry fake;
  private FakeSigstore sigstore;
  private BundleVerifier verifier;

  @BeforeEach
  void start() {
    fake = FakeRegistry.builder().sigstore(true).start();
    sigstore = fake.sigstore().orElseThrow();
    verifier = Verifiers.bundleVerifier(TrustedRoots.parse(sigstore.trustedRoot()));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private NpmRegistryClient client(Map<String, String> env) {
    return TestClients.builder(fake, env).sigstore(SigstoreInstance.of(sigstore.fulcioUrl(), sigstore.rekorUrl()))
        .build();
  }

  private static Artifact artifact() {
    return Artifact.ofDigest(HashAlgorithm.SHA2_512, HexFormat.of().parseHex(SUBJECT.sha512()));
  }

  private static VerificationPolicy workflowPolicy() {
    return VerificationPolicy.builder().issuer(GITHUB).subjectAlternativeName(WORKFLOW)
        .requireExtension(FulcioExtension.SOURCE_REPOSITORY_URI, "https://github.com/acme/widgets")
        .requireExtension(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/heads/main")
        .build();
  }

  private SignedProvenance signOnGitHub() {
    try (NpmRegistryClient client = client(fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")))) {
      return client.provenanceSigner().sign(SUBJECT);
    }
  }

  @Test
  void gitHubProvenanceVerifiesWithTheFakesTrustedRootAndTheWorkflowPolicy() throws Exception {
    SignedProvenance signed = signOnGitHub();

    VerificationResult result = verifier.verify(signed.bundleJson().getBytes(StandardCharsets.UTF_8), artifact(),
        workflowPolicy());
    assertThat(result.failedCheck()).as(result.toString()).isEmpty();
    assertThat(result.verified()).isTrue();
    assertThat(result.check(CheckName.SCT).orElseThrow().status().name()).isEqualTo("PASSED");
    assertThat(result.check(CheckName.TLOG_INCLUSION_PROOF).orElseThrow().status().name()).isEqualTo("PASSED");
    assertThat(result.check(CheckName.CHECKPOINT).orElseThrow().status().name()).isEqualTo("PASSED");
    assertThat(result.check(CheckName.SET).orElseThrow().status().name()).isEqualTo("PASSED");

    Map<String, Object> bundle = Json.readObject(signed.bundleJson());
    assertThat(bundle.get("mediaType")).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(signed.mediaType()).isEqualTo(bundle.get("mediaType"));
    assertThat(signed.predicateType()).isEqualTo("https://slsa.dev/provenance/v1");
    assertThat(signed.signerIdentity()).isEqualTo(WORKFLOW);
    assertThat(signed.rekorUrl()).isEqualTo(sigstore.rekorUrl());
    assertThat(signed.searchUrl()).isEmpty();
    Map<String, Object> envelope = Json.object(bundle, "dsseEnvelope").orElseThrow();
    assertThat(envelope.get("payloadType")).isEqualTo("application/vnd.in-toto+json");
    String payload = new String(Base64.getDecoder().decode((String) envelope.get("payload")), StandardCharsets.UTF_8);
    assertThat(payload).isEqualTo(signed.statementJson());
    Map<String, Object> statement = Json.readObject(payload);
    assertThat(statement.get("_type")).isEqualTo("https://in-toto.io/Statement/v1");
    assertThat(statement.get("subject")).isEqualTo(List.of(Map.of("name", "pkg:npm/%40acme/widgets@1.2.0",
        "digest", Map.of("sha512", SUBJECT.sha512()))));

    List<LogEntry> entries = sigstore.logEntries();
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).kind()).isEqualTo("dsse");
    assertThat(entries.get(0).index()).isEqualTo(signed.logIndex());
    assertThat(sigstore.issuedCertificates()).singleElement()
        .satisfies(c -> assertThat(c.subjectAlternativeName()).isEqualTo(WORKFLOW));
  }

  @Test
  void anotherWorkflowsPolicyRejectsTheBundle() {
    SignedProvenance signed = signOnGitHub();
    VerificationResult result = verifier.verify(signed.bundleJson().getBytes(StandardCharsets.UTF_8), artifact(),
        VerificationPolicy.keyless(GITHUB, WORKFLOW.replace("release.yml", "other.yml")));
    assertThat(result.verified()).isFalse();
    assertThat(result.failedCheck().orElseThrow().name()).isEqualTo(CheckName.IDENTITY_POLICY);
  }

  @Test
  void anotherTarballIsNotTheSubject() {
    SignedProvenance signed = signOnGitHub();
    VerificationResult result = verifier.verify(signed.bundleJson().getBytes(StandardCharsets.UTF_8),
        Artifact.ofBytes("another tarball".getBytes(StandardCharsets.UTF_8)), workflowPolicy());
    assertThat(result.verified()).isFalse();
    assertThat(result.failedCheck().orElseThrow().name()).isEqualTo(CheckName.ARTIFACT_DIGEST);
  }

  @Test
  void tamperedStatementFails() throws Exception {
    SignedProvenance signed = signOnGitHub();
    Map<String, Object> bundle = Json.readObject(signed.bundleJson());
    String changed = signed.statementJson().replace("refs/heads/main", "refs/heads/evil");
    assertThat(changed).isNotEqualTo(signed.statementJson());
    envelope(bundle).put("payload", Base64.getEncoder().encodeToString(changed.getBytes(StandardCharsets.UTF_8)));
    assertFailsAt(bundle, CheckName.TLOG_BODY_MATCHES);
  }

  @Test
  void tamperedSignatureFails() throws Exception {
    SignedProvenance signed = signOnGitHub();
    Map<String, Object> bundle = Json.readObject(signed.bundleJson());
    @SuppressWarnings("unchecked")
    Map<String, Object> sig = ((List<Map<String, Object>>) envelope(bundle).get("signatures")).get(0);
    sig.put("sig", flipLastByte((String) sig.get("sig")));
    assertFailsAt(bundle, CheckName.TLOG_BODY_MATCHES);
  }

  @Test
  void anotherCertificateOfTheSameWorkflowAndTimeFails() throws Exception {
    // A fixed clock gives both certificates the same validity, so only the key differs.
    fake.close();
    fake = FakeRegistry.builder().sigstore(true).clock(Clock.fixed(Instant.now(), ZoneOffset.UTC)).start();
    sigstore = fake.sigstore().orElseThrow();
    verifier = Verifiers.bundleVerifier(TrustedRoots.parse(sigstore.trustedRoot()));
    SignedProvenance first = signOnGitHub();
    SignedProvenance second = signOnGitHub();
    Map<String, Object> bundle = Json.readObject(first.bundleJson());
    assertThat(verify(bundle).failedCheck()).isEmpty();
    Map<String, Object> otherMaterial = Json.object(Json.readObject(second.bundleJson()), "verificationMaterial")
        .orElseThrow();
    material(bundle).put("certificate", otherMaterial.get("certificate"));
    assertFailsAt(bundle, CheckName.TLOG_BODY_MATCHES);
  }

  @Test
  void tamperedLogEntryFails() throws Exception {
    SignedProvenance signed = signOnGitHub();
    Map<String, CheckName> expected = Map.of("canonicalizedBody", CheckName.SET, "signedEntryTimestamp", CheckName.SET,
        "rootHash", CheckName.TLOG_INCLUSION_PROOF, "logIndex", CheckName.SET, "checkpoint", CheckName.CHECKPOINT);
    for (String field : expected.keySet()) {
      Map<String, Object> bundle = Json.readObject(signed.bundleJson());
      Map<String, Object> entry = tlogEntry(bundle);
      switch (field) {
        case "canonicalizedBody" -> {
          String body = new String(Base64.getDecoder().decode((String) entry.get("canonicalizedBody")),
              StandardCharsets.UTF_8);
          String changed = body.replaceFirst("\"value\":\"[0-9a-f]", "\"value\":\"x");
          assertThat(changed).isNotEqualTo(body);
          entry.put("canonicalizedBody", Base64.getEncoder().encodeToString(changed.getBytes(StandardCharsets.UTF_8)));
        }
        case "signedEntryTimestamp" -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> promise = (Map<String, Object>) entry.get("inclusionPromise");
          promise.put("signedEntryTimestamp", flipLastByte((String) promise.get("signedEntryTimestamp")));
        }
        case "rootHash" -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> proof = (Map<String, Object>) entry.get("inclusionProof");
          proof.put("rootHash", flipLastByte((String) proof.get("rootHash")));
        }
        case "checkpoint" -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> checkpoint = (Map<String, Object>) ((Map<String, Object>) entry.get("inclusionProof"))
              .get("checkpoint");
          String note = (String) checkpoint.get("envelope");
          String changed = note.replaceFirst("\nTimestamp: (\\d+)", "\nTimestamp: 1$1");
          assertThat(changed).isNotEqualTo(note);
          checkpoint.put("envelope", changed);
        }
        default -> entry.put("logIndex", String.valueOf(Long.parseLong((String) entry.get("logIndex")) + 1));
      }
      VerificationResult result = verify(bundle);
      assertThat(result.verified()).as("tampered " + field).isFalse();
      assertThat(result.failedCheck().orElseThrow().name()).as(field + ": " + result).isEqualTo(expected.get(field));
    }
  }

  @Test
  void aTimestampAuthorityAddsAVerifiedRfc3161Timestamp() throws Exception {
    SignedProvenance signed;
    try (NpmRegistryClient client = TestClients.builder(fake, fake.githubActionsRun(GitHubRun.of("acme/widgets",
        "release.yml"))).sigstore(SigstoreInstance.of(sigstore.fulcioUrl(), sigstore.rekorUrl())
        .withTimestampAuthority(sigstore.timestampAuthorityUrl())).build()) {
      signed = client.provenanceSigner().sign(SUBJECT);
    }
    Map<String, Object> bundle = Json.readObject(signed.bundleJson());
    @SuppressWarnings("unchecked")
    List<Object> stamps = (List<Object>) Json.object(material(bundle), "timestampVerificationData").orElseThrow()
        .get("rfc3161Timestamps");
    assertThat(stamps).hasSize(1);
    VerificationResult result = verify(bundle);
    assertThat(result.failedCheck()).as(result.toString()).isEmpty();
    assertThat(result.check(CheckName.TIMESTAMP_RFC3161).orElseThrow().status().name()).isEqualTo("PASSED");
    assertThat(result.timestamps()).hasSize(2);
  }

  @Test
  void gitLabProvenanceIsAnSlsaV02StatementSignedWithSigstoreIdToken() throws Exception {
    Map<String, String> job = fake.gitlabRun(GitLabRun.of("acme/widgets", ".gitlab-ci.yml"));
    assertThat(job).containsKey("SIGSTORE_ID_TOKEN");
    SignedProvenance signed;
    try (NpmRegistryClient client = client(job)) {
      signed = client.provenanceSigner().sign(SUBJECT);
    }
    String identity = "https://gitlab.com/acme/widgets//.gitlab-ci.yml@refs/heads/main";
    assertThat(signed.signerIdentity()).isEqualTo(identity);
    assertThat(signed.predicateType()).isEqualTo("https://slsa.dev/provenance/v0.2");
    Map<String, Object> statement = Json.readObject(signed.statementJson());
    assertThat(statement.get("_type")).isEqualTo("https://in-toto.io/Statement/v0.1");
    VerificationResult result = verifier.verify(signed.bundleJson().getBytes(StandardCharsets.UTF_8), artifact(),
        VerificationPolicy.builder().issuer("https://gitlab.com").subjectAlternativeName(identity)
            .requireExtension(FulcioExtension.SOURCE_REPOSITORY_URI, "https://gitlab.com/acme/widgets").build());
    assertThat(result.failedCheck()).as(result.toString()).isEmpty();
  }

  @Test
  void outsideGitHubAndGitLabThereIsNoProvenance() {
    try (NpmRegistryClient client = client(Map.of())) {
      assertThatThrownBy(() -> client.provenanceSigner().sign(SUBJECT)).isInstanceOfSatisfying(
          ProvenanceException.class, e -> assertThat(e.reason()).isEqualTo(ProvenanceFailure.UNSUPPORTED_CI));
    }
    Map<String, String> circle = fake.circleCiRun(CircleCiRun.of("9b8c2a42-6d6e-4f0f-8a9d-6f1f8f1c2a11",
        "0d6c5f0e-7a4b-4f6c-9b61-5a1f4b2c9e10", "1f5b0a2e-7d3c-4e6b-8a9f-2c4d6e8f0a12", "github.com/acme/widgets"));
    try (NpmRegistryClient client = client(circle)) {
      assertThatThrownBy(() -> client.provenanceSigner().sign(SUBJECT)).isInstanceOfSatisfying(
          ProvenanceException.class, e -> {
            assertThat(e.reason()).isEqualTo(ProvenanceFailure.UNSUPPORTED_CI);
            assertThat(e.getMessage()).contains("CircleCI");
          });
    }
    assertThat(sigstore.journal()).isEmpty();
  }

  @Test
  void gitHubJobWithoutIdTokenPermissionIsNamed() {
    Map<String, String> env = new HashMap<>(fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")));
    env.remove("ACTIONS_ID_TOKEN_REQUEST_URL");
    env.remove("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
    try (NpmRegistryClient client = client(env)) {
      assertThatThrownBy(() -> client.provenanceSigner().sign(SUBJECT)).isInstanceOfSatisfying(
          ProvenanceException.class, e -> {
            assertThat(e.reason()).isEqualTo(ProvenanceFailure.MISSING_ID_TOKEN_PERMISSION);
            assertThat(e.fix()).contains("id-token: write");
          });
    }
  }

  @Test
  void gitLabJobWithoutSigstoreIdTokenIsNamed() {
    Map<String, String> env = new HashMap<>(fake.gitlabRun(GitLabRun.of("acme/widgets", ".gitlab-ci.yml")));
    env.remove("SIGSTORE_ID_TOKEN");
    try (NpmRegistryClient client = client(env)) {
      assertThatThrownBy(() -> client.provenanceSigner().sign(SUBJECT)).isInstanceOfSatisfying(
          ProvenanceException.class, e -> assertThat(e.reason()).isEqualTo(ProvenanceFailure.NO_SIGSTORE_ID_TOKEN));
    }
  }

  @Test
  void fulcioRefusesATokenForAnotherAudienceAndTheMessageNeverShowsIt() {
    GitHubRun run = GitHubRun.of("acme/widgets", "release.yml");
    String npmAudienceToken = fake.idTokens().mint(IdTokenSpec.github(run));
    Map<String, String> env = new HashMap<>(fake.githubActionsRun(run));
    env.put("SIGSTORE_ID_TOKEN", npmAudienceToken);
    try (NpmRegistryClient client = client(env)) {
      assertThatThrownBy(() -> client.provenanceSigner().sign(SUBJECT)).isInstanceOfSatisfying(
          ProvenanceException.class, e -> {
            assertThat(e.reason()).isEqualTo(ProvenanceFailure.FULCIO_REFUSED);
            assertThat(e.status()).contains(401);
            assertThat(e.serviceMessage().orElseThrow()).contains("sigstore");
            assertThat(e.getMessage()).doesNotContain(npmAudienceToken).doesNotContain(npmAudienceToken.split("\\.")[2]);
          });
    }
    assertThat(sigstore.issuedCertificates()).isEmpty();
  }

  @Test
  void aTokenSignedWithAnUnknownKeyIsRefused() {
    GitHubRun run = GitHubRun.of("acme/widgets", "release.yml");
    Map<String, String> env = new HashMap<>(fake.githubActionsRun(run));
    env.put("SIGSTORE_ID_TOKEN", fake.idTokens().mint(IdTokenSpec.github(run).audience("sigstore").signedWithUnknownKey()));
    try (NpmRegistryClient client = client(env)) {
      assertThatThrownBy(() -> client.provenanceSigner().sign(SUBJECT)).isInstanceOfSatisfying(
          ProvenanceException.class, e -> {
            assertThat(e.reason()).isEqualTo(ProvenanceFailure.FULCIO_REFUSED);
            assertThat(e.serviceMessage().orElseThrow()).contains("signature");
          });
    }
  }

  @Test
  void rekorRefusalIsNamedWithItsStatus() {
    sigstore.inject(Fault.on("POST", "/rekor/api/v1/log/entries").status(400).body(
        "{\"code\":400,\"message\":\"entry rejected for the test\"}").always());
    assertThatThrownBy(this::signOnGitHub).isInstanceOfSatisfying(ProvenanceException.class, e -> {
      assertThat(e.reason()).isEqualTo(ProvenanceFailure.REKOR_REFUSED);
      assertThat(e.status()).contains(400);
      assertThat(e.serviceMessage()).contains("entry rejected for the test");
    });
  }

  @Test
  void aRekorEntryWhoseTimeNoInstantCanHoldIsAnUnexpectedResponse() {
    sigstore.inject(Fault.on("POST", "/rekor/api/v1/log/entries").status(201).body(
        "{\"24296fb24b8ad77a\":{\"body\":\"e30=\",\"logIndex\":1,"
            + "\"integratedTime\":99999999999999999}}").always());
    assertThatThrownBy(this::signOnGitHub).isInstanceOfSatisfying(ProvenanceException.class, e -> {
      assertThat(e.reason()).isEqualTo(ProvenanceFailure.UNEXPECTED_RESPONSE);
      assertThat(e.getMessage()).contains("integratedTime, 99999999999999999 seconds, is later than any time");
    });
  }

  @Test
  void aLostRekorAnswerIsRecoveredFromTheEntryAlreadyLogged() throws Exception {
    sigstore.inject(Fault.on("POST", "/rekor/api/v1/log/entries").dropResponse().once());
    SignedProvenance signed = signOnGitHub();
    assertThat(sigstore.logEntries()).hasSize(1);
    assertThat(sigstore.journal()).anySatisfy(r -> {
      assertThat(r.method()).isEqualTo("GET");
      assertThat(r.path()).startsWith("/rekor/api/v1/log/entries/");
    });
    assertThat(verify(Json.readObject(signed.bundleJson())).failedCheck()).isEmpty();
  }

  @Test
  void unreachableFulcioIsNamed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (NpmRegistryClient client = TestClients.builder(fake, fake.githubActionsRun(GitHubRun.of("acme/widgets",
        "release.yml"))).sigstore(SigstoreInstance.of(URI.create("http://127.0.0.1:" + port), sigstore.rekorUrl()))
        .build()) {
      assertThatThrownBy(() -> client.provenanceSigner().sign(SUBJECT)).isInstanceOfSatisfying(
          ProvenanceException.class, e -> assertThat(e.reason()).isEqualTo(ProvenanceFailure.FULCIO_UNREACHABLE));
    }
  }

  @Test
  void fulcioAndRekorComeFromTheEnvironmentWhenTheBuilderNamesNone() {
    Map<String, String> env = new HashMap<>(fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")));
    env.put("NPMAUTH_FULCIO_URL", sigstore.fulcioUrl().toString());
    env.put("NPMAUTH_REKOR_URL", sigstore.rekorUrl() + "/");
    try (NpmRegistryClient client = TestClients.client(fake, env)) {
      assertThat(client.provenanceSigner().sigstore()).isEqualTo(
          SigstoreInstance.of(sigstore.fulcioUrl(), sigstore.rekorUrl()));
      SignedProvenance signed = client.provenanceSigner().sign(SUBJECT);
      assertThat(signed.rekorUrl()).isEqualTo(sigstore.rekorUrl());
    }
    try (NpmRegistryClient client = TestClients.client(fake, Map.of())) {
      assertThat(client.provenanceSigner().sigstore()).isEqualTo(SigstoreInstance.publicGood());
    }
  }

  @Test
  void noIdTokenOrRequestTokenShowsUpInLogsResultsOrTheFakesJournal() {
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("dev.npmauth");
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        lines.add(r.getLoggerName() + " " + r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()));
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    java.util.logging.Level before = root.getLevel();
    root.setLevel(java.util.logging.Level.ALL);
    capture.setLevel(java.util.logging.Level.ALL);
    root.addHandler(capture);
    GitHubRun run = GitHubRun.of("acme/widgets", "release.yml");
    Map<String, String> job = fake.githubActionsRun(run);
    String requestToken = job.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
    String sigstoreToken = fake.idTokens().mint(IdTokenSpec.github(run).audience("sigstore"));
    List<String> seen = new java.util.ArrayList<>();
    try {
      try (NpmRegistryClient client = client(job)) {
        SignedProvenance signed = client.provenanceSigner().sign(SUBJECT);
        seen.add(signed.toString());
        seen.add(signed.bundleJson());
        seen.add(signed.statementJson());
      }
      Map<String, String> withToken = new HashMap<>(job);
      withToken.put("SIGSTORE_ID_TOKEN", sigstoreToken);
      sigstore.inject(Fault.on("POST", "/rekor/api/v1/log/entries").status(500).always());
      try (NpmRegistryClient client = client(withToken)) {
        client.provenanceSigner().sign(SUBJECT);
      } catch (ProvenanceException e) {
        seen.add(e.toString());
        seen.add(String.valueOf(e.getCause()));
      }
    } finally {
      root.removeHandler(capture);
      root.setLevel(before);
    }
    assertThat(lines).as("DEBUG logs were captured").isNotEmpty();
    seen.addAll(lines);
    fake.journal().forEach(r -> seen.add(r.toString() + " " + r.headers()));
    sigstore.journal().forEach(r -> seen.add(r.toString() + " " + r.headers()));
    for (String text : seen) {
      assertThat(text).doesNotContain(requestToken).doesNotContain(sigstoreToken)
          .doesNotContain(sigstoreToken.substring(sigstoreToken.lastIndexOf('.') + 1));
    }
  }

  private VerificationResult verify(Map<String, Object> bundle) {
    return verifier.verify(Json.write(bundle).getBytes(StandardCharsets.UTF_8), artifact(), workflowPolicy());
  }

  private void assertFailsAt(Map<String, Object> bundle, CheckName check) {
    VerificationResult result = verify(bundle);
    assertThat(result.verified()).as(result.toString()).isFalse();
    assertThat(result.failedCheck().orElseThrow().name()).as(result.toString()).isEqualTo(check);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> envelope(Map<String, Object> bundle) {
    return (Map<String, Object>) bundle.get("dsseEnvelope");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> material(Map<String, Object> bundle) {
    return (Map<String, Object>) bundle.get("verificationMaterial");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tlogEntry(Map<String, Object> bundle) {
    return ((List<Map<String, Object>>) material(bundle).get("tlogEntries")).get(0);
  }

  private static String flipLastByte(String base64) {
    byte[] b = Base64.getDecoder().decode(base64);
    b[b.length - 1] ^= 1;
    return Base64.getEncoder().encodeToString(b);
  }
}
