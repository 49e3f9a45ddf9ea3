package dev.npmauth.samples.docs;

// README:begin
import static dev.npmauth.testkit.assertj.FakeRegistryAssertions.assertThat;

import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.pack.Packer;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.TokenSpec;
import dev.npmauth.testkit.junit.WithFakeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fake")
@WithFakeRegistry
class JUnitExampleTest {
  @TempDir
  Path work;

  @Test
  void publishIsRetriedAfterA503WithRetryAfter(FakeRegistry registry) throws Exception { // a new registry per test
    Path folder = Files.createDirectories(work.resolve("demo-pkg"));
    Files.writeString(folder.resolve("package.json"), "{\"name\":\"demo-pkg\",\"version\":\"1.0.0\"}");
    Files.writeString(folder.resolve("index.js"), "module.exports = 42;\n");
    Path tarball = Packer.npmCompatible().pack(folder, work).tarball();    // what npm pack would make
    registry.inject(Fault.on("PUT", "/demo-pkg").status(503).retryAfter(Duration.ofSeconds(1)).once());
    String token = registry.createToken(TokenSpec.readWrite("ci").packages("demo-pkg"));

    try (NpmRegistryClient client = NpmRegistryClient.builder()
        .registry(registry.url().toString())
        .environment(Environment.of(Map.of("NPM_TOKEN", token)))
        .build()) {
      client.publisher().publish(PublishRequest.builder(tarball).build());
    }

    assertThat(registry.journal())
        .hasRequest("PUT", "/demo-pkg").withHeader("npm-command", "publish").withStatuses(503, 200);
    assertThat(registry).hasPackage("demo-pkg").withVersions("1.0.0").withDistTag("latest", "1.0.0")
        .withTarball("1.0.0", Files.readAllBytes(tarball));
  }
}
// README:end
