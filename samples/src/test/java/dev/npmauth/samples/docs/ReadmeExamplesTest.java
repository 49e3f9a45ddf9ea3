package dev.npmauth.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's examples are the compiled, tested sources, word for word. */
class ReadmeExamplesTest {
  private static final String DOCS = "samples/src/test/java/dev/npmauth/samples/docs/";

  @Test
  void everyCompiledBlockIsItsSourcesMarkedRegion() throws Exception {
    Map<String, String> blocks = ReadmeBlocks.compiledBlocks(ReadmeBlocks.readme());

    assertThat(blocks).containsKeys(DOCS + "ReleaseToolExample.java", DOCS + "JvmScriptExample.java",
        DOCS + "JUnitExampleTest.java");
    blocks.forEach((path, block) -> {
      try {
        assertThat(block).as("the README block after <!-- compiled: %s --> must be that file's README region;"
            + " copy the region into the README", path).isEqualTo(ReadmeBlocks.region(ReadmeBlocks.root().resolve(path)));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @Test
  void theShellExampleIsTheOneItsPeerTestRuns() throws Exception {
    String block = ReadmeBlocks.blockAfter(ReadmeBlocks.readme(), "<!-- peer-tested: ReadmeReleaseScriptPeerIT -->");
    assertThat(block).startsWith("#!/bin/sh\n").contains("--env-file", ". \"$work/fake.env\"", "npm view");
    assertThat(Path.of("src/test/java/dev/npmauth/samples/peer/ReadmeReleaseScriptPeerIT.java")).exists();
  }

  @Test
  void aRegionIsTheTextBetweenTheMarkers(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path file = java.nio.file.Files.writeString(dir.resolve("X.java"),
        "package x;\n\n// README:begin\nclass X {\n}\n// README:end\n");
    assertThat(ReadmeBlocks.region(file)).isEqualTo("class X {\n}\n");
    String readme = "text\n<!-- compiled: X.java -->\n```java\nclass X {\n}\n```\nmore\n";
    assertThat(ReadmeBlocks.compiledBlocks(readme)).containsExactly(Map.entry("X.java", "class X {\n}\n"));
  }
}
