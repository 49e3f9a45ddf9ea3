package dev.npmauth.impl.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.pack.PackException;
import dev.npmauth.pack.PackFailure;
import dev.npmauth.pack.PackResult;
import dev.npmauth.pack.PackedFile;
import dev.npmauth.pack.Packer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tarball: names, order, modes, time, owners, links, digests; and the result. */
class NpmPackerTest {
  @TempDir
  Path dir;

  private Path pkg() throws IOException {
    return Files.createDirectories(dir.resolve("pkg"));
  }

  private static Map<String, TarArchiveEntry> entries(Path tarball, Map<String, String> contents) throws IOException {
    Map<String, TarArchiveEntry> out = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(tarball);
         TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        out.put(entry.getName(), entry);
        contents.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Test
  void writesEntriesUnderPackageInNpmOrderWithNpmsTimeAndNoOwners() throws Exception {
    Path pkg = Trees.write(pkg(), Map.of(
        "package.json", "{\"name\":\"@acme/widgets\",\"version\":\"1.2.0\" , \"main\":\"lib/index.js\"}\n",
        "lib/index.js", "module.exports = 1;\n", "README.md", "# widgets\n", "@types.d.ts", "export {};\n"));
    PackResult result = Packer.npmCompatible().pack(pkg, dir.resolve("out"));

    assertThat(result.tarball()).isEqualTo(dir.resolve("out/acme-widgets-1.2.0.tgz"));
    assertThat(result.filename()).isEqualTo("acme-widgets-1.2.0.tgz");
    assertThat(result.id()).isEqualTo("@acme/widgets@1.2.0");
    Map<String, String> contents = new LinkedHashMap<>();
    Map<String, TarArchiveEntry> entries = entries(result.tarball(), contents);
    assertThat(entries.keySet()).containsExactly("package/lib/index.js", "package/package.json", "package/README.md",
        "package/@types.d.ts");
    for (TarArchiveEntry e : entries.values()) {
      assertThat(e.getModTime().toInstant()).isEqualTo(TarballWriter.NPM_MTIME);
      assertThat(e.getLongUserId()).isZero();
      assertThat(e.getLongGroupId()).isZero();
      assertThat(e.getUserName()).isEmpty();
      assertThat(e.getGroupName()).isEmpty();
      assertThat(e.isFile()).isTrue();
    }
    // package.json is packed byte for byte, as npm packs it
    assertThat(contents.get("package/package.json"))
        .isEqualTo("{\"name\":\"@acme/widgets\",\"version\":\"1.2.0\" , \"main\":\"lib/index.js\"}\n");
    assertThat(result.unpackedSize()).isEqualTo(contents.values().stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum());
  }

  @Test
  void modesFollowNodeTarsPortableFixAndBinsAtTheRootBecomeExecutable() throws Exception {
    Path pkg = Trees.write(pkg(), Map.of(
        "package.json", "{\"name\":\"m\",\"version\":\"1.0.0\",\"bin\":{\"a\":\"cli.js\",\"b\":\"bin/b.js\"}}",
        "cli.js", "a", "bin/b.js", "b", "x/cli.js", "quirk", "run.sh", "r", "private.txt", "p", "shared.txt", "s"));
    Files.setPosixFilePermissions(pkg.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.setPosixFilePermissions(pkg.resolve("private.txt"), PosixFilePermissions.fromString("r--------"));
    Files.setPosixFilePermissions(pkg.resolve("shared.txt"), PosixFilePermissions.fromString("rw-rw-rw-"));
    PackResult result = Packer.npmCompatible().pack(pkg, dir.resolve("out"));

    Map<String, Integer> modes = new LinkedHashMap<>();
    entries(result.tarball(), new LinkedHashMap<>()).forEach((name, e) -> modes.put(name, e.getMode()));
    assertThat(modes).containsEntry("package/cli.js", 0755)
        // pacote compares the path less its first component with the bin paths
        .containsEntry("package/bin/b.js", 0644)
        .containsEntry("package/x/cli.js", 0755)
        .containsEntry("package/run.sh", 0750)
        .containsEntry("package/private.txt", 0600)
        .containsEntry("package/shared.txt", 0644);
    assertThat(result.files()).extracting(PackedFile::path, PackedFile::mode)
        .contains(org.assertj.core.groups.Tuple.tuple("cli.js", 0755), org.assertj.core.groups.Tuple.tuple("run.sh", 0750));
  }

  @Test
  void aHardLinkToAnEarlierEntryIsWrittenAsALink() throws Exception {
    Path pkg = Trees.write(pkg(), Map.of("package.json", "{\"name\":\"h\",\"version\":\"1.0.0\"}", "a.js", "same"));
    Files.createLink(pkg.resolve("b.js"), pkg.resolve("a.js"));
    PackResult result = Packer.npmCompatible().pack(pkg, dir.resolve("out"));
    Map<String, TarArchiveEntry> entries = entries(result.tarball(), new LinkedHashMap<>());
    assertThat(entries.get("package/a.js").isFile()).isTrue();
    assertThat(entries.get("package/b.js").isLink()).isTrue();
    assertThat(entries.get("package/b.js").getLinkName()).isEqualTo("package/a.js");
    assertThat(result.files()).contains(new PackedFile("b.js", 0, 0644), new PackedFile("a.js", 4, 0644));
  }

  @Test
  void reportsSizeAndDigestsOfTheTarballWritten() throws Exception {
    Path pkg = Trees.write(pkg(), Map.of("package.json", "{\"name\":\"d\",\"version\":\"1.0.0\"}", "a.js", "a"));
    PackResult result = Packer.npmCompatible().pack(pkg, dir.resolve("out"));
    byte[] bytes = Files.readAllBytes(result.tarball());
    assertThat(result.size()).isEqualTo(bytes.length);
    assertThat(result.integrity()).isEqualTo("sha512-"
        + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes)));
    assertThat(result.shasum()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes)));
    // gzip header: no time, maximum compression, OS unknown, as minizlib writes it in portable mode
    assertThat(bytes[4] | bytes[5] | bytes[6] | bytes[7]).isZero();
    assertThat(bytes[8]).isEqualTo((byte) 2);
    assertThat(bytes[9]).isEqualTo((byte) 255);
    try (var files = Files.list(dir.resolve("out"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("d-1.0.0.tgz");
    }
  }

  @Test
  void packingTwiceGivesTheSameBytesAndReplacesTheTarball() throws Exception {
    Path pkg = Trees.write(pkg(), Map.of("package.json", "{\"name\":\"r\",\"version\":\"1.0.0\"}", "a.js", "a"));
    PackResult first = Packer.npmCompatible().pack(pkg, dir.resolve("out"));
    byte[] firstBytes = Files.readAllBytes(first.tarball());
    Files.setLastModifiedTime(pkg.resolve("a.js"), java.nio.file.attribute.FileTime.fromMillis(0));
    PackResult second = Packer.npmCompatible().pack(pkg, dir.resolve("out"));
    assertThat(Files.readAllBytes(second.tarball())).isEqualTo(firstBytes);
    assertThat(second.integrity()).isEqualTo(first.integrity());
  }

  @Test
  void aFolderWithoutPackageJsonIsRefused() {
    assertThatThrownBy(() -> Packer.npmCompatible().pack(dir.resolve("nope"), dir.resolve("out")))
        .isInstanceOf(PackException.class)
        .satisfies(e -> assertThat(((PackException) e).reason()).isEqualTo(PackFailure.MISSING_MANIFEST));
  }

  @Test
  void tarballNamesFollowLibnpmpack() {
    assertThat(NpmPacker.tarballName("@scope/name", "1.0.0")).isEqualTo("scope-name-1.0.0.tgz");
    assertThat(NpmPacker.tarballName("plain", "2.0.0-rc.1")).isEqualTo("plain-2.0.0-rc.1.tgz");
  }

  @Test
  void listingPutsUpperCaseFirstNamesFirst() {
    List<PackedFile> tarOrder = new ArrayList<>();
    for (String p : List.of("index.js", "lib/a.js", "package.json", "README.md", "LICENSE", ".npmrc-like", "_x.js")) {
      tarOrder.add(new PackedFile(p, 1, 0644));
    }
    assertThat(NpmPacker.listingOrder(tarOrder)).extracting(PackedFile::path)
        .containsExactly("_x.js", ".npmrc-like", "LICENSE", "README.md", "index.js", "lib/a.js", "package.json");
  }
}
