package dev.npmauth.samples.docs;

// README:begin
import dev.npmauth.Environment;
import dev.npmauth.NpmAuthException;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.credentials.ResolvedCredential;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.publish.PublishResult;
import java.nio.file.Path;
import java.util.Optional;

/** Publishes a package folder under the "next" tag, then moves "latest" to it. */
public final class JvmScriptExample {
  private JvmScriptExample() {
  }

  public static void main(String[] args) {
    System.exit(run(Environment.system(), args[0], Path.of(args[1])));
  }

  static int run(Environment environment, String registry, Path folder) {
    try (NpmRegistryClient client = NpmRegistryClient.builder()
        .registry(registry).environment(environment).build()) {
      PublishResult published = client.publisher().publish(PublishRequest.builder(folder).tag("next").build());
      System.out.println(published.summary());                          // + my-lib@1.2.0
      ResolvedCredential token = client.configuredCredential().orElseThrow(); // NPM_TOKEN, NODE_AUTH_TOKEN, .npmrc
      client.distTags().add(published.packageName(), published.version(), "latest", token.credential(),
          Optional.empty());
      System.out.println("latest: " + client.distTags().list(published.packageName(), Optional.empty()).get("latest"));
      return 0;
    } catch (NpmAuthException e) {
      System.err.println(e.getMessage());                               // what failed and what to do; no secret
      return 1;
    }
  }
}
// README:end
