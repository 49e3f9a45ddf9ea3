package dev.npmauth.samples.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.squareup.moshi.Moshi;
import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.provenance.sign.ProvenanceSubject;
import dev.npmauth.provenance.sign.SignedProvenance;
import dev.npmauth.publish.Access;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.publish.PublishResult;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.GitLabRun;
import dev.npmauth.testkit.TrustedPublisher;
import dev.npmauth.testkit.sigstore.FakeSigstore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real peers judge the provenance npmauth generates: sigstore-js ({@code @sigstore/verify}, pinned
 * in {@code .ci/tools/package.json}), run by node offline with the fake Sigstore's trusted root,
 * verifies the bundle npmauth signed and attached in a simulated GitHub Actions publish (and one
 * signed in a simulated GitLab job), and rejects tampered copies; and the npm CLI's own statement
 * builder (libnpmpublish {@code provenance.js}), fed the same job environment, makes the very
 * statement npmauth signs, byte for byte.
 */
@Tag("peer")
class SigstoreJsProvenancePeerIT {
  static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
  static final String WORKFLOW = "https://github.com/acme/widgets/.github/workflows/release.yml@refs/heads/main";
  static final String GITLAB_IDENTITY = "https://gitlab.com/acme/widgets//.gitlab-ci.yml@refs/heads/main";
  private static final Moshi MOSHI = new Moshi.Builder().build();

