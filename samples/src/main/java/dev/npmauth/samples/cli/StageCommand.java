package dev.npmauth.samples.cli;

import dev.npmauth.NpmRegistryClient;
import dev.npmauth.PackageName;
import dev.npmauth.publish.StagedVersion;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code npmauth stage list|view|approve|reject|download}. */
@Command(name = "stage", mixinStandardHelpOptions = true,
    description = {"Staged publishing: versions published with `npmauth publish --stage` wait here until a"
        + " maintainer approves or rejects them (with NPM_TOKEN, NODE_AUTH_TOKEN or .npmrc)."},
    subcommands = {StageCommand.ListStaged.class, StageCommand.View.class, StageCommand.Approve.class,
        StageCommand.Reject.class, StageCommand.Download.class})
final class StageCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String line(StagedVersion v) {
    return v.id() + "  " + v.packageName() + "@" + v.version() + v.tag().map(t -> "  tag " + t).orElse("")
        + v.actor().map(a -> "  by " + a).orElse("") + v.createdAt().map(c -> "  at " + c).orElse("");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List staged versions.")
  static final class ListStaged implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Only this package's.")
    String name;

    @Mixin
    RegistryOption registry;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      try (NpmRegistryClient client = registry.client()) {
        client.staging().list(Optional.ofNullable(name).map(PackageName::of), MaintainerCredential.of(client))
            .forEach(v -> spec.commandLine().getOut().println(line(v)));
        return 0;
      }
    }
  }

  @Command(name = "view", mixinStandardHelpOptions = true, description = "Show one staged version.")
  static final class View implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STAGE_ID")
    String id;

    @Mixin
    RegistryOption registry;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      try (NpmRegistryClient client = registry.client()) {
        StagedVersion v = client.staging().view(id, MaintainerCredential.of(client));
        spec.commandLine().getOut().println(line(v));
        v.shasum().ifPresent(s -> spec.commandLine().getOut().println("shasum: " + s));
        v.other().forEach((k, val) -> spec.commandLine().getOut().println(k + ": " + val));
        return 0;
      }
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve (publish) a staged version.")
  static final class Approve implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STAGE_ID")
    String id;

    @Mixin
    RegistryOption registry;

    @Option(names = "--otp", paramLabel = "CODE")
    String otp;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      try (NpmRegistryClient client = registry.client()) {
        client.staging().approve(id, MaintainerCredential.of(client), Otp.provider(otp));
        spec.commandLine().getOut().println("approved " + id);
        return 0;
      }
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject (delete) a staged version.")
  static final class Reject implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STAGE_ID")
    String id;

    @Mixin
    RegistryOption registry;

    @Option(names = "--otp", paramLabel = "CODE")
    String otp;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      try (NpmRegistryClient client = registry.client()) {
        client.staging().reject(id, MaintainerCredential.of(client), Otp.provider(otp));
        spec.commandLine().getOut().println("rejected " + id);
        return 0;
      }
    }
  }

  @Command(name = "download", mixinStandardHelpOptions = true, description = "Download a staged version's tarball.")
  static final class Download implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STAGE_ID")
    String id;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write it (default: here).")
    Path dir = Path.of(".");

    @Mixin
    RegistryOption registry;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      try (NpmRegistryClient client = registry.client()) {
        Path file = client.staging().download(id, dir, MaintainerCredential.of(client));
        spec.commandLine().getOut().println(file);
        return 0;
      }
    }
  }
}
