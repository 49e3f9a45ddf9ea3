package dev.npmauth.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds tarballs and publish documents shaped like the ones npm sends (protocol §5). */
final class Packages {
  private Packages() {}

  /** A gzip'd tar with package/package.json (and a filler file of {@code extraBytes}). */
  static byte[] tarball(String name, String version, int extraBytes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      add(tar, "package/package.json",
          ("{\"name\":\"" + name + "\",\"version\":\"" + version + "\"}").getBytes(StandardCharsets.UTF_8));
      byte[] filler = new byte[extraBytes];
      new Random(42).nextBytes(filler);
      add(tar, "package/data.bin", filler);
    }
    return bytes.toByteArray();
  }

  private static void add(TarArchiveOutputStream tar, String path, byte[] content) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(path);
    e.setSize(content.length);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  static String integrity(byte[] tgz) {
    return "sha512-" + Base64.getEncoder().encodeToString(digest("SHA-512", tgz));
  }

  static String shasum(byte[] tgz) {
    return HexFormat.of().formatHex(digest("SHA-1", tgz));
  }

  /** The document npm PUTs for {@code name@version} with tag {@code latest}. */
  static Map<String, Object> publishDoc(String name, String version, byte[] tgz, Object access) {
    Map<String, Object> dist = new LinkedHashMap<>();
    dist.put("integrity", integrity(tgz));
    dist.put("shasum", shasum(tgz));
    dist.put("tarball", "http://127.0.0.1:1/" + name + "/-/" + name + "-" + version + ".tgz");
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("name", name);
    manifest.put("version", version);
    manifest.put("description", "a test package");
    manifest.put("main", "index.js");
    manifest.put("dependencies", Map.of("left-pad", "^1.0.0"));
    manifest.put("scripts", Map.of("test", "echo ok"));
    manifest.put("readme", "# " + name);
    manifest.put("_id", name + "@" + version);
    manifest.put("dist", dist);
    Map<String, Object> attachment = new LinkedHashMap<>();
    attachment.put("content_type", "application/octet-stream");
    attachment.put("data", Base64.getEncoder().encodeToString(tgz));
    attachment.put("length", tgz.length);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("_id", name);
    doc.put("name", name);
    doc.put("description", "a test package");
    doc.put("dist-tags", new LinkedHashMap<>(Map.of("latest", version)));
    doc.put("versions", new LinkedHashMap<>(Map.of(version, manifest)));
    doc.put("access", access);
    doc.put("_attachments", new LinkedHashMap<>(Map.of(name + "-" + version + ".tgz", attachment)));
    return doc;
  }

  /** The version manifest inside a document made by {@link #publishDoc}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> manifest(Map<String, Object> doc) {
    Map<String, Object> versions = (Map<String, Object>) doc.get("versions");
    return (Map<String, Object>) versions.values().iterator().next();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> attachment(Map<String, Object> doc) {
    Map<String, Object> a = (Map<String, Object>) doc.get("_attachments");
    return (Map<String, Object>) a.values().iterator().next();
  }

  /** The path npm uses for a package: the scope's slash escaped as %2f. */
  static String path(String name) {
    return "/" + name.replace("/", "%2f");
  }

  private static byte[] digest(String alg, byte[] data) {
    try {
      return MessageDigest.getInstance(alg).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
