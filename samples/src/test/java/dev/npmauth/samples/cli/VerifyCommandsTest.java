package dev.npmauth.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify-bundle} and offline {@code verify} on the shared conformance data. */
class VerifyCommandsTest {
  private static final String ID = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon"
      + "/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
  private static final String ISSUER = "https://token.actions.githubusercontent.com";
  private static final String A_TXT_SHA256 = "sha256:a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";

  @TempDir
  Path dir;

  record Run(int exit, String out, String err) {
  }

  private static Path shared() {
    Path p = Path.of(System.getProperty("npmauth.shared", "../../shared"), "conformance");
    assumeTrue(Files.isDirectory(p), "shared conformance data not found at " + p);
    return p;
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = NpmauthCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void verifyBundleFollowsTheConformanceProtocolWithAFileOrADigest() {
    Path s = shared().resolve("sigstore");
    String bundle = s.resolve("cases/happy-path-v0.3/bundle.sigstore.json").toString();
    String root = s.resolve("common/production.trusted_root.json").toString();

    Run file = run("verify-bundle", "--bundle", bundle, "--certificate-identity", ID,
        "--certificate-oidc-issuer", ISSUER, "--trusted-root", root, s.resolve("common/a.txt").toString());
    Run digest = run("verify-bundle", "--bundle", bundle, "--certificate-identity", ID,
        "--certificate-oidc-issuer", ISSUER, "--trusted-root", root, A_TXT_SHA256);
    Run wrongIdentity = run("verify-bundle", "--bundle", bundle, "--certificate-identity", ID + "x",
        "--certificate-oidc-issuer", ISSUER, "--trusted-root", root, A_TXT_SHA256);
    Run wrongDigest = run("verify-bundle", "--bundle", bundle, "--certificate-identity", ID,
        "--certificate-oidc-issuer", ISSUER, "--trusted-root", root, A_TXT_SHA256.replace("a0cf", "a0ce"));

    assertThat(file.exit()).as(file.err()).isZero();
    assertThat(digest.exit()).as(digest.err()).isZero();
    assertThat(wrongIdentity.exit()).isEqualTo(1);
    assertThat(wrongIdentity.err()).contains("FAILED: IDENTITY_POLICY");
    assertThat(wrongDigest.exit()).isEqualTo(1);
    assertThat(wrongDigest.err()).contains("FAILED:");
  }

  @Test
  void verifyBundleWithAManagedKeyAndUsageErrors() {
    Path s = shared().resolve("sigstore");
    Run key = run("verify-bundle", "--bundle", s.resolve("cases/managed-key-happy-path/bundle.sigstore.json").toString(),
        "--key", s.resolve("cases/managed-key-happy-path/key.pub").toString(),
        "--trusted-root", s.resolve("common/production.trusted_root.json").toString(), A_TXT_SHA256);
    Run both = run("verify-bundle", "--bundle", "b.json", "--key", "k.pub", "--certificate-identity", ID,
        "--certificate-oidc-issuer", ISSUER, A_TXT_SHA256);
    Run missing = run("verify-bundle", "--bundle", dir.resolve("none.json").toString(), "--key", "k.pub", A_TXT_SHA256);

    assertThat(key.exit()).as(key.err()).isZero();
    assertThat(both.exit()).isEqualTo(2);
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("FAILED: cannot read");
  }

  @Test
  void verifyOfflineFromTheRegistrysDocuments() {
    Path n = shared().resolve("npm");
    String[] common = {"--packument", n.resolve("packages/sigstore-1.0.0.json").toString(),
        "--keys", n.resolve("keys/public-registry.keys.json").toString(),
        "--attestations", n.resolve("attestations/sigstore-1.0.0.json").toString(),
        "--trusted-root", n.resolve("trusted-roots/production.trusted_root.json").toString()};

    Run ok = run(concat(new String[] {"verify", "sigstore@1.0.0", "--repository", "https://github.com/sigstore/sigstore-js"}, common));
    Run noRepository = run(concat(new String[] {"verify", "sigstore@1.0.0"}, common));
    Run otherWorkflow = run(concat(new String[] {"verify", "sigstore@1.0.0", "--repository",
        "https://github.com/sigstore/sigstore-js", "--workflow", ".github/workflows/other.yml"}, common));
    Run noKeys = run("verify", "--packument", n.resolve("packages/sigstore-1.0.0.json").toString(),
        "--attestations", n.resolve("attestations/sigstore-1.0.0.json").toString(), "--accept-any-identity",
        "--trusted-root", n.resolve("trusted-roots/production.trusted_root.json").toString());

    assertThat(ok.exit()).as(ok.out()).isZero();
    assertThat(ok.out()).contains("PASSED  NPM_REGISTRY_SIGNATURE", "PASSED  NPM_ATTESTATIONS", "\nverified\n");
    assertThat(noRepository.exit()).isEqualTo(1);
    assertThat(noRepository.out()).contains("NOT verified: NPM_PROVENANCE_POLICY");
    assertThat(otherWorkflow.exit()).isEqualTo(1);
    assertThat(otherWorkflow.out()).contains("expected .github/workflows/other.yml");
    // without the registry's keys the signature names an unknown key, and the publish attestation too
    assertThat(noKeys.exit()).isEqualTo(1);
    assertThat(noKeys.out()).contains("FAILED  NPM_REGISTRY_SIGNATURE", "no corresponding public key");
  }

  @Test
  void verifyOnlineNeedsNameAndVersion() {
    Run r = run("verify", "sigstore");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("NAME@VERSION");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
