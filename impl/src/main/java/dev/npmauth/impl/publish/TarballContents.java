package dev.npmauth.impl.publish;

import dev.npmauth.impl.json.Json;
import dev.npmauth.publish.PublishException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * What a package tarball holds that publishing needs: its {@code package.json}, its README, its
 * size and digests. Read in one streaming pass.
 *
 * @param path the tarball
 * @param size its size in bytes
 * @param integrity {@code sha512-<base64>}
 * @param shasum hex SHA-1
 * @param manifest the parsed {@code package.json}
 * @param readme the README text and file name, if the package has one
 */
public record TarballContents(Path path, long size, String integrity, String shasum, Map<String, Object> manifest,
    Optional<Readme> readme) {

  /** Largest {@code package.json} read. */
  private static final int MAX_MANIFEST = 8 * 1024 * 1024;
  /** Largest README kept in the version manifest. */
  private static final int MAX_README = 1024 * 1024;

  /**
   * A README found in the package.
   *
   * @param fileName for example {@code README.md}
   * @param text its content
   */
  public record Readme(String fileName, String text) {
  }

  /**
   * Reads a tarball.
   *
   * @param tarball the {@code .tgz}
   * @return its contents
   * @throws PublishException when it is missing, not a gzip'd tar, or has no readable
   *     {@code package.json} at the top of its single root folder
   */
  public static TarballContents read(Path tarball) {
    MessageDigest sha512;
    MessageDigest sha1;
    try {
      sha512 = MessageDigest.getInstance("SHA-512");
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-512 or SHA-1", e);
    }
    byte[] manifestBytes = null;
    Readme readme = null;
    long size;
    try (InputStream file = Files.newInputStream(tarball);
         DigestInputStream digest512 = new DigestInputStream(file, sha512);
         DigestInputStream digest1 = new DigestInputStream(digest512, sha1)) {
      try {
        // buffering above the digests: gzip marks and resets its input, and a reset below a digest
        // would hash the same bytes twice
        GzipCompressorInputStream gzip = new GzipCompressorInputStream(new BufferedInputStream(digest1, 64 * 1024));
        TarArchiveInputStream tar = new TarArchiveInputStream(gzip);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          if (!entry.isFile()) {
            continue;
          }
          String name = entry.getName();
          int slash = name.indexOf('/');
          if (slash < 0 || name.indexOf('/', slash + 1) >= 0) {
            continue; // only files directly in the root folder matter here
          }
          String base = name.substring(slash + 1);
          if (base.equals("package.json") && manifestBytes == null) {
            if (entry.getSize() > MAX_MANIFEST) {
              throw new PublishException(tarball + ": package.json is larger than 8 MiB");
            }
            manifestBytes = tar.readAllBytes();
          } else if (readme == null && isReadme(base)) {
            byte[] text = tar.readNBytes(MAX_README);
            readme = new Readme(base, new String(text, StandardCharsets.UTF_8));
          }
        }
      } catch (IOException e) {
        throw new PublishException(tarball + " is not a gzip'd tar archive (" + e.getMessage()
            + "); make it with npm pack or npmauth pack", e);
      }
      digest1.transferTo(java.io.OutputStream.nullOutputStream()); // hash what the archive reader left unread
      size = Files.size(tarball);
    } catch (NoSuchFileException e) {
      throw new PublishException("tarball not found: " + tarball, e);
    } catch (IOException e) {
      throw new PublishException("cannot read " + tarball + ": " + e.getMessage(), e);
    }
    if (manifestBytes == null) {
      throw new PublishException(tarball + " has no package.json at the top of its root folder"
          + " (expected package/package.json, as npm pack makes it)");
    }
    Map<String, Object> manifest;
    try {
      manifest = Json.readObject(new String(manifestBytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new PublishException("package.json in " + tarball + " is not a JSON object: " + e.getMessage(), e);
    }
    return new TarballContents(tarball, size, "sha512-" + Base64.getEncoder().encodeToString(sha512.digest()),
        HexFormat.of().formatHex(sha1.digest()), manifest, Optional.ofNullable(readme));
  }

  private static boolean isReadme(String base) {
    String lower = base.toLowerCase(Locale.ROOT);
    return lower.equals("readme") || lower.startsWith("readme.");
  }
}
