package dev.npmauth.samples.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.squareup.moshi.Moshi;
import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.provenance.Artifact;
import dev.npmauth.provenance.PublicKeyMaterial;
import dev.npmauth.provenance.TrustedRoot;
import dev.npmauth.provenance.TrustedRootException;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.provenance.VerificationPolicy;
import dev.npmauth.provenance.VerificationResult;
import dev.npmauth.provenance.Verifiers;
import dev.npmauth.publish.Access;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.GitHubRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sigstore-js ({@code @sigstore/verify} 4.1.3, pinned in {@code .ci/tools/package.json}), run by
 * node offline with each case's trusted root file, against npmauth on every case of the shared
 * Sigstore conformance manifest, case by case; and on the bundles our fake registry makes (its
 * publish attestation and a provenance bundle of its fake Sigstore).
 *
 * <p>The manifest records sigstore-js 4.1.3's outcome per case ({@code sigstoreJsLatest}). Where
 * that recording agrees with the expectation, sigstore-js and npmauth must agree. Where it does
 * not (today {@code trust-root-tlog-missing-validity-start_fail}: sigstore-js treats a tlog key
 * without {@code validFor.start} as valid from the beginning of time and accepts), this test
 * asserts exactly the recorded sigstore-js behaviour for the pinned version, and npmauth must
 * meet the expectation.
 */
@Tag("peer")
class SigstoreJsAgreementPeerIT {
  private static final String PINNED = "4.1.3";

  @TempDir
  Path work;

  private static Path shared() {
    Path root = Path.of(System.getProperty("npmauth.shared", "../../shared"), "conformance");
    assumeTrue(Files.isRegularFile(root.resolve("sigstore/manifest.json")),
        "shared conformance data not found at " + root + ": set -Dnpmauth.shared");
    return root;
  }

  @SuppressWarnings("unchecked")
  private static <T> T json(String text) throws Exception {
    return (T) new Moshi.Builder().build().adapter(Object.class).fromJson(text);
  }

