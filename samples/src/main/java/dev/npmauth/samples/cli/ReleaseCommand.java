package dev.npmauth.samples.cli;

import dev.npmauth.NpmRegistryClient;
import dev.npmauth.publish.ReleaseReport;
import dev.npmauth.publish.ReleaseRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code npmauth release}: many packages, one release, in dependency order, resumable. */
@Command(name = "release", mixinStandardHelpOptions = true,
    description = {"Publish several packages (folders or tarballs) as one release.",
        "Every package is checked first (name, version not yet published, a credential for each);",
        "then they are published dependencies first, stopping at the first failure. Running the same",
        "release again resumes: versions already published with the same integrity are skipped.",
        "Exit code 0 when every package is published, 1 otherwise."})
final class ReleaseCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "PACKAGE", description = "Package folders or tarballs.")
  List<Path> packages;

  @Mixin
  RegistryOption registry;

  @Option(names = "--tag", paramLabel = "TAG", description = "The dist-tag for every package.")
  String tag;

  @Option(names = "--dry-run", description = "Make every check, publish nothing.")
  boolean dryRun;

  @Option(names = "--otp", paramLabel = "CODE", description = "A one-time password, for accounts with 2FA.")
  String otp;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    try (NpmRegistryClient client = registry.client()) {
      ReleaseReport report = client.releaser().release(new ReleaseRequest(packages, Optional.ofNullable(tag),
          Optional.empty(), Otp.provider(otp), dryRun));
      spec.commandLine().getOut().print(report.render());
      spec.commandLine().getOut().flush();
      return report.succeeded() ? 0 : 1;
    }
  }
}
