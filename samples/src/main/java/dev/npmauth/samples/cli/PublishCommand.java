package dev.npmauth.samples.cli;

import dev.npmauth.NpmRegistryClient;
import dev.npmauth.publish.Access;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.publish.PublishResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code npmauth publish}: publish a tarball with the credential chain. */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = {"Publish a package tarball (.tgz, as npm pack makes it).",
        "The credential comes from trusted publishing (OIDC) in GitHub Actions, GitLab CI/CD or CircleCI,"
            + " else NODE_AUTH_TOKEN, NPM_TOKEN or .npmrc; the command prints which one it used and why not the others."})
final class PublishCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TARBALL", description = "The package tarball.")
  Path tarball;

  @Mixin
  RegistryOption registry;

  @Option(names = "--tag", paramLabel = "TAG", description = "The dist-tag to set (default: publishConfig.tag, else latest).")
  String tag;

  @Option(names = "--access", paramLabel = "public|restricted", description = "Who may install the package.")
  String access;

  @Option(names = "--dry-run", description = "Make every check, resolve the credential, send nothing.")
  boolean dryRun;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PublishRequest.Builder request = PublishRequest.builder(tarball).dryRun(dryRun);
    if (tag != null) {
      request.tag(tag);
    }
    if (access != null) {
      request.access(Access.parse(access));
    }
    try (NpmRegistryClient client = registry.client()) {
      PublishResult result = client.publisher().publish(request.build());
      var out = spec.commandLine().getOut();
      result.credential().ifPresent(c -> out.println(c.explain()));
      out.println((dryRun ? "+ (dry run) " : "+ ") + result.packageName() + "@" + result.version()
          + " (tag " + result.tag() + ", " + result.integrity() + ") to " + client.registry());
      return 0;
    }
  }
}
