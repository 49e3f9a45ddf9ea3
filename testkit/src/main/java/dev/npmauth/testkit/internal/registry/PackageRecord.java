package dev.npmauth.testkit.internal.registry;

import dev.npmauth.testkit.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the registry holds about one package. Mutable; only {@link RegistryState} touches
 * it, under its lock.
 *
 * <p>Internal to the testkit; not API.
 */
final class PackageRecord {
  /** The version-manifest fields kept in the abbreviated ("corgi") packument. */
  private static final List<String> ABBREVIATED_FIELDS =
      List.of(
          "name",
          "version",
          "dependencies",
          "optionalDependencies",
          "peerDependencies",
          "peerDependenciesMeta",
          "devDependencies",
          "bundleDependencies",
          "bin",
          "directories",
          "engines",
          "os",
          "cpu",
          "deprecated",
          "dist",
          "_hasShrinkwrap",
          "hasInstallScript");

  final String name;
  final String access;
  final List<String> maintainers = new ArrayList<>();
  final Map<String, String> distTags = new LinkedHashMap<>();
  final Map<String, Map<String, Object>> versions = new LinkedHashMap<>();
  final Map<String, Instant> versionTimes = new LinkedHashMap<>();
  final Map<String, Path> tarballs = new LinkedHashMap<>();
  final Map<String, String> sigstoreBundles = new LinkedHashMap<>();
  final Instant created;
  Instant modified;
  String readme;
  int revision;
  /** The packuments as served, written once per revision (every change bumps the revision). */
  private byte[] fullJson;
  private int fullJsonRevision = -1;
  private byte[] abbreviatedJson;
  private int abbreviatedJsonRevision = -1;

  PackageRecord(String name, String access, String maintainer, Instant created) {
    this.name = name;
    this.access = access;
    this.maintainers.add(maintainer);
    this.created = created;
    this.modified = created;
  }

  boolean isPublic() {
    return "public".equals(access);
  }

  String rev() {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((name + ":" + revision).getBytes(StandardCharsets.UTF_8));
      return revision + "-" + HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  List<Object> maintainerObjects() {
    List<Object> list = new ArrayList<>();
    for (String m : maintainers) {
      list.add(Json.object("name", m, "email", m + "@example.com"));
    }
    return list;
  }

  /**
   * The full packument's JSON text, as served. Kept until the record changes, so reading a
   * package many times serializes it once. Callers must not change the array.
   */
  byte[] fullJson() {
    if (fullJsonRevision != revision) {
      fullJson = Json.bytes(full());
      fullJsonRevision = revision;
    }
    return fullJson;
  }

  /** The abbreviated packument's JSON text, as served; see {@link #fullJson()}. */
  byte[] abbreviatedJson() {
    if (abbreviatedJsonRevision != revision) {
      abbreviatedJson = Json.bytes(abbreviated());
      abbreviatedJsonRevision = revision;
    }
    return abbreviatedJson;
  }

  /** The full packument, as {@code GET /<name>} with {@code Accept: application/json} gets it. */
  Map<String, Object> full() {
    Map<String, Object> out = Json.object();
    out.put("_id", name);
    out.put("_rev", rev());
    out.put("name", name);
    String latest = distTags.get("latest");
    if (latest != null && versions.get(latest).get("description") instanceof String) {
      out.put("description", versions.get(latest).get("description"));
    }
    out.put("dist-tags", new LinkedHashMap<>(distTags));
    Map<String, Object> v = Json.object();
    for (Map.Entry<String, Map<String, Object>> e : versions.entrySet()) {
      v.put(e.getKey(), Json.deepCopy(e.getValue()));
    }
    out.put("versions", v);
    Map<String, Object> time = Json.object();
    time.put("created", Times.iso(created));
    time.put("modified", Times.iso(modified));
    for (Map.Entry<String, Instant> e : versionTimes.entrySet()) {
      time.put(e.getKey(), Times.iso(e.getValue()));
    }
    out.put("time", time);
    out.put("maintainers", maintainerObjects());
    if (readme != null) {
      out.put("readme", readme);
    }
    out.put("access", access);
    return out;
  }

  /** The abbreviated packument ({@code application/vnd.npm.install-v1+json}). */
  Map<String, Object> abbreviated() {
    Map<String, Object> out = Json.object();
    out.put("name", name);
    out.put("modified", Times.iso(modified));
    out.put("dist-tags", new LinkedHashMap<>(distTags));
    Map<String, Object> v = Json.object();
    for (Map.Entry<String, Map<String, Object>> e : versions.entrySet()) {
      Map<String, Object> small = Json.object();
      for (String field : ABBREVIATED_FIELDS) {
        if (e.getValue().containsKey(field)) {
          small.put(field, Json.deepCopy(e.getValue().get(field)));
        }
      }
      v.put(e.getKey(), small);
    }
    out.put("versions", v);
    return out;
  }
}
