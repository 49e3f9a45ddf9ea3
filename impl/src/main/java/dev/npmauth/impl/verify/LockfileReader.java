package dev.npmauth.impl.verify;

import dev.npmauth.impl.json.Json;
import dev.npmauth.verify.DependencySource;
import dev.npmauth.verify.LockedDependency;
import dev.npmauth.verify.Lockfile;
import dev.npmauth.verify.LockfileException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code package-lock.json} and {@code npm-shrinkwrap.json}: version 2 and 3 from
 * {@code packages} (keyed by install location, as npm's arborist writes it), version 1 from the
 * nested {@code dependencies} tree.
 */
final class LockfileReader {
  static final String SHRINKWRAP = "npm-shrinkwrap.json";
  static final String PACKAGE_LOCK = "package-lock.json";
  private static final String NODE_MODULES = "node_modules/";
  private static final Pattern SEMVER = Pattern.compile(
      "v?\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?");
  private static final List<String> GIT_PREFIXES = List.of("git+", "git:", "git@", "github:",
      "gitlab:", "bitbucket:", "gist:");

  private LockfileReader() {
  }

  static Lockfile read(Path fileOrFolder) {
    Path file = locate(fileOrFolder);
    Map<String, Object> doc;
    try {
      doc = Json.readObject(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new LockfileException(file, "no such file");
    } catch (MalformedInputException e) {
      throw new LockfileException(file, "not UTF-8 text", e);
    } catch (IOException e) {
      throw new LockfileException(file, "not a JSON object: " + e.getMessage(), e);
    }
    Object v = doc.get("lockfileVersion");
    if (!(v instanceof Long)) {
      throw new LockfileException(file, "no numeric lockfileVersion; npm writes 1, 2 or 3");
    }
    int version = ((Long) v).intValue();
    if (version < 1 || version > 3) {
      throw new LockfileException(file, "lockfileVersion " + v + " is not supported; 1, 2 and 3"
          + " are (npm 5 to 11)");
    }
    List<LockedDependency> deps = new ArrayList<>();
    Optional<Map<String, Object>> packages = Json.object(doc, "packages");
    if (version >= 2 && packages.isPresent()) {
      fromPackages(file, packages.get(), deps);
    } else if (doc.containsKey("dependencies") || version == 1) {
      Json.object(doc, "dependencies").ifPresent(d -> fromDependencies(file, "", d, deps));
    } else {
      throw new LockfileException(file, "lockfileVersion " + version + " but no \"packages\"");
    }
    return new Lockfile(file, version, deps);
  }

  private static Path locate(Path fileOrFolder) {
    if (!Files.isDirectory(fileOrFolder)) {
      return fileOrFolder;
    }
    Path shrinkwrap = fileOrFolder.resolve(SHRINKWRAP);
    if (Files.isRegularFile(shrinkwrap)) {
      return shrinkwrap;
    }
    Path lock = fileOrFolder.resolve(PACKAGE_LOCK);
    if (Files.isRegularFile(lock)) {
      return lock;
    }
    throw new LockfileException(fileOrFolder, "the folder has neither " + SHRINKWRAP + " nor "
        + PACKAGE_LOCK + "; run npm install (or npm install --package-lock-only) first");
  }

  private static void fromPackages(Path file, Map<String, Object> packages,
      List<LockedDependency> out) {
    for (Map.Entry<String, Object> e : packages.entrySet()) {
      String location = e.getKey();
      if (location.isEmpty()) {
        continue; // the root project
      }
      if (!(e.getValue() instanceof Map)) {
        throw new LockfileException(file, "packages[\"" + location + "\"] is not an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> entry = (Map<String, Object>) e.getValue();
      int nm = location.lastIndexOf(NODE_MODULES);
      boolean inNodeModules = nm == 0 || nm > 0 && location.charAt(nm - 1) == '/';
      String name = Json.string(entry, "name")
          .orElse(inNodeModules ? location.substring(nm + NODE_MODULES.length()) : location);
      String version = Json.string(entry, "version").orElse("");
      Optional<String> resolved = Json.string(entry, "resolved");
      Optional<String> integrity = Json.string(entry, "integrity");
      DependencySource source;
      if (!inNodeModules) {
        source = DependencySource.WORKSPACE;
      } else if (Boolean.TRUE.equals(entry.get("link"))) {
        source = DependencySource.LINK;
      } else if (Boolean.TRUE.equals(entry.get("inBundle"))) {
        source = DependencySource.BUNDLED;
      } else if (resolved.isPresent()) {
        source = classify(resolved.get());
      } else {
        source = SEMVER.matcher(version).matches() ? DependencySource.REGISTRY
            : classify(version);
      }
      out.add(new LockedDependency(location, name, version, resolved, integrity, source,
          Boolean.TRUE.equals(entry.get("dev")), Boolean.TRUE.equals(entry.get("optional"))
              || Boolean.TRUE.equals(entry.get("devOptional"))));
    }
  }

  private static void fromDependencies(Path file, String parent, Map<String, Object> deps,
      List<LockedDependency> out) {
    for (Map.Entry<String, Object> e : deps.entrySet()) {
      String key = e.getKey();
      if (!(e.getValue() instanceof Map)) {
        throw new LockfileException(file, "dependencies[\"" + key + "\"] is not an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> entry = (Map<String, Object>) e.getValue();
      String location = (parent.isEmpty() ? "" : parent + "/") + NODE_MODULES + key;
      String name = key;
      String version = Json.string(entry, "version").orElse("");
      if (version.startsWith("npm:")) {
        // an alias: "npm:<real name>@<version>"
        String spec = version.substring(4);
        int at = spec.lastIndexOf('@');
        if (at > 0) {
          name = spec.substring(0, at);
          version = spec.substring(at + 1);
        }
      }
      Optional<String> resolved = Json.string(entry, "resolved");
      DependencySource source;
      if (Boolean.TRUE.equals(entry.get("bundled"))) {
        source = DependencySource.BUNDLED;
      } else if (!SEMVER.matcher(version).matches()) {
        source = classify(version);
      } else if (resolved.isPresent()) {
        source = classify(resolved.get());
      } else {
        source = DependencySource.REGISTRY;
      }
      out.add(new LockedDependency(location, name, version, resolved,
          Json.string(entry, "integrity"), source, Boolean.TRUE.equals(entry.get("dev")),
          Boolean.TRUE.equals(entry.get("optional"))));
      Json.object(entry, "dependencies").ifPresent(d -> fromDependencies(file, location, d, out));
    }
  }

  /** Where a {@code resolved} value (or a v1 {@code version} that is not semver) points. */
  static DependencySource classify(String spec) {
    String s = spec.trim();
    String lower = s.toLowerCase(Locale.ROOT);
    for (String p : GIT_PREFIXES) {
      if (lower.startsWith(p)) {
        return DependencySource.GIT;
      }
    }
    if (lower.startsWith("file:")) {
      return DependencySource.FILE;
    }
    if (lower.startsWith("link:")) {
      return DependencySource.LINK;
    }
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      String path;
      try {
        path = URI.create(s).getRawPath();
      } catch (IllegalArgumentException e) {
        return DependencySource.REMOTE_TARBALL;
      }
      // A registry serves tarballs at <registry>/<name>/-/<file>.tgz.
      return path != null && path.matches(".*/[^/]+/-/[^/]+\\.tgz")
          ? DependencySource.REGISTRY : DependencySource.REMOTE_TARBALL;
    }
    if (SEMVER.matcher(s).matches()) {
      return DependencySource.REGISTRY;
    }
    return DependencySource.FILE;
  }
}
