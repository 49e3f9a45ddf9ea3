package dev.npmauth.samples.cli;

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

/** The small package the demo publishes, written as a tarball shaped like npm pack's. */
final class DemoPackage {
  private DemoPackage() {
  }

  static Path write(Path dir, String name, String version) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("package.json", "{\n  \"name\": \"" + name + "\",\n  \"version\": \"" + version + "\",\n"
        + "  \"description\": \"published by npmauth demo\",\n  \"main\": \"index.js\",\n  \"license\": \"Apache-2.0\"\n}\n");
    files.put("README.md", "# " + name + "\n\nPublished through trusted publishing by `npmauth demo`.\n");
    files.put("index.js", "module.exports = () => 'hello from " + name + "@" + version + "';\n");
    Path tarball = dir.resolve(name.replace("@", "").replace('/', '-') + "-" + version + ".tgz");
    try (OutputStream out = Files.newOutputStream(tarball);
         GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      for (Map.Entry<String, String> file : files.entrySet()) {
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
}
