package dev.npmauth.samples.cli;

import dev.npmauth.Credential;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.credentials.CredentialSource;
import dev.npmauth.credentials.ResolvedCredential;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code npmauth logout}: end the session and forget its token. */
@Command(name = "logout", mixinStandardHelpOptions = true,
    description = {"End the configured session (DELETE /-/user/token/<token>, after which the registry refuses it)",
        "and remove its _authToken line from the user .npmrc, keeping every other line, as npm logout does."})
final class LogoutCommand implements Callable<Integer> {
  @Mixin
  RegistryOption registry;

  @Option(names = "--npmrc", paramLabel = "FILE", description = "The .npmrc to remove the token from (default: the user .npmrc).")
  Path npmrc;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    try (NpmRegistryClient client = registry.client()) {
      ResolvedCredential resolved = client.configuredCredential().orElseThrow(() ->
          new dev.npmauth.NpmAuthException("not logged in to " + client.registry() + ", so cannot log out"));
      Credential credential = resolved.credential();
      client.sessions().logout(credential);
      Path file = npmrc != null ? npmrc : client.sessions().userNpmrc();
      boolean removed = client.sessions().removeFromNpmrc(file);
      var out = spec.commandLine().getOut();
      out.println("Logged out of " + client.registry() + (removed ? " (token removed from " + file + ")" : ""));
      if (resolved.source() != CredentialSource.NPMRC) {
        out.println("the token came from " + resolved.source().description() + ": unset it there too");
      }
      return 0;
    }
  }
}
