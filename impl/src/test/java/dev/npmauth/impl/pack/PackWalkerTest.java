package dev.npmauth.impl.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.pack.PackException;
import dev.npmauth.pack.PackFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File selection. Each expected list is what {@code npm pack} (npm 11.19) put in the tarball for
 * the same folder, in the tarball's order ({@code tar tzf}, {@code package/} removed).
 */
class PackWalkerTest {
  @TempDir
  Path dir;

  private List<String> walk(Map<String, String> files) {
    Trees.write(dir, files);
    return PackWalker.walk(dir, PackageManifest.read(dir));
  }

  @Test
  void filesFieldDisablesRootIgnoreFilesButNotNestedOnes() {
    assertThat(walk(Map.of(
        "package.json", "{\"name\":\"s\",\"version\":\"1.0.0\",\"files\":[\"lib\"]}",
        ".npmignore", "lib\n",
        "lib/.npmignore", "*.test.js\n",
        "lib/a.js", "a", "lib/a.test.js", "t", "README.md", "r", "other.js", "o")))
        .containsExactly("lib/a.js", "package.json", "README.md");
  }

  @Test
  void npmignoreWinsOverGitignoreInTheSameFolderOnly() {
    assertThat(walk(Map.of(
        "package.json", "{\"name\":\"s\",\"version\":\"1.0.0\"}",
        ".npmignore", "*.log\n", ".gitignore", "*.js\n",
        "a.js", "a", "b.log", "b",
        "sub/.gitignore", "*.txt\n", "sub/x.txt", "x", "sub/y.js", "y")))
        .containsExactly("a.js", "sub/y.js", "package.json");
  }

  @Test
  void gitignoreIsUsedWhereThereIsNoNpmignore() {
    assertThat(walk(Map.of(
        "package.json", "{\"name\":\"s\",\"version\":\"1.0.0\"}",
        ".gitignore", "dist/\n*.tmp\n",
        "a.js", "a", "dist/out.js", "o", "x.tmp", "t", "lib/y.tmp", "t")))
        .containsExactly("a.js", "package.json");
  }

  @Test
  void anEmptyNpmignoreStillDisablesGitignore() {
    assertThat(walk(Map.of(
        "package.json", "{\"name\":\"s\",\"version\":\"1.0.0\"}",
        ".npmignore", "", ".gitignore", "*.js\n", "a.js", "a")))
        .containsExactly("a.js", "package.json");
  }

  @Test
  void aNestedNegationReincludesWhatAParentExcluded() {
    assertThat(walk(Map.of(
        "package.json", "{\"name\":\"s\",\"version\":\"1.0.0\"}",
        ".npmignore", "*.txt\n", "sub/.npmignore", "!keep.txt\n",
        "sub/keep.txt", "k", "sub/drop.txt", "d", "a.txt", "a", "b.js", "b")))
        .containsExactly("b.js", "package.json", "sub/keep.txt");
  }

  @Test
  void aDeeperNegationReopensAnExcludedFolderForEverythingInIt() {
    // npm's quirk: "a" only matches the entry named a; once the folder is re-entered for
    // !a/b/c.js, its other files are not matched by "a" and are packed too
    assertThat(walk(Map.of(
        "package.json", "{\"name\":\"s\",\"version\":\"1.0.0\"}",
        ".npmignore", "a\n!a/b/c.js\n",
        "a/b/c.js", "c", "a/b/d.js", "d", "a/e.js", "e")))
        .containsExactly("a/b/c.js", "a/b/d.js", "a/e.js", "package.json");
  }

  @Test
  void readmeLicenceAndCopyingAtTheRootSurviveEveryRule() {
    assertThat(walk(Map.of(
        "package.json", "{\"name\":\"s\",\"version\":\"1.0.0\",\"files\":[]}",
        ".npmignore", "*\n",
        "README.md", "r", "readme.md~", "backup", "LICENSE", "l", "licence.txt", "l", "Copying", "c",
        "license-mit", "no", "docs/README.md", "not root", "index.js", "i")))
        .containsExactly("Copying", "LICENSE", "package.json", "README.md", "licence.txt");
  }

