package dev.npmauth.impl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.npmauth.Environment;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmrcWriterTest {
  private static final String KEY = "//registry.example.com/npm/:_authToken";

  @TempDir
  Path dir;

  @Test
  void setReplacesTheKeysLineAndKeepsCommentsBlankLinesAndOtherKeys() {
    String text = "; my settings\nregistry=https://registry.example.com/npm/\n\n# the token\n"
        + KEY + "=old-token\nfund=false\n" + KEY + "=older-duplicate\n";
    assertThat(NpmrcWriter.set(text, KEY, "new-token")).isEqualTo("; my settings\nregistry=https://registry.example.com/npm/\n\n"
        + "# the token\n" + KEY + "=new-token\nfund=false\n");
  }

  @Test
  void aMissingKeyIsAddedAfterTheLastTopLevelLineNotInsideASection() {
    String text = "registry=https://registry.example.com/npm/\n\n[section]\nkey=value\n";
    assertThat(NpmrcWriter.set(text, KEY, "t")).isEqualTo("registry=https://registry.example.com/npm/\n" + KEY + "=t\n\n"
        + "[section]\nkey=value\n");
    assertThat(NpmrcWriter.set("", KEY, "t")).isEqualTo(KEY + "=t\n");
    assertThat(NpmrcWriter.set("a=b", KEY, "t")).isEqualTo("a=b\n" + KEY + "=t\n");
  }

  @Test
  void windowsLineEndingsQuotedKeysAndValuesNeedingQuotesAreHandled() {
    String text = "a=b\r\n\"" + KEY + "\" = old\r\n";
    assertThat(NpmrcWriter.set(text, KEY, "x;y")).isEqualTo("a=b\r\n" + KEY + "=\"x;y\"\r\n");
    String written = NpmrcWriter.set("", KEY, " spaced \"quoted\" ");
    Map<String, String> parsed = NpmrcParser.parse(written, "test", Environment.empty());
    assertThat(parsed).containsEntry(KEY, " spaced \"quoted\" ");
  }

  @Test
  void removeDropsOnlyTheKeysTopLevelLines() {
    String text = "# keep\n" + KEY + "=t\nfund=false\n[s]\n" + KEY + "=in-section\n";
    assertThat(NpmrcWriter.remove(text, KEY)).isEqualTo("# keep\nfund=false\n[s]\n" + KEY + "=in-section\n");
    assertThat(NpmrcWriter.remove("a=b\n", KEY)).isEqualTo("a=b\n");
  }

  @Test
  void aNewFileIsOwnerOnlyAndAnExistingFileKeepsItsPermissions() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
    Path created = dir.resolve("sub/.npmrc");
    NpmrcWriter.set(created, KEY, "t1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rw-------");
    assertThat(Files.readString(created)).isEqualTo(KEY + "=t1\n");

    Path shared = dir.resolve(".npmrc");
    Files.writeString(shared, "fund=false\n");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r-----"));
    NpmrcWriter.set(shared, KEY, "t2");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rw-r-----");
    assertThat(NpmrcWriter.remove(shared, KEY)).isTrue();
    assertThat(NpmrcWriter.remove(shared, KEY)).isFalse();
    assertThat(Files.readString(shared)).isEqualTo("fund=false\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(".npmrc", "sub");
    }
  }

  @Test
  void aSymbolicLinkIsFollowedSoTheLinkStays() throws Exception {
    Path real = Files.writeString(dir.resolve("real-npmrc"), "fund=false\n");
    Path link = Files.createSymbolicLink(dir.resolve(".npmrc"), real);
    NpmrcWriter.set(link, KEY, "t");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("fund=false\n" + KEY + "=t\n");
  }
}
