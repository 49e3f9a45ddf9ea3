package dev.npmauth.testkit.internal.registry;

import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.json.Json;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Publishes every {@code *.tgz} of a folder as the admin, as {@code npm publish <tarball>} would:
 * the version manifest is the tarball's {@code package.json} (the file under its one top folder,
 * {@code package/} for npm's tarballs) with {@code _id} and the README's text as {@code readme}.
 * The document goes through the registry's own publish checks and storage, without HTTP, so the
 * journal does not show it.
 *
 * <p>Every tarball is read and checked before anything is published: a tarball without a
 * readable {@code package.json}, an invalid name or version, two tarballs of one version, or a
 * version the registry already has fails the whole seed with every problem listed. The versions
 * of a package are published in semver order, the one that becomes {@code latest} last: the
 * highest release, or the highest prerelease when a package has only prereleases. The other
 * versions get the tag of their {@code publishConfig.tag}, if any. Access is {@code
 * publishConfig.access}, else public (scoped packages too, so that a seeded registry serves them
 * without a token).
 *
 * <p>Internal to the testkit; not API.
 */
public final class Seeding {
  private static final Pattern SEMVER =
      Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");
  private static final Pattern PACKAGE_JSON = Pattern.compile("^(?:\\./)?[^/]+/package\\.json$");
  private static final Pattern README = Pattern.compile("^(?:\\./)?[^/]+/readme(?:\\.[^/]*)?$",
      Pattern.CASE_INSENSITIVE);
  private static final long MAX_TEXT = 8L * 1024 * 1024;

  private final RegistryState state;
  private final TarballStore tarballs;
  private final TokenGrant admin;

  public Seeding(RegistryState state, TarballStore tarballs, TokenGrant admin) {
    this.state = state;
    this.tarballs = tarballs;
    this.admin = admin;
  }

  /** One tarball to publish. */
  private record Item(Path file, String name, String version, Map<String, Object> manifest, String readme) {
    String id() {
      return name + "@" + version;
    }

    Optional<String> publishConfig(String key) {
      return Json.asObject(manifest.get("publishConfig")).flatMap(c -> Json.asString(c.get(key)));
    }
  }