  @Test
  void npmsDefaultExclusionsApplyAndLockFilesOnlyAtTheRoot() {
    assertThat(walk(Map.ofEntries(
        Map.entry("package.json", "{\"name\":\"s\",\"version\":\"1.0.0\"}"),
        Map.entry("index.js", "i"), Map.entry(".git/HEAD", "h"), Map.entry("node_modules/d/index.js", "d"),
        Map.entry(".npmrc", "n"), Map.entry("package-lock.json", "l"), Map.entry("yarn.lock", "y"),
        Map.entry("pnpm-lock.yaml", "p"), Map.entry("bun.lockb", "b"), Map.entry("sub/package-lock.json", "kept"),
        Map.entry("sub/node_modules/x.js", "kept"), Map.entry("sub/.npmrc", "dropped"), Map.entry(".DS_Store", "d"),
        Map.entry("x.orig", "o"), Map.entry("._x", "x"), Map.entry(".x.swp", "s"), Map.entry("npm-debug.log", "l"),
        Map.entry("CVS/e", "c"), Map.entry("build/config.gypi", "g"), Map.entry("build/ok.js", "ok"),
        Map.entry(".hidden", "kept"))))
        .containsExactly(".hidden", "index.js", "build/ok.js", "sub/node_modules/x.js", "sub/package-lock.json",
            "package.json");
  }

  @Test
  void mainBrowserAndBinsAreForcedInButNotAMainWrittenWithDotSlash() {
    assertThat(walk(Map.of(
        "package.json", "{\"name\":\"s\",\"version\":\"1.0.0\",\"files\":[\"lib\"],\"main\":\"m.js\","
            + "\"browser\":\"b.js\",\"bin\":{\"x\":\"./bin/x.js\"}}",
        "lib/a.js", "a", "m.js", "m", "b.js", "b", "bin/x.js", "x", "bin/y.js", "y")))
        .containsExactly("lib/a.js", "b.js", "m.js", "bin/x.js", "package.json");
  }

  @Test
  void aMainWithDotSlashIsNotForcedIn() {
    assertThat(walk(Map.of(
        "package.json", "{\"name\":\"s\",\"version\":\"1.0.0\",\"files\":[\"lib\"],\"main\":\"./m.js\"}",
        "lib/a.js", "a", "m.js", "m")))
        .containsExactly("lib/a.js", "package.json");
  }

  @Test
  void filesEntriesWithDotSlashTrailingSlashDirStarAndNegation() {
    assertThat(walk(Map.of(
        "package.json", "{\"name\":\"s\",\"version\":\"1.0.0\",\"files\":[\"./dist/\",\"types/*\",\"./one.js\","
            + "\"!types/skip.d.ts\"]}",
        "dist/a.js", "a", "dist/sub/b.js", "b", "types/a.d.ts", "t", "types/deep/b.d.ts", "t",
        "types/skip.d.ts", "s", "one.js", "1", "two.js", "2")))
        .containsExactly("dist/a.js", "dist/sub/b.js", "one.js", "package.json", "types/a.d.ts", "types/deep/b.d.ts");
  }

  @Test
  void pathsStartingWithAtAreListedWithDotSlashAndSortedSo() {
    assertThat(walk(Map.of(
        "package.json", "{\"name\":\"@acme/s\",\"version\":\"1.0.0\"}",
        "@types.d.ts", "t", "@x/y.js", "y", "index.js", "i")))
        .containsExactly("index.js", "./@x/y.js", "package.json", "./@types.d.ts");
  }

  @Test
  void symbolicLinksAndNamesWithAStarAreLeftOut() throws Exception {
    Trees.write(dir, Map.of("package.json", "{\"name\":\"s\",\"version\":\"1.0.0\"}", "a.js", "a", "d/b.js", "b",
        "star*.js", "s"));
    Files.createSymbolicLink(dir.resolve("link.js"), Path.of("a.js"));
    Files.createSymbolicLink(dir.resolve("linkdir"), Path.of("d"));
    Files.createDirectories(dir.resolve("empty"));
    assertThat(PackWalker.walk(dir, PackageManifest.read(dir))).containsExactly("a.js", "d/b.js", "package.json");
  }

  @Test
  void anUnreadableIgnoreFileFailsThePack() throws Exception {
    Trees.write(dir, Map.of("package.json", "{\"name\":\"s\",\"version\":\"1.0.0\"}", "a.js", "a"));
    Files.createDirectories(dir.resolve(".npmignore"));
    assertThatThrownBy(() -> PackWalker.walk(dir, PackageManifest.read(dir)))
        .isInstanceOf(PackException.class)
        .satisfies(e -> assertThat(((PackException) e).reason()).isEqualTo(PackFailure.IO_ERROR))
        .hasMessageContaining(".npmignore");
  }

  @Test
  void anInvalidIgnorePatternFailsThePackNamingTheFile() {
    Trees.write(dir, Map.of("package.json", "{\"name\":\"s\",\"version\":\"1.0.0\"}", "a.js", "a",
        "sub/.npmignore", "[[:digit:]],\n", "sub/b.js", "b"));
    assertThatThrownBy(() -> PackWalker.walk(dir, PackageManifest.read(dir)))
        .isInstanceOf(PackException.class)
        .satisfies(e -> assertThat(((PackException) e).reason()).isEqualTo(PackFailure.INVALID_PATTERN))
        .hasMessageContaining("sub/.npmignore");
  }
}
