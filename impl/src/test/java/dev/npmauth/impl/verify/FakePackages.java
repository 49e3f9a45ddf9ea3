package dev.npmauth.impl.verify;

import dev.npmauth.NpmRegistryClient;
import dev.npmauth.impl.json.Json;
import dev.npmauth.impl.testing.Tarballs;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.publish.Access;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.GitHubRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Publishes packages to the fake registry (with the admin token) and writes lockfiles of them. */
final class FakePackages {
  static final String REPOSITORY = "acme/widgets";

  private final FakeRegistry fake;
  private final Path dir;

  FakePackages(FakeRegistry fake, Path dir) {
    this.fake = fake;
    this.dir = dir;
  }

  /** A client of the fake that sends the admin token. */
  NpmRegistryClient client() {
    return TestClients.client(fake, Map.of("NPM_TOKEN", fake.adminToken()));
  }

  /** Publishes {@code name@version} whose package.json names the GitHub repository; returns the tarball bytes. */
  byte[] publish(String name, String version, boolean provenance) throws IOException {
    Path tgz = Tarballs.write(Files.createDirectories(dir.resolve("tgz-" + name.replace('/', '_'))),
        version + ".tgz", "{\"name\":\"" + name + "\",\"version\":\"" + version + "\","
            + "\"repository\":{\"type\":\"git\",\"url\":\"git+https://github.com/" + REPOSITORY
            + ".git\"}}", Map.of("index.js", "module.exports = '" + name + "@" + version + "';\n"));
    byte[] bytes = Files.readAllBytes(tgz);
    PublishRequest.Builder request = PublishRequest.builder(tgz).access(Access.PUBLIC);
    if (provenance) {
      request.provenanceBundle(fake.provenanceBundle(bytes, name, version,
          GitHubRun.of(REPOSITORY, "release.yml")));
    }
    try (NpmRegistryClient client = client()) {
      client.publisher().publish(request.build());
    }
    return bytes;
  }

  /** The registry's {@code dist.integrity} of a version. */
  String integrity(String name, String version) throws IOException {
    Map<String, Object> packument = Json.readObject(fake.packument(name).orElseThrow());
    Map<String, Object> v = Json.object(Json.object(packument, "versions").orElseThrow(), version)
        .orElseThrow();
    return Json.string(Json.object(v, "dist").orElseThrow(), "integrity").orElseThrow();
  }

  /** One installed package: location, name, version. */
  record Installed(String location, String name, String version) {
  }

  /**
   * A lockfile v3 (as npm 9+ writes it) of the installed packages, with resolved URLs and
   * integrities from the fake, plus extra raw entries.
   */
  Path lockfileV3(List<Installed> installed, Map<String, Map<String, Object>> extra) throws IOException {
    Map<String, Object> packages = new LinkedHashMap<>();
    packages.put("", Map.of("name", "consumer", "version", "1.0.0"));
    for (Installed i : installed) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("version", i.version());
      e.put("resolved", fake.tarballUrl(i.name(), i.version()).toString());
      e.put("integrity", integrity(i.name(), i.version()));
      packages.put(i.location(), e);
    }
    packages.putAll(extra);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", "consumer");
    doc.put("version", "1.0.0");
    doc.put("lockfileVersion", 3L);
    doc.put("requires", true);
    doc.put("packages", packages);
    Path file = Files.createDirectories(dir.resolve("project-" + System.nanoTime()))
        .resolve("package-lock.json");
    Files.writeString(file, Json.write(doc));
    return file;
  }

  static List<Installed> atTop(String... nameAtVersions) {
    List<Installed> out = new ArrayList<>();
    for (String nv : nameAtVersions) {
      int at = nv.lastIndexOf('@');
      out.add(new Installed("node_modules/" + nv.substring(0, at), nv.substring(0, at),
          nv.substring(at + 1)));
    }
    return out;
  }
}