  @TempDir
  Path work;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) throws Exception {
    return (Map<String, Object>) MOSHI.adapter(Object.class).fromJson(text);
  }

  private static String toJson(Object value) {
    return MOSHI.adapter(Object.class).toJson(value);
  }

  private static Map<String, String> withSigstore(Map<String, String> job, FakeSigstore sigstore) {
    Map<String, String> env = new HashMap<>(job);
    env.put("NPMAUTH_FULCIO_URL", sigstore.fulcioUrl().toString());
    env.put("NPMAUTH_REKOR_URL", sigstore.rekorUrl().toString());
    return env;
  }

  private static NpmRegistryClient client(FakeRegistry fake, Map<String, String> env) {
    return NpmRegistryClient.builder().registry(fake.url().toString()).environment(Environment.of(env))
        .npmConfig(NpmConfig.empty()).build();
  }

  private Map<String, Map<String, Object>> sigstoreJs(Path modules, List<Map<String, Object>> cases) throws Exception {
    Path script = NodePeers.script(work, "sigstore-js-verify.js");
    Path input = Files.writeString(work.resolve("cases.json"), toJson(cases));
    Processes.Result r = NodePeers.node(NodePeers.nodeFor(modules).orElseThrow(), work,
        Map.of("SIGSTORE_MODULES", modules.toString(), "HOME", work.toString()), script, input.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> results = (Map<String, Map<String, Object>>) (Map<?, ?>) NodePeers.lastJsonLine(r.output());
    return results;
  }

  private static Map<String, Object> keyless(String id, Path bundle, Path root, String identity, String issuer) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", id);
    c.put("bundle", bundle.toString());
    c.put("trustedRoot", root.toString());
    c.put("identity", identity);
    c.put("issuer", issuer);
    return c;
  }

  @SuppressWarnings("unchecked")
  private Path tampered(String bundleJson, String name, java.util.function.Consumer<Map<String, Object>> change)
      throws Exception {
    Map<String, Object> bundle = json(bundleJson);
    change.accept(bundle);
    return Files.writeString(work.resolve(name + ".sigstore.json"), toJson(bundle));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> envelope(Map<String, Object> bundle) {
    return (Map<String, Object>) bundle.get("dsseEnvelope");
  }

  @Test
  @SuppressWarnings("unchecked")
  void sigstoreJsVerifiesNpmauthsProvenanceWithTheFakesTrustedRootAndRejectsTamperedCopies() throws Exception {
    Path modules = NodePeers.assumeSigstoreJs();
    Path tgz = Files.write(work.resolve("peer-widgets-1.0.0.tgz"), PeerTarballs.withPackageJson(
        "{\"name\":\"peer-widgets\",\"version\":\"1.0.0\",\"repository\":\"https://github.com/acme/widgets\"}"));
    try (FakeRegistry fake = FakeRegistry.builder().sigstore(true).start()) {
      FakeSigstore sigstore = fake.sigstore().orElseThrow();
      fake.trust(TrustedPublisher.github("peer-widgets", "acme/widgets", "release.yml"));
      PublishResult published;
      try (NpmRegistryClient client = client(fake, withSigstore(
          fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")), sigstore))) {
        published = client.publisher().publish(PublishRequest.builder(tgz).access(Access.PUBLIC).provenance(true).build());
      }
      SignedProvenance github = published.provenance().orElseThrow();
      SignedProvenance gitlab;
      try (NpmRegistryClient client = client(fake, withSigstore(
          fake.gitlabRun(GitLabRun.of("acme/widgets", ".gitlab-ci.yml")), sigstore))) {
        gitlab = client.provenanceSigner().sign(ProvenanceSubject.ofTarball("peer-widgets", "1.0.0", Files.readAllBytes(tgz)));
      }
      Path root = sigstore.trustedRootFile();
      // What the registry serves is what sigstore-js checks, as `npm audit signatures` would.
      List<Map<String, Object>> served = (List<Map<String, Object>>) json(
          fake.attestations("peer-widgets", "1.0.0").orElseThrow()).get("attestations");
      Path provenance = Files.writeString(work.resolve("provenance.sigstore.json"), toJson(served.get(1).get("bundle")));
      Path publishAttestation = Files.writeString(work.resolve("publish.sigstore.json"), toJson(served.get(0).get("bundle")));
      Path gitlabBundle = Files.writeString(work.resolve("gitlab.sigstore.json"), gitlab.bundleJson());
      assertThat(json(Files.readString(provenance))).isEqualTo(json(github.bundleJson()));

      Path statementChanged = tampered(github.bundleJson(), "statement", b -> {
        String statement = new String(Base64.getDecoder().decode((String) envelope(b).get("payload")), StandardCharsets.UTF_8);
        envelope(b).put("payload", Base64.getEncoder().encodeToString(
            statement.replace("peer-widgets@1.0.0", "peer-widgets@6.6.6").getBytes(StandardCharsets.UTF_8)));
      });
      Path signatureChanged = tampered(github.bundleJson(), "signature", b -> {
        Map<String, Object> sig = ((List<Map<String, Object>>) envelope(b).get("signatures")).get(0);
        byte[] bytes = Base64.getDecoder().decode((String) sig.get("sig"));
        bytes[bytes.length - 1] ^= 1;
        sig.put("sig", Base64.getEncoder().encodeToString(bytes));
      });
      Path certificateChanged = tampered(github.bundleJson(), "certificate", b -> {
        try {
          ((Map<String, Object>) b.get("verificationMaterial")).put("certificate",
              ((Map<String, Object>) json(gitlab.bundleJson()).get("verificationMaterial")).get("certificate"));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Path entryChanged = tampered(github.bundleJson(), "tlog", b -> {
        Map<String, Object> entry = ((List<Map<String, Object>>) ((Map<String, Object>) b.get("verificationMaterial"))
            .get("tlogEntries")).get(0);
        entry.put("integratedTime", String.valueOf(Long.parseLong((String) entry.get("integratedTime")) + 60));
      });

      Map<String, Object> publishCase = new LinkedHashMap<>();
      publishCase.put("id", "publish-attestation");
      publishCase.put("bundle", publishAttestation.toString());
      publishCase.put("trustedRoot", root.toString());
      publishCase.put("publicKey", fake.signingKey().pem());
      Map<String, Map<String, Object>> js = sigstoreJs(modules, List.of(
          keyless("provenance", provenance, root, WORKFLOW, GITHUB_ISSUER),
          keyless("gitlab", gitlabBundle, root, GITLAB_IDENTITY, "https://gitlab.com"),
          publishCase,
          keyless("other-workflow", provenance, root, WORKFLOW.replace("release.yml", "other.yml"), GITHUB_ISSUER),
          keyless("statement", statementChanged, root, WORKFLOW, GITHUB_ISSUER),
          keyless("signature", signatureChanged, root, WORKFLOW, GITHUB_ISSUER),
          keyless("certificate", certificateChanged, root, WORKFLOW, GITHUB_ISSUER),
          keyless("tlog", entryChanged, root, WORKFLOW, GITHUB_ISSUER)));
      System.out.println("sigstore-js: " + js);
      assertThat(js.get("provenance")).as("the published provenance").containsEntry("outcome", "pass");
      assertThat(js.get("gitlab")).as("GitLab provenance").containsEntry("outcome", "pass");
      assertThat(js.get("publish-attestation")).as("the registry's publish attestation, same root file")
          .containsEntry("outcome", "pass");
      for (String rejected : List.of("other-workflow", "statement", "signature", "certificate", "tlog")) {
        assertThat(js.get(rejected)).as(rejected).containsEntry("outcome", "fail");
      }
    }
  }

  @Test
  void theNpmClisOwnStatementBuilderMakesTheStatementNpmauthSigns() throws Exception {
    Optional<Path> npm = NodePeers.npmRoot();
    assumeTrue(npm.isPresent() && Processes.which("node").isPresent(),
        "the npm CLI (11.x) and node not found on PATH: this peer test runs npm's libnpmpublish");
    Path libnpmpublish = npm.get().resolve("node_modules/libnpmpublish");
    assumeTrue(Files.isRegularFile(libnpmpublish.resolve("lib/provenance.js")),
        "libnpmpublish/lib/provenance.js not found in " + npm.get());
    Path script = NodePeers.script(work, "npm-provenance-statement.js");
    ProvenanceSubject subject = ProvenanceSubject.ofTarball("@acme/widgets", "1.2.0",
        "tarball bytes".getBytes(StandardCharsets.UTF_8));
    // As libnpmpublish builds it: {name: npa.toPurl(spec), digest: {sha512: <hex>}}.
    String npmSubject = "{\"name\":\"" + subject.purl() + "\",\"digest\":{\"sha512\":\"" + subject.sha512() + "\"}}";
    try (FakeRegistry fake = FakeRegistry.builder().sigstore(true).start()) {
      Map<String, Map<String, String>> jobs = new LinkedHashMap<>();
      jobs.put("GitHub Actions", fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")));
      jobs.put("GitHub Actions, tag, self-hosted", fake.githubActionsRun(
          GitHubRun.of("acme/widgets", "publish.yaml").ref("refs/tags/v1.2.0").selfHosted(true)));
      jobs.put("GitLab", fake.gitlabRun(GitLabRun.of("acme/widgets", ".gitlab-ci.yml")));
      for (Map.Entry<String, Map<String, String>> job : jobs.entrySet()) {
        String ours;
        try (NpmRegistryClient client = client(fake, job.getValue())) {
          ours = client.provenanceSigner().statement(subject);
        }
        Map<String, String> env = new HashMap<>(job.getValue());
        env.put("HOME", work.toString());
        Processes.Result r = NodePeers.node("node", work, env, script, libnpmpublish.toString(), npmSubject);
        assertThat(r.exitCode()).as(r.output()).isZero();
        Map<String, Object> signed = NodePeers.lastJsonLine(r.output());
        assertThat(signed.get("payloadType")).isEqualTo("application/vnd.in-toto+json");
        assertThat(ours).as(job.getKey()).isEqualTo(signed.get("payload"));
      }
    }
  }
}
