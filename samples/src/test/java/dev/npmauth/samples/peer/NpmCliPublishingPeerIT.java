package dev.npmauth.samples.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real npm CLI publishing to, and installing from, our standalone fake registry with a token. */
@Tag("peer")
class NpmCliPublishingPeerIT {
  @TempDir
  Path work;
  private PeerPrograms programs;

  @BeforeEach
  void setUp() throws Exception {
    PeerPrograms.assumeNpm();
    programs = new PeerPrograms(work.resolve("home"));
  }

  @Test
  void npmPublishOfAScopedPackageWithTagNextIsInstalledAndViewedWithTheRightFields() throws Exception {
    Path project = Files.createDirectories(work.resolve("widgets"));
    Files.writeString(project.resolve("package.json"), "{\"name\":\"@acme/widgets\",\"version\":\"2.0.0-rc.1\","
        + "\"description\":\"widgets for peers\",\"main\":\"index.js\",\"license\":\"MIT\",\"keywords\":[\"peer\"]}\n");
    Files.writeString(project.resolve("index.js"), "module.exports = 'widgets';\n");
    try (StandaloneFakeRegistry fake = StandaloneFakeRegistry.start(work)) {
      Files.writeString(work.resolve("home/.npmrc"), "//" + fake.registry().replaceFirst("^https?://", "")
          + ":_authToken=" + fake.environment().get("NPMAUTH_ADMIN_TOKEN") + "\n");
      Processes.Result publish = programs.npm(project, Map.of(), "publish", "--tag", "next", "--access", "public",
          "--registry", fake.registry());
      assertThat(publish.exitCode()).as(publish.output()).isZero();
      assertThat(fake.log()).contains("PUT /@acme%2fwidgets 200");

      Processes.Result view = programs.npm(work, Map.of(), "view", "@acme/widgets@next", "--json", "--registry", fake.registry());
      assertThat(view.exitCode()).as(view.output()).isZero();
      Map<?, ?> viewed = new Moshi.Builder().build().adapter(Map.class).fromJson(view.output());
      assertThat(viewed.get("name")).isEqualTo("@acme/widgets");
      assertThat(viewed.get("description")).isEqualTo("widgets for peers");
      assertThat(((Map<?, ?>) viewed.get("dist-tags")).get("next")).isEqualTo("2.0.0-rc.1");
      assertThat(viewed.get("version")).isEqualTo("2.0.0-rc.1");

      Path consumer = Files.createDirectories(work.resolve("consumer"));
      Files.writeString(consumer.resolve("package.json"), "{\"name\":\"consumer\",\"version\":\"1.0.0\",\"private\":true}\n");
      Processes.Result install = programs.npm(consumer, Map.of(), "install", "@acme/widgets@next", "--registry",
          fake.registry());
      assertThat(install.exitCode()).as(install.output()).isZero();
      assertThat(Files.readString(consumer.resolve("node_modules/@acme/widgets/package.json"))).contains("2.0.0-rc.1");
      assertThat(Files.readString(consumer.resolve("package.json"))).contains("\"@acme/widgets\":\"^2.0.0-rc.1\"");
    }
  }
}
