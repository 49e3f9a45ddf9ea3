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
    description = {"Publish a package tarball (.tgz, as npm pack makes it) or a package folder (packed as npm pack would).",
        "The credential comes from trusted publishing (OIDC) in GitHub Actions, GitLab CI/CD or CircleCI,"
            + " else NODE_AUTH_TOKEN, NPM_TOKEN or .npmrc; the command prints which one it used and why not the others."})
final class PublishCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TARBALL|FOLDER", description = "The package tarball or folder.")
  Path tarball;

  @Mixin
  RegistryOption registry;

  @Option(names = "--tag", paramLabel = "TAG", description = "The dist-tag to set (default: publishConfig.tag, else latest).")
  String tag;

  @Option(names = "--access", paramLabel = "public|restricted", description = "Who may install the package.")
  String access;

  @Option(names = "--dry-run", description = "Make every check, resolve the credential, send nothing.")
  boolean dryRun;

  @Option(names = "--otp", paramLabel = "CODE", description = "A one-time password, for accounts with 2FA.")
  String otp;

  @Option(names = "--stage", description = "Publish to the stage (npm stage publish); a maintainer approves it later.")
  boolean stage;

  @Option(names = "--provenance", description = {
      "Generate SLSA provenance as npm publish --provenance does (GitHub Actions with id-token: write, or GitLab"
          + " CI/CD with SIGSTORE_ID_TOKEN), sign it keylessly with Sigstore and attach it.",
      "Fulcio and Rekor are https://fulcio.sigstore.dev and https://rekor.sigstore.dev unless NPMAUTH_FULCIO_URL /"
          + " NPMAUTH_REKOR_URL (and NPMAUTH_TSA_URL for an RFC 3161 timestamp) say otherwise."})
  boolean provenance;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PublishRequest.Builder request = PublishRequest.builder(tarball).dryRun(dryRun).stage(stage).provenance(provenance);
    if (otp != null) {
      request.otp(dev.npmauth.Secret.of(otp));
    } else {
      Otp.provider(null).ifPresent(request::otpProvider);
    }
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
      result.provenance().ifPresent(p -> out.println(p.summary()));
      out.println(result.summary() + " (tag " + result.tag() + ", " + result.integrity() + ") to " + client.registry());
      return 0;
    }
  }
}
