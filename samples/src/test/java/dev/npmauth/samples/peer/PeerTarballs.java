package dev.npmauth.samples.peer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Package tarballs for the peer tests: a gzipped tar with each file under {@code package/}. */
final class PeerTarballs {
  private PeerTarballs() {
  }

  /** A tarball holding only {@code package/package.json}. */
  static byte[] withPackageJson(String packageJson) throws IOException {
    return of(Map.of("package.json", packageJson));
  }

  /**
   * A tarball of text files.
   *
   * @param files each file's path below {@code package/} and its text, in the order to write them
   */
  static byte[] of(Map<String, String> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        byte[] data = file.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry("package/" + file.getKey());
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
