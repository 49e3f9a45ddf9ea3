package dev.npmauth.samples.cli;

import dev.npmauth.NpmRegistryClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code npmauth whoami}: the user the configured token belongs to. */
@Command(name = "whoami", mixinStandardHelpOptions = true,
    description = {"Print the user the configured token belongs to (GET /-/whoami).",
        "The token comes from NODE_AUTH_TOKEN, NPM_TOKEN or .npmrc, as npm finds it."})
final class WhoamiCommand implements Callable<Integer> {
  @Mixin
  RegistryOption registry;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    try (NpmRegistryClient client = registry.client()) {
      spec.commandLine().getOut().println(client.sessions().whoami(MaintainerCredential.of(client)));
      return 0;
    }
  }
}
