package dev.npmauth.samples.docs;

// README:begin
import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.publish.ReleaseReport;
import dev.npmauth.publish.ReleaseRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The publishing step of a release tool: every package of a release, dependencies first. */
public final class ReleaseToolExample {
  private ReleaseToolExample() {
  }

  /**
   * Publishes package folders (or tarballs). In CI with an ID token this is trusted publishing,
   * one short-lived token per package; elsewhere NODE_AUTH_TOKEN, NPM_TOKEN or .npmrc.
   */
  public static ReleaseReport publish(String registry, Environment environment, List<Path> packages) {
    try (NpmRegistryClient client = NpmRegistryClient.builder()
        .registry(registry)              // e.g. https://registry.npmjs.org/
        .environment(environment)        // Environment.system() in the tool itself
        .build()) {
      ReleaseReport report = client.releaser().release(new ReleaseRequest(packages,
          Optional.empty(), Optional.empty(), Optional.empty(), /* dryRun */ false));
      System.out.print(report.render()); // a line per package: published, skipped, failed, not attempted
      return report;
    }
  }
}
// README:end
