package dev.npmauth.samples.docs;

import static dev.npmauth.testkit.assertj.FakeRegistryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.Environment;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.TokenSpec;
import dev.npmauth.testkit.junit.WithFakeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's script example against the fake with a granular token. */
@Tag("fake")
@WithFakeRegistry
class JvmScriptExampleTest {
  @TempDir
  Path work;

  @Test
  void publishesUnderNextThenMovesLatest(FakeRegistry registry) throws Exception {
    Path folder = Files.createDirectories(work.resolve("my-lib"));
    Files.writeString(folder.resolve("package.json"), "{\"name\":\"my-lib\",\"version\":\"1.2.0\"}");
    Files.writeString(folder.resolve("index.js"), "module.exports = 1;\n");
    String token = registry.createToken(TokenSpec.readWrite("release-bot").packages("my-lib"));

    int exit = JvmScriptExample.run(Environment.of(Map.of("NPM_TOKEN", token)), registry.url().toString(), folder);

    assertThat(exit).isZero();
    assertThat(registry).hasPackage("my-lib").withVersions("1.2.0")
        .withDistTag("next", "1.2.0").withDistTag("latest", "1.2.0");
    assertThat(registry.journal()).hasRequest("PUT", "/-/package/my-lib/dist-tags/latest").withStatus(200)
        .and().hasNoTraceOf(token);
  }

  @Test
  void withoutATokenItFailsWithAMessageAndExitCodeOne(FakeRegistry registry) throws Exception {
    Path folder = Files.createDirectories(work.resolve("my-lib"));
    Files.writeString(folder.resolve("package.json"), "{\"name\":\"my-lib\",\"version\":\"1.2.0\"}");

    int exit = JvmScriptExample.run(Environment.of(Map.of()), registry.url().toString(), folder);

    assertThat(exit).isEqualTo(1);
    assertThat(registry).hasNoPackage("my-lib");
  }
}
