package dev.npmauth.samples.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.npmauth.pack.PackResult;
import dev.npmauth.pack.PackedFile;
import dev.npmauth.pack.Packer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real {@code npm pack} judges npmauth's packer: for each fixture folder under
 * {@code src/test/resources/pack-fixtures/}, both pack a copy of it, and the two tarballs must
 * hold the same entries in the same order with the same contents, types and modes, and the
 * packer's result must report what {@code npm pack --json} reports (apart from the tarball's
 * digests, since the two gzip streams differ).
 *
 * <p>Fixtures are stored so that git and Maven keep them: a path segment {@code gitignore.txt}
 * becomes {@code .gitignore}, {@code _dot_x} becomes {@code .x}, {@code _node_modules_} becomes
 * {@code node_modules}. What git does not keep (modes, empty folders, links, odd names) is made
 * by {@link #SETUP}.
 */
@Tag("peer")
class NpmPackParityPeerIT {
  private static final Path FIXTURES = Processes.root().resolve("samples/src/test/resources/pack-fixtures");

  /** What each fixture needs beyond its files. */
  private static final Map<String, Setup> SETUP = Map.of(
      "bin-object", pkg -> {
        chmod(pkg.resolve("tools/c.sh"), "rwxr-xr-x");
        chmod(pkg.resolve("bin/b"), "rw-r-----");
      },
      "files-field", pkg -> chmod(pkg.resolve("lib/index.js"), "rwxr--r--"),
      "litter", pkg -> {
        Files.writeString(pkg.resolve("star*.js"), "a name npm refuses\n");
        Files.createSymbolicLink(pkg.resolve("link.js"), Path.of("index.js"));
        Files.createSymbolicLink(pkg.resolve("linkdir"), Path.of("build"));
        Files.createDirectories(pkg.resolve("empty/nested-empty"));
        Files.createLink(pkg.resolve("hard.js"), pkg.resolve("index.js"));
        Files.writeString(pkg.resolve("run.sh"), "#!/bin/sh\n");
        chmod(pkg.resolve("run.sh"), "rwxr-xr-x");
        Files.writeString(pkg.resolve("private.txt"), "owner only\n");
        chmod(pkg.resolve("private.txt"), "rw-------");
        Files.writeString(pkg.resolve("group-writable.txt"), "group and others may write\n");
        chmod(pkg.resolve("group-writable.txt"), "rw-rw-rw-");
        Files.writeString(pkg.resolve("owner-exec.txt"), "only the owner may run it\n");
        chmod(pkg.resolve("owner-exec.txt"), "rwxr--r--");
        mkfifo(pkg.resolve("a-fifo"));
      });

  @TempDir
  Path work;

  interface Setup {
    void apply(Path pkg) throws IOException, InterruptedException;
  }

  static Stream<String> fixtures() throws IOException {
    try (Stream<Path> list = Files.list(FIXTURES)) {
      return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @Test
  void thereAreEnoughFixtures() throws IOException {
    assertThat(fixtures().toList()).hasSizeGreaterThanOrEqualTo(8)
        .contains("files-field", "npmignore", "gitignore-fallback", "nested-ignores", "always-included",
            "bin-string", "bin-object", "scoped", "litter");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void packsTheSameFilesWithTheSameContentsAndModesAsNpmPack(String fixture) throws Exception {
    PeerPrograms.assumeNpm();
    Path pkg = work.resolve("pkg");
    copyFixture(FIXTURES.resolve(fixture), pkg);
    SETUP.getOrDefault(fixture, p -> { }).apply(pkg);
    PeerPrograms programs = new PeerPrograms(work.resolve("home"));

    Path npmOut = Files.createDirectories(work.resolve("npm-out"));
    Processes.Result npm = programs.npm(pkg, Map.of(), "pack", "--json", "--loglevel=silent", "--pack-destination",
        npmOut.toString());
    assertThat(npm.exitCode()).as("npm pack output:\n%s", npm.output()).isZero();
    Map<String, Object> reported = npmJson(npm.output());
    Path npmTarball = npmOut.resolve((String) reported.get("filename"));

    PackResult ours = Packer.npmCompatible().pack(pkg, work.resolve("our-out"));

    List<Entry> npmEntries = entries(npmTarball);
    List<Entry> ourEntries = entries(ours.tarball());
    assertThat(ourEntries).as("entries of our tarball (in order) against npm's").containsExactlyElementsOf(npmEntries);
    assertThat(npmEntries).as("the fixture packs something besides package.json").hasSizeGreaterThan(1);

    assertThat(ours.filename()).isEqualTo(reported.get("filename"));
    assertThat(ours.name().value()).isEqualTo(reported.get("name"));
    assertThat(ours.version()).isEqualTo(reported.get("version"));
    assertThat(ours.id()).isEqualTo(reported.get("id"));
    assertThat((double) ours.unpackedSize()).isEqualTo(((Number) reported.get("unpackedSize")).doubleValue());
    assertThat((double) ours.entryCount()).isEqualTo(((Number) reported.get("entryCount")).doubleValue());
    List<String> npmFiles = new ArrayList<>();
    for (Object f : (List<?>) reported.get("files")) {
      Map<?, ?> file = (Map<?, ?>) f;
      npmFiles.add(file.get("path") + " " + ((Number) file.get("size")).longValue() + " "
          + Integer.toOctalString(((Number) file.get("mode")).intValue()));
    }
    List<String> ourFiles = new ArrayList<>();
    for (PackedFile f : ours.files()) {
      ourFiles.add(f.path() + " " + f.size() + " " + Integer.toOctalString(f.mode()));
    }
    assertThat(ourFiles).as("files as npm pack --json lists them").containsExactlyElementsOf(npmFiles);

    byte[] tarball = Files.readAllBytes(ours.tarball());
    assertThat(ours.size()).isEqualTo(tarball.length);
    assertThat(ours.integrity()).isEqualTo("sha512-"
        + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(tarball)));
    assertThat(ours.shasum()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(tarball)));
  }

  /**
   * One tar entry as a reader sees it.
   *
   * @param name the entry name
   * @param type the tar type flag
   * @param mode the permission bits, in octal
   * @param size the size in the header
   * @param linkName the link target, for a hard link
   * @param sha256 the content's digest
   * @param mtime the modification time in seconds
   */
  record Entry(String name, char type, String mode, long size, String linkName, String sha256, long mtime) {
  }

  private static List<Entry> entries(Path tarball) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(tarball);
         TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        byte[] content = tar.readAllBytes();
        out.add(new Entry(entry.getName(), (char) entry.getLinkFlag(), Integer.toOctalString(entry.getMode()),
            entry.getSize(), entry.getLinkName(), sha256(content), entry.getModTime().getTime() / 1000));
      }
    }
    return out;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The object npm pack --json prints (in an array), found in output that may hold other lines. */
  private static Map<String, Object> npmJson(String output) throws IOException {
    int start = output.indexOf("[\n");
    int end = output.lastIndexOf(']');
    assertThat(start).as("npm pack --json output:\n%s", output).isGreaterThanOrEqualTo(0);
    List<Map<String, Object>> list = new Moshi.Builder().build()
        .<List<Map<String, Object>>>adapter(Types.newParameterizedType(List.class, Map.class))
        .fromJson(output.substring(start, end + 1));
    assertThat(list).hasSize(1);
    return list.get(0);
  }

  private static void copyFixture(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to;
        for (Path segment : from.relativize(source)) {
          target = target.resolve(storedName(segment.toString()));
        }
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
          chmod(target, "rw-r--r--");
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static String storedName(String segment) {
    if (segment.equals("gitignore.txt")) {
      return ".gitignore";
    }
    if (segment.equals("_node_modules_")) {
      return "node_modules";
    }
    if (segment.startsWith("_dot_")) {
      return "." + segment.substring("_dot_".length());
    }
    return segment;
  }

  private static void chmod(Path path, String permissions) throws IOException {
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
  }

  private static void mkfifo(Path path) throws IOException, InterruptedException {
    assumeTrue(Processes.which("mkfifo").isPresent(), "mkfifo not found: the litter fixture needs a FIFO");
    Processes.Result made = Processes.run(path.getParent(), Map.of(), java.time.Duration.ofSeconds(30),
        List.of("mkfifo", path.toString()));
    assertThat(made.exitCode()).as(made.output()).isZero();
  }
}
