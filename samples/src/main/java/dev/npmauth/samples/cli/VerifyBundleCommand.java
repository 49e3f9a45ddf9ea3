package dev.npmauth.samples.cli;

import dev.npmauth.provenance.Artifact;
import dev.npmauth.provenance.PublicKeyMaterial;
import dev.npmauth.provenance.TrustedRoot;
import dev.npmauth.provenance.TrustedRootException;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.provenance.VerificationPolicy;
import dev.npmauth.provenance.VerificationResult;
import dev.npmauth.provenance.Verifiers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code npmauth verify-bundle}, exactly as the sigstore-conformance CLI protocol calls a client:
 * {@code verify-bundle [--staging] --bundle FILE (--certificate-identity ID
 * --certificate-oidc-issuer URL | --key FILE) [--trusted-root FILE] FILE_OR_DIGEST}.
 */
@Command(name = "verify-bundle", mixinStandardHelpOptions = true,
    description = {"Verify a Sigstore bundle (sigstore-conformance CLI protocol).",
        "Exit code 0 when the bundle verifies, 1 when it does not (the failed check is printed), 2 for usage errors."})
final class VerifyBundleCommand implements Callable<Integer> {
  private static final Pattern DIGEST = Pattern.compile("(sha256|sha384|sha512):[0-9a-fA-F]+");

  @Option(names = "--staging", description = "Use the embedded public-good staging trusted root.")
  boolean staging;

  @Option(names = "--bundle", required = true, paramLabel = "FILE", description = "The bundle JSON.")
  Path bundle;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Signer signer;

  static final class Signer {
    @ArgGroup(exclusive = false)
    Identity identity;

    @Option(names = "--key", paramLabel = "FILE", description = "A PEM public key file (managed-key bundles).")
    String key;
  }

  static final class Identity {
    @Option(names = "--certificate-identity", required = true, paramLabel = "ID",
        description = "The exact subject alternative name of the signing certificate.")
    String identity;

    @Option(names = "--certificate-oidc-issuer", required = true, paramLabel = "URL",
        description = "The exact OIDC issuer of the signing certificate.")
    String issuer;
  }

  @Option(names = "--trusted-root", paramLabel = "FILE", description = "A trusted_root.json to use instead of the embedded one.")
  Path trustedRoot;

  @Parameters(index = "0", paramLabel = "FILE_OR_DIGEST",
      description = "The artifact file, or its digest as sha256:<hex>.")
  String artifact;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      TrustedRoot root = trustedRoot != null ? TrustedRoots.fromFile(trustedRoot)
          : staging ? TrustedRoots.publicGoodStaging() : TrustedRoots.publicGoodProduction();
      VerificationPolicy policy = signer.key != null
          ? VerificationPolicy.publicKey(PublicKeyMaterial.fromPem(readKey(signer.key)))
          : VerificationPolicy.keyless(signer.identity.issuer, signer.identity.identity);
      Artifact subject = DIGEST.matcher(artifact).matches() ? Artifact.ofDigest(artifact.toLowerCase(java.util.Locale.ROOT))
          : Artifact.ofFile(Path.of(artifact));
      VerificationResult result = Verifiers.bundleVerifier(root)
          .verify(Files.readAllBytes(bundle), subject, policy);
      if (result.verified()) {
        out.println("OK: " + bundle + " verified"
            + result.certificate().map(c -> " (signed by " + c.subjectAlternativeName() + ")").orElse(""));
        return 0;
      }
      err.println("FAILED: " + result.failedCheck().map(c -> c.name() + ": " + c.detail())
          .orElse("no check passed"));
      return 1;
    } catch (IOException e) {
      err.println("FAILED: cannot read " + e.getMessage());
      return 1;
    } catch (TrustedRootException | IllegalArgumentException e) {
      err.println("FAILED: " + e.getMessage());
      return 1;
    }
  }

  private static String readKey(String key) throws IOException {
    if (key.startsWith("-----BEGIN")) {
      return key;
    }
    return Files.readString(Path.of(key), StandardCharsets.US_ASCII);
  }
}
