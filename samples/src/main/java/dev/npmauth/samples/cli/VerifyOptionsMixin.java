package dev.npmauth.samples.cli;

import dev.npmauth.provenance.ProvenancePolicy;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.verify.VerifyOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options {@code verify} and {@code audit} share: trust material and provenance policy. */
final class VerifyOptionsMixin {
  @Option(names = "--trusted-root", paramLabel = "FILE", defaultValue = "${env:NPMAUTH_TRUSTED_ROOT}",
      description = "A Sigstore trusted_root.json (default: $NPMAUTH_TRUSTED_ROOT when set, as the standalone fake"
          + " registry's --sigstore writes it, else the embedded public-good production root).")
  Path trustedRoot;

  @Option(names = "--repository", paramLabel = "URL",
      description = "The repository the provenance must come from (default: the package's repository field).")
  String repository;

  @Option(names = "--workflow", paramLabel = "PATH",
      description = "The workflow file the provenance must name, e.g. .github/workflows/release.yml.")
  String workflow;

  @Option(names = "--ref", paramLabel = "REF", description = "The git ref the provenance must name, e.g. refs/tags/v1.2.3.")
  String ref;

  @Option(names = "--builder", paramLabel = "ID", description = "The SLSA builder id the provenance must name.")
  String builder;

  @Option(names = "--require-attestations",
      description = "Fail versions without attestations (by default they are checked where present, like npm).")
  boolean requireAttestations;

  @Option(names = "--accept-any-identity",
      description = "Accept provenance from any signer when the package names no repository (npm's own behaviour).")
  boolean acceptAnyIdentity;

  VerifyOptions options() {
    ProvenancePolicy.Builder policy = ProvenancePolicy.builder();
    if (repository != null) {
      policy.repository(repository);
    }
    if (workflow != null) {
      policy.workflowPath(workflow);
    }
    if (ref != null) {
      policy.ref(ref);
    }
    if (builder != null) {
      policy.builderId(builder);
    }
    if (acceptAnyIdentity) {
      policy.acceptAnyIdentity();
    }
    VerifyOptions.Builder b = VerifyOptions.builder().policy(policy.build())
        .requireAttestations(requireAttestations);
    if (trustedRoot != null) {
      try {
        b.trustedRoot(TrustedRoots.fromFile(trustedRoot));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the trusted root " + trustedRoot + ": " + e.getMessage(), e);
      }
    }
    return b.build();
  }
}
