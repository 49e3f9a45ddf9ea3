package dev.npmauth.impl.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Makes small package tarballs for tests. */
public final class Tarballs {
  private Tarballs() {
  }

  /**
   * Writes {@code <name>-<version>.tgz} with {@code package/package.json} and further files.
   *
   * @param dir where to write
   * @param packageJson the package.json text
   * @param files more files, path below {@code package/} to content
   * @return the tarball
   * @throws IOException if writing fails
   */
  public static Path write(Path dir, String fileName, String packageJson, Map<String, String> files) throws IOException {
    Path tarball = dir.resolve(fileName);
    Map<String, String> all = new LinkedHashMap<>();
    all.put("package.json", packageJson);
    all.putAll(files);
    try (OutputStream out = Files.newOutputStream(tarball);
         GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      for (Map.Entry<String, String> file : all.entrySet()) {
        byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry("package/" + file.getKey());
        entry.setSize(bytes.length);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
    return tarball;
  }

  /**
   * A minimal package.
   *
   * @param dir where to write
   * @param name the package name
   * @param version the version
   * @return the tarball
   * @throws IOException if writing fails
   */
  public static Path simple(Path dir, String name, String version) throws IOException {
    return write(dir, name.replace("@", "").replace('/', '-') + "-" + version + ".tgz",
        "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"description\":\"test package\",\"main\":\"index.js\"}",
        Map.of("index.js", "module.exports = '" + name + "@" + version + "'\n", "README.md", "# " + name + "\n"));
  }
}