  private static String toJson(Object value) {
    return new Moshi.Builder().build().adapter(Object.class).toJson(value);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> sigstoreJs(Path modules, List<Map<String, Object>> cases) throws Exception {
    Path script = NodePeers.script(work, "sigstore-js-verify.js");
    Path input = work.resolve("cases.json");
    Files.writeString(input, toJson(cases));
    Processes.Result r = NodePeers.node(NodePeers.nodeFor(modules).orElseThrow(), work,
        Map.of("SIGSTORE_MODULES", modules.toString(), "HOME", work.toString()), script, input.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    return (Map<String, Map<String, Object>>) (Map<?, ?>) NodePeers.lastJsonLine(r.output());
  }

  private static boolean npmauth(Path bundle, Artifact artifact, Path trustedRoot, VerificationPolicy policy,
      StringBuilder why) throws Exception {
    TrustedRoot root;
    try {
      root = TrustedRoots.parse(Files.readAllBytes(trustedRoot));
    } catch (TrustedRootException e) {
      why.append("TRUSTED_ROOT ").append(e.getMessage());
      return false;
    }
    VerificationResult result = Verifiers.bundleVerifier(root).verify(Files.readAllBytes(bundle), artifact, policy);
    result.failedCheck().ifPresent(c -> why.append(c.name()));
    return result.verified();
  }

  @Test
  @SuppressWarnings("unchecked")
  void sigstoreJsAgreesWithNpmauthOnEveryConformanceCase() throws Exception {
    Path modules = NodePeers.assumeSigstoreJs();
    Map<String, Object> pkg = json(Files.readString(modules.resolve("@sigstore/verify/package.json")));
    assertThat(pkg.get("version")).as("the pinned @sigstore/verify").isEqualTo(PINNED);
    Path base = shared().resolve("sigstore");
    List<Map<String, Object>> manifest = json(Files.readString(base.resolve("manifest.json")));
    List<Map<String, Object>> input = new ArrayList<>();
    for (Map<String, Object> c : manifest) {
      Map<String, Object> in = new LinkedHashMap<>();
      in.put("id", c.get("id"));
      in.put("bundle", base.resolve((String) c.get("bundle")).toString());
      if (c.get("artifact") != null) {
        in.put("artifact", base.resolve((String) c.get("artifact")).toString());
      }
      in.put("trustedRoot", base.resolve((String) c.get("trustedRoot")).toString());
      if (c.get("publicKey") != null) {
        in.put("publicKey", Files.readString(base.resolve((String) c.get("publicKey"))));
      } else {
        in.put("identity", c.get("certificateIdentity"));
        in.put("issuer", c.get("certificateOidcIssuer"));
      }
      input.add(in);
    }
    Map<String, Map<String, Object>> js = sigstoreJs(modules, input);

    List<String> problems = new ArrayList<>();
    StringBuilder table = new StringBuilder(String.format("%-58s %-6s %-11s %-9s %-9s %s%n",
        "case", "expect", "js recorded", "js " + PINNED, "npmauth", "note"));
    int agreed = 0;
    for (Map<String, Object> c : manifest) {
      String id = (String) c.get("id");
      boolean expectPass = "pass".equals(c.get("expect"));
      String recorded = (String) c.get("sigstoreJsLatest");
      Map<String, Object> jsResult = js.get(id);
      boolean jsPass = jsResult != null && "pass".equals(jsResult.get("outcome"));
      VerificationPolicy policy = c.get("publicKey") != null
          ? VerificationPolicy.publicKey(PublicKeyMaterial.fromPem(Files.readString(base.resolve((String) c.get("publicKey")))))
          : VerificationPolicy.keyless((String) c.get("certificateOidcIssuer"), (String) c.get("certificateIdentity"));
      Map<String, Object> digest = (Map<String, Object>) c.get("artifactDigest");
      Artifact artifact = c.get("artifact") != null ? Artifact.ofFile(base.resolve((String) c.get("artifact")))
          : Artifact.ofDigest(digest.get("algorithm") + ":" + digest.get("hex"));
      StringBuilder why = new StringBuilder();
      boolean ours = npmauth(base.resolve((String) c.get("bundle")), artifact,
          base.resolve((String) c.get("trustedRoot")), policy, why);
      String note;
      if (ours != expectPass) {
        problems.add(id + ": npmauth " + (ours ? "accepted" : "rejected (" + why + ")") + ", expected " + c.get("expect"));
      }
      if (recorded == null) {
        note = "no recording: must agree";
        if (jsPass != ours) {
          problems.add(id + ": sigstore-js " + (jsPass ? "accepted" : "rejected") + ", npmauth did not");
        }
      } else if ("pass".equals(recorded) == expectPass) {
        note = "";
        if (jsPass != ours) {
          problems.add(id + ": sigstore-js " + (jsPass ? "accepted" : "rejected: " + jsResult.get("message"))
              + ", npmauth " + (ours ? "accepted" : "rejected (" + why + ")"));
        } else {
          agreed++;
        }
      } else {
        note = "recorded disagreement: sigstore-js " + recorded + " as recorded for " + PINNED;
        if (jsPass != "pass".equals(recorded)) {
          problems.add(id + ": the manifest records sigstore-js " + PINNED + " as " + recorded
              + " but it " + (jsPass ? "accepted" : "rejected: " + jsResult.get("message")));
        }
      }
      table.append(String.format("%-58s %-6s %-11s %-9s %-9s %s%n", id, c.get("expect"), recorded,
          jsResult == null ? "missing" : jsResult.get("outcome"), ours ? "pass" : "fail", note));
    }
    System.out.println(table);
    assertThat(problems).as(table.toString()).isEmpty();
    System.out.println(agreed + " of " + manifest.size() + " cases: sigstore-js and npmauth agree and meet the expectation");
  }

  @Test
  @SuppressWarnings("unchecked")
  void sigstoreJsVerifiesTheFakeRegistrysPublishAttestationAndProvenance() throws Exception {
    Path modules = NodePeers.assumeSigstoreJs();
    byte[] tgz = PeerTarballs.withPackageJson("{\"name\":\"peer-widgets\",\"version\":\"1.0.0\","
        + "\"repository\":\"https://github.com/acme/widgets\"}");
    Path tgzFile = Files.write(work.resolve("peer-widgets-1.0.0.tgz"), tgz);
    try (FakeRegistry fake = FakeRegistry.start()) {
      String provenance = fake.provenanceBundle(tgz, "peer-widgets", "1.0.0", GitHubRun.of("acme/widgets", "release.yml"));
      try (NpmRegistryClient client = NpmRegistryClient.builder().registry(fake.url().toString())
          .environment(Environment.of(Map.of("NPM_TOKEN", fake.adminToken()))).npmConfig(NpmConfig.empty()).build()) {
        client.publisher().publish(PublishRequest.builder(tgzFile).access(Access.PUBLIC).provenanceBundle(provenance).build());
      }
      Path root = Files.writeString(work.resolve("fake-trusted-root.json"), fake.sigstoreTrustedRoot());
      Map<String, Object> response = json(fake.attestations("peer-widgets", "1.0.0").orElseThrow());
      List<Map<String, Object>> entries = (List<Map<String, Object>>) response.get("attestations");
      Path publish = Files.writeString(work.resolve("publish.sigstore.json"), toJson(entries.get(0).get("bundle")));
      Path prov = Files.writeString(work.resolve("provenance.sigstore.json"), toJson(entries.get(1).get("bundle")));
      String identity = "https://github.com/acme/widgets/.github/workflows/release.yml@refs/heads/main";
      String issuer = "https://token.actions.githubusercontent.com";

      Map<String, Map<String, Object>> js = sigstoreJs(modules, List.of(
          Map.of("id", "publish", "bundle", publish.toString(), "trustedRoot", root.toString(),
              "publicKey", fake.signingKey().pem()),
          Map.of("id", "provenance", "bundle", prov.toString(), "trustedRoot", root.toString(),
              "identity", identity, "issuer", issuer),
          Map.of("id", "provenance-other-identity", "bundle", prov.toString(), "trustedRoot", root.toString(),
              "identity", identity.replace("release.yml", "other.yml"), "issuer", issuer)));

      assertThat(js.get("publish")).as("sigstore-js on the publish attestation").containsEntry("outcome", "pass");
      assertThat(js.get("provenance")).as("sigstore-js on the provenance").containsEntry("outcome", "pass");
      assertThat(js.get("provenance-other-identity")).containsEntry("outcome", "fail");
      Artifact artifact = Artifact.ofDigest("sha512:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(tgz)));
      StringBuilder why = new StringBuilder();
      assertThat(npmauth(publish, artifact, root, VerificationPolicy.publicKey(PublicKeyMaterial.fromPem(fake.signingKey().pem())), why))
          .as(why.toString()).isTrue();
      assertThat(npmauth(prov, artifact, root, VerificationPolicy.keyless(issuer, identity), why)).as(why.toString()).isTrue();
    }
  }
}