  /**
   * Publishes the folder's tarballs.
   *
   * @return what was published, as {@code name@version}, in publish order
   * @throws IllegalArgumentException if the folder is missing or a tarball cannot be published,
   *     naming every problem (nothing is published then)
   * @throws UncheckedIOException if a file cannot be read or the store written
   */
  public List<String> seed(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("cannot seed from " + folder + ": not a folder");
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".tgz") && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    List<String> problems = new ArrayList<>();
    Map<String, Item> byId = new LinkedHashMap<>();
    for (Path file : files) {
      try {
        Item item = read(file);
        Item twin = byId.putIfAbsent(item.id(), item);
        if (twin != null) {
          problems.add(file.getFileName() + ": " + item.id() + " is also in " + twin.file().getFileName());
        } else if (state.versions(item.name()).contains(item.version())) {
          problems.add(file.getFileName() + ": the registry already has " + item.id());
        }
      } catch (IllegalArgumentException e) {
        problems.add(file.getFileName() + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("cannot seed the fake registry from " + folder + ":\n  "
          + String.join("\n  ", problems));
    }
    Map<String, List<Item>> byPackage = new TreeMap<>();
    byId.values().forEach(i -> byPackage.computeIfAbsent(i.name(), k -> new ArrayList<>()).add(i));
    List<String> published = new ArrayList<>();
    for (List<Item> versions : byPackage.values()) {
      versions.sort(Comparator.comparing(Item::version, Seeding::compareVersions));
      Item latest = versions.stream().filter(i -> !isPrerelease(i.version())).reduce((a, b) -> b)
          .orElse(versions.get(versions.size() - 1));
      versions.remove(latest);
      versions.add(latest);
      for (Item item : versions) {
        String tag = item == latest ? "latest" : item.publishConfig("tag").orElse("latest");
        publish(item, tag);
        published.add(item.id());
      }
    }
    return published;
  }

  private Item read(Path file) {
    byte[] packageJson = null;
    byte[] readme = null;
    try (InputStream in = Files.newInputStream(file);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (!entry.isFile()) {
          continue;
        }
        String path = entry.getName();
        if (packageJson == null && PACKAGE_JSON.matcher(path).matches()) {
          packageJson = limited(tar, path);
        } else if (readme == null && README.matcher(path).matches()) {
          readme = limited(tar, path);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not a readable .tgz (" + e.getMessage() + ")");
    }
    if (packageJson == null) {
      throw new IllegalArgumentException("no package.json under the tarball's top folder (like package/package.json)");
    }
    Map<String, Object> manifest;
    try {
      manifest = Json.asObject(Json.parse(new String(packageJson, StandardCharsets.UTF_8)))
          .orElseThrow(() -> new IllegalArgumentException("package.json is not a JSON object"));
    } catch (IOException e) {
      throw new IllegalArgumentException("package.json is not valid JSON (" + e.getMessage() + ")");
    }
    String name = Json.asString(manifest.get("name"))
        .orElseThrow(() -> new IllegalArgumentException("package.json has no \"name\""));
    if (!PackageNames.isValid(name)) {
      throw new IllegalArgumentException("\"" + name + "\" is not a valid package name");
    }
    String version = Json.asString(manifest.get("version"))
        .orElseThrow(() -> new IllegalArgumentException("package.json has no \"version\""));
    if (!SEMVER.matcher(version).matches()) {
      throw new IllegalArgumentException("\"" + version + "\" is not a semantic version");
    }
    return new Item(file, name, version, manifest,
        readme == null ? null : new String(readme, StandardCharsets.UTF_8));
  }

  private static byte[] limited(InputStream in, String path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
      if (out.size() > MAX_TEXT) {
        throw new IOException(path + " is larger than " + MAX_TEXT + " bytes");
      }
    }
    return out.toByteArray();
  }

  /**
   * Writes the publish document npm would send to a file (the tarball base64-encoded while
   * copied, never held in memory), then parses, checks and stores it as a {@code PUT} would.
   */
  private void publish(Item item, String tag) {
    Map<String, Object> manifest = new LinkedHashMap<>(item.manifest());
    manifest.put("_id", item.id());
    if (item.readme() != null && !manifest.containsKey("readme")) {
      manifest.put("readme", item.readme());
    }
    manifest.remove("dist");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("_id", item.name());
    fields.put("name", item.name());
    manifest.computeIfPresent("description", (k, v) -> {
      fields.put("description", v);
      return v;
    });
    fields.put("dist-tags", Json.object(tag, item.version()));
    fields.put("versions", Json.object(item.version(), manifest));
    fields.put("access", item.publishConfig("access").orElse("public"));
    Path document = tarballs.newUpload();
    PublishDocument doc = null;
    try {
      long size = Files.size(item.file());
      String head = Json.write(fields);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(document))) {
        out.write(head.substring(0, head.length() - 1).getBytes(StandardCharsets.UTF_8));
        out.write((",\"_attachments\":{" + Json.write(item.name() + "-" + item.version() + ".tgz")
            + ":{\"content_type\":\"application/octet-stream\",\"length\":" + size + ",\"data\":\"")
            .getBytes(StandardCharsets.UTF_8));
        try (OutputStream base64 = Base64.getEncoder().wrap(new NonClosing(out))) {
          Files.copy(item.file(), base64);
        }
        out.write("\"}}}".getBytes(StandardCharsets.UTF_8));
      }
      try (InputStream in = Files.newInputStream(document)) {
        doc = PublishBodyParser.parse(in, tarballs);
      }
      state.publish(admin, PublishValidator.validate(doc, item.name()));
    } catch (HttpError e) {
      if (doc != null) {
        doc.discard();
      }
      throw new IllegalArgumentException(item.file().getFileName() + ": the registry refused " + item.id()
          + ": " + e.getMessage(), e);
    } catch (IOException e) {
      if (doc != null) {
        doc.discard();
      }
      throw new UncheckedIOException("cannot seed " + item.file(), e);
    } finally {
      try {
        Files.deleteIfExists(document);
      } catch (IOException ignored) {
        // the store's folder is deleted on close
      }
    }
  }

  /** Lets the base64 encoder be closed (to write its last bytes) without closing the file. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  private static boolean isPrerelease(String version) {
    Matcher m = SEMVER.matcher(version);
    return m.matches() && m.group(4) != null;
  }

  /** Semver precedence: numbers, then a release above its prereleases, then prerelease parts. */
  static int compareVersions(String a, String b) {
    Matcher x = SEMVER.matcher(a);
    Matcher y = SEMVER.matcher(b);
    if (!x.matches() || !y.matches()) {
      return a.compareTo(b);
    }
    for (int g = 1; g <= 3; g++) {
      int c = new BigInteger(x.group(g)).compareTo(new BigInteger(y.group(g)));
      if (c != 0) {
        return c;
      }
    }
    String pa = x.group(4);
    String pb = y.group(4);
    if (pa == null || pb == null) {
      return pa == null ? (pb == null ? 0 : 1) : -1;
    }
    String[] ia = pa.split("\\.");
    String[] ib = pb.split("\\.");
    for (int i = 0; i < Math.min(ia.length, ib.length); i++) {
      boolean na = ia[i].matches("\\d+");
      boolean nb = ib[i].matches("\\d+");
      int c;
      if (na && nb) {
        c = new BigInteger(ia[i]).compareTo(new BigInteger(ib[i]));
      } else if (na || nb) {
        c = na ? -1 : 1;
      } else {
        c = ia[i].compareTo(ib[i]);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(ia.length, ib.length);
  }
}
