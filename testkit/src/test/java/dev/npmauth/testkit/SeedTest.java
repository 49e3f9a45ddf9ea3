package dev.npmauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fake")
class SeedTest {
  @TempDir
  Path dir;

  /** Writes a tarball holding {@code files} (paths under the tarball's top folder) as {@code fileName}. */
  private Path tgz(String fileName, Map<String, String> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return Files.write(dir.resolve(fileName), bytes.toByteArray());
  }

  private Path pkg(String fileName, String packageJson) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("package/package.json", packageJson);
    files.put("package/index.js", "module.exports = 1;\n");
    return tgz(fileName, files);
  }

  @Test
  void everyTarballIsPublishedWithLatestOnTheHighestRelease() throws Exception {
    pkg("demo-1.10.0.tgz", "{\"name\":\"demo-pkg\",\"version\":\"1.10.0\",\"description\":\"the demo\"}");
    pkg("demo-1.9.0.tgz", "{\"name\":\"demo-pkg\",\"version\":\"1.9.0\"}");
    pkg("demo-2.0.0-beta.1.tgz", "{\"name\":\"demo-pkg\",\"version\":\"2.0.0-beta.1\",\"publishConfig\":{\"tag\":\"next\"}}");
    pkg("demo-2.0.0-alpha.tgz", "{\"name\":\"demo-pkg\",\"version\":\"2.0.0-alpha\"}");
    Map<String, String> scoped = new LinkedHashMap<>();
    scoped.put("package/package.json", "{\"name\":\"@acme/widgets\",\"version\":\"0.1.0\"}");
    scoped.put("package/README.md", "# Widgets\n");
    tgz("acme-widgets-0.1.0.tgz", scoped);
    Files.writeString(dir.resolve("notes.txt"), "not a tarball");

    try (FakeRegistry registry = FakeRegistry.start()) {
      assertThat(registry.seed(dir)).containsExactly("@acme/widgets@0.1.0",
          "demo-pkg@1.9.0", "demo-pkg@2.0.0-alpha", "demo-pkg@2.0.0-beta.1", "demo-pkg@1.10.0");

      assertThat(registry.packages()).containsExactly("@acme/widgets", "demo-pkg");
      assertThat(registry.distTags("demo-pkg")).containsEntry("latest", "1.10.0").containsEntry("next", "2.0.0-beta.1")
          .hasSize(2);
      assertThat(registry.tarball("demo-pkg", "1.9.0")).hasValue(Files.readAllBytes(dir.resolve("demo-1.9.0.tgz")));
      String packument = registry.packument("demo-pkg").orElseThrow();
      assertThat(packument).contains("\"description\":\"the demo\"", "\"_id\":\"demo-pkg@1.10.0\"");
      assertThat(registry.packument("@acme/widgets").orElseThrow()).contains("\"readme\":\"# Widgets\\n\"",
          "\"access\":\"public\"");
      // Served without a token, and not in the journal.
      TestHttp http = new TestHttp(registry.url());
      assertThat(http.get("/@acme%2fwidgets").statusCode()).isEqualTo(200);
      assertThat(registry.journal()).hasSize(1);
    }
  }

  @Test
  void aPackageWithOnlyPrereleasesGetsLatestOnTheHighest() throws Exception {
    pkg("a.tgz", "{\"name\":\"pre-only\",\"version\":\"1.0.0-rc.2\"}");
    pkg("b.tgz", "{\"name\":\"pre-only\",\"version\":\"1.0.0-rc.10\"}");
    try (FakeRegistry registry = FakeRegistry.start()) {
      registry.seed(dir);
      assertThat(registry.distTags("pre-only")).containsExactly(Map.entry("latest", "1.0.0-rc.10"));
    }
  }

  @Test
  void theBuilderSeedsBeforeTheFirstRequestAndAnyTopFolderName() throws Exception {
    tgz("github-style.tgz", Map.of("demo-pkg-1.0.0/package.json", "{\"name\":\"demo-pkg\",\"version\":\"1.0.0\"}"));
    try (FakeRegistry registry = FakeRegistry.builder().seed(dir).start()) {
      assertThat(registry.versions("demo-pkg")).containsExactly("1.0.0");
    }
  }

  @Test
  void everyProblemIsNamedAndNothingIsPublished() throws Exception {
    pkg("good.tgz", "{\"name\":\"good-pkg\",\"version\":\"1.0.0\"}");
    pkg("twin.tgz", "{\"name\":\"good-pkg\",\"version\":\"1.0.0\"}");
    pkg("bad-version.tgz", "{\"name\":\"bad-pkg\",\"version\":\"one\"}");
    pkg("bad-name.tgz", "{\"name\":\"Bad Name\",\"version\":\"1.0.0\"}");
    tgz("no-manifest.tgz", Map.of("package/index.js", "1"));
    Files.writeString(dir.resolve("broken.tgz"), "not gzip");
    try (FakeRegistry registry = FakeRegistry.start()) {
      assertThatThrownBy(() -> registry.seed(dir)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("twin.tgz: good-pkg@1.0.0 is also in good.tgz")
          .hasMessageContaining("bad-version.tgz: \"one\" is not a semantic version")
          .hasMessageContaining("bad-name.tgz: \"Bad Name\" is not a valid package name")
          .hasMessageContaining("no-manifest.tgz: no package.json")
          .hasMessageContaining("broken.tgz: not a readable .tgz");
      assertThat(registry.packages()).isEmpty();
    }
  }

  @Test
  void aVersionTheRegistryHasIsRefusedAndAMissingFolderToo() throws Exception {
    pkg("demo.tgz", "{\"name\":\"demo-pkg\",\"version\":\"1.0.0\"}");
    try (FakeRegistry registry = FakeRegistry.start()) {
      registry.seed(dir);
      assertThatThrownBy(() -> registry.seed(dir)).hasMessageContaining("the registry already has demo-pkg@1.0.0");
      assertThatThrownBy(() -> registry.seed(dir.resolve("missing"))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a folder");
    }
    assertThatThrownBy(() -> FakeRegistry.builder().seed(dir.resolve("missing")).start())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
