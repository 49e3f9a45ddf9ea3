package dev.npmauth.samples.cli;

import dev.npmauth.NpmRegistryClient;
import dev.npmauth.verify.PackageEvidence;
import dev.npmauth.verify.PackageVerification;
import dev.npmauth.verify.Verifications;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code npmauth verify <name>@<version>}: registry signatures, attestations and provenance. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify a published version: its registry signature (dist.signatures, keys from /-/npm/v1/keys),",
        "the registry's publish attestation and its SLSA provenance (Sigstore), and the provenance policy",
        "(the repository defaults to the package's repository field).",
        "Offline with --packument FILE (and --keys FILE, --attestations FILE, --trusted-root FILE): the shapes of the",
        "registry's answers. Exit code 0 when verified, 1 when anything failed."})
final class VerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME@VERSION",
      description = "The package version; offline it may be omitted (the manifest's version, or latest).")
  String spec;

  @Mixin
  RegistryOption registry;

  @Mixin
  VerifyOptionsMixin verify;

  @Option(names = "--packument", paramLabel = "FILE",
      description = "Verify offline: the packument (GET /<name>, full) or a version manifest.")
  Path packument;

  @Option(names = "--keys", paramLabel = "FILE", description = "Offline: the registry keys (GET /-/npm/v1/keys).")
  Path keys;

  @Option(names = "--attestations", paramLabel = "FILE",
      description = "Offline: the attestations (GET /-/npm/v1/attestations/<name>@<version>).")
  Path attestations;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec commandSpec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = commandSpec.commandLine().getOut();
    PackageSpec pkg = spec == null ? null : PackageSpec.parse(spec);
    PackageVerification result;
    if (packument != null) {
      Optional<String> version = pkg == null ? Optional.empty() : Optional.ofNullable(pkg.version());
      result = Verifications.offline(PackageEvidence.fromFiles(packument, version,
          Optional.ofNullable(keys), Optional.ofNullable(attestations)), verify.options());
      if (pkg != null && !pkg.name().equals(result.name()) && result.integrity().isPresent()) {
        out.print(result.render());
        commandSpec.commandLine().getErr().println("npmauth: the documents are about " + result.name()
            + ", not " + pkg.name());
        return 1;
      }
    } else {
      if (keys != null || attestations != null) {
        throw new CommandLine.ParameterException(commandSpec.commandLine(),
            "--keys and --attestations verify offline: give --packument FILE too");
      }
      if (pkg == null || pkg.version() == null || pkg.version().isBlank()) {
        throw new CommandLine.ParameterException(commandSpec.commandLine(),
            "give the package as NAME@VERSION, e.g. sigstore@2.3.1 (or --packument FILE to verify offline)");
      }
      try (NpmRegistryClient client = registry.client()) {
        result = client.verification().verify(pkg.name(), pkg.version(), verify.options());
      }
    }
    out.print(result.render());
    out.flush();
    return result.verified() ? 0 : 1;
  }
}
