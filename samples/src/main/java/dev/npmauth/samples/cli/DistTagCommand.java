package dev.npmauth.samples.cli;

import dev.npmauth.NpmRegistryClient;
import dev.npmauth.PackageName;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code npmauth dist-tag add|rm|ls}. */
@Command(name = "dist-tag", mixinStandardHelpOptions = true,
    description = "Manage a package's dist-tags (with NPM_TOKEN, NODE_AUTH_TOKEN or .npmrc).",
    subcommands = {DistTagCommand.Add.class, DistTagCommand.Remove.class, DistTagCommand.List.class})
final class DistTagCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Point TAG at NAME@VERSION.")
  static final class Add implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME@VERSION")
    String spec;

    @Parameters(index = "1", paramLabel = "TAG")
    String tag;

    @Mixin
    RegistryOption registry;

    @Option(names = "--otp", paramLabel = "CODE")
    String otp;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() {
      int at = spec.lastIndexOf('@');
      if (at <= 0) {
        throw new IllegalArgumentException("expected NAME@VERSION, for example demo-pkg@1.2.0, got \"" + spec + "\"");
      }
      PackageName name = PackageName.of(spec.substring(0, at));
      String version = spec.substring(at + 1);
      try (NpmRegistryClient client = registry.client()) {
        client.distTags().add(name, version, tag, MaintainerCredential.of(client), Otp.provider(otp));
        commandSpec.commandLine().getOut().println("+" + tag + ": " + name + "@" + version);
        return 0;
      }
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove TAG from NAME.")
  static final class Remove implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "TAG")
    String tag;

    @Mixin
    RegistryOption registry;

    @Option(names = "--otp", paramLabel = "CODE")
    String otp;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() {
      try (NpmRegistryClient client = registry.client()) {
        client.distTags().remove(PackageName.of(name), tag, MaintainerCredential.of(client), Otp.provider(otp));
        commandSpec.commandLine().getOut().println("-" + tag + ": " + name);
        return 0;
      }
    }
  }

  @Command(name = "ls", mixinStandardHelpOptions = true, description = "List NAME's dist-tags.")
  static final class List implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin
    RegistryOption registry;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() {
      try (NpmRegistryClient client = registry.client()) {
        Map<String, String> tags = client.distTags().list(PackageName.of(name),
            client.configuredCredential().map(r -> r.credential()));
        tags.forEach((tag, version) -> commandSpec.commandLine().getOut().println(tag + ": " + version));
        return 0;
      }
    }
  }
}
