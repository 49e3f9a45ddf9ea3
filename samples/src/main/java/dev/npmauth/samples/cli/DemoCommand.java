package dev.npmauth.samples.cli;

import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.PackageName;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.credentials.NoCredentialException;
import dev.npmauth.oidc.TrustedPublishingDiagnosis;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.publish.PublishResult;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.TrustedPublisher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code npmauth demo}: trusted publishing end to end on the embedded fake registry. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run trusted publishing end to end on an embedded fake npm registry, with a readable transcript:",
        "a simulated GitHub Actions run exchanges its OIDC ID token for a short-lived token and publishes;",
        "a run of another workflow is refused and diagnosed. Needs no network and no npm account."})
final class DemoCommand implements Callable<Integer> {
  private static final String PACKAGE = "demo-pkg";

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path work = Files.createTempDirectory("npmauth-demo");
    long start = System.nanoTime();
    try (FakeRegistry registry = FakeRegistry.start()) {
      out.printf("npmauth demo: trusted publishing, end to end, on an embedded fake registry%n%n");
      out.printf("1. Fake registry listening at %s (started in %d ms)%n", registry.url(),
          (System.nanoTime() - start) / 1_000_000);

      registry.trust(TrustedPublisher.github(PACKAGE, "acme/widgets", "release.yml"));
      out.printf("2. The package %s trusts GitHub Actions: repository acme/widgets, workflow release.yml%n", PACKAGE);

      Map<String, String> run = registry.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml"));
      out.printf("3. Simulated GitHub Actions job of acme/widgets/.github/workflows/release.yml with id-token: write%n"
          + "   (GITHUB_ACTIONS, ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are set; no npm token anywhere)%n");

      Path tarball = DemoPackage.write(work, PACKAGE, "1.0.0");
      try (NpmRegistryClient client = client(registry, run)) {
        out.printf("%n4. npmauth doctor, inside that job:%n");
        TrustedPublishingDiagnosis diagnosis = client.trustedPublishing().diagnose(PackageName.of(PACKAGE));
        out.print(indent(diagnosis.render()));

        out.printf("%n5. Publishing %s ...%n", tarball.getFileName());
        PublishResult result = client.publisher().publish(PublishRequest.builder(tarball).build());
        result.credential().ifPresent(c -> out.print(indent(c.explain() + "\n")));
        out.printf("   + %s@%s (%s)%n", result.packageName(), result.version(), result.integrity());

        String served = registry.packument(PACKAGE).orElseThrow();
        boolean sameIntegrity = served.contains(result.integrity());
        out.printf("%n6. The registry now serves %s@1.0.0 with %s integrity%n", PACKAGE,
            sameIntegrity ? "the tarball's exact" : "a DIFFERENT");
        if (!sameIntegrity) {
          return 1;
        }
      }

      Map<String, String> nightly = registry.githubActionsRun(GitHubRun.of("acme/widgets", "nightly.yml"));
      try (NpmRegistryClient client = client(registry, nightly)) {
        out.printf("%n7. A job of another workflow (nightly.yml) tries the same. The npm CLI would fail silently;"
            + " npmauth says why:%n");
        TrustedPublishingDiagnosis refused = client.trustedPublishing().diagnose(PackageName.of(PACKAGE));
        out.print(indent(refused.render()));
        try {
          client.publisher().publish(PublishRequest.builder(DemoPackage.write(work, PACKAGE, "1.0.1")).build());
          out.printf("   unexpected: the publish from nightly.yml was accepted%n");
          return 1;
        } catch (NoCredentialException expected) {
          out.printf("   publish refused, as it should be: no credential (trusted publishing refused, no token set)%n");
        }
      }
      out.printf("%nDone in %d ms. Registry state: %s has versions %s.%n", (System.nanoTime() - start) / 1_000_000,
          PACKAGE, registry.versions(PACKAGE));
      return 0;
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static NpmRegistryClient client(FakeRegistry registry, Map<String, String> environment) {
    return NpmRegistryClient.builder()
        .registry(registry.url().toString())
        .environment(Environment.of(environment))
        .npmConfig(NpmConfig.empty())
        .build();
  }

  private static String indent(String text) {
    return text.lines().map(line -> "   " + line).reduce((a, b) -> a + "\n" + b).orElse("") + "\n";
  }
}
