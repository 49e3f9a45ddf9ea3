package dev.npmauth.impl.pack;

import dev.npmauth.InvalidPackageNameException;
import dev.npmauth.PackageName;
import dev.npmauth.impl.json.Json;
import dev.npmauth.pack.PackException;
import dev.npmauth.pack.PackFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.semver4j.Semver;

/**
 * The fields of {@code package.json} that decide what npm packs, read as npm reads them:
 * {@code bin} normalised as {@code @npmcli/package-json} does (a string becomes
 * {@code {name: path}}, paths are made relative and kept inside the package, invalid entries are
 * dropped, {@code directories.bin} is expanded when there is no {@code bin}); {@code main},
 * {@code browser} and {@code files} as they are.
 *
 * @param name the package name
 * @param version the version
 * @param bin the normalised bin paths (values of the normalised {@code bin} object, in order)
 * @param main the {@code main} field as npm turns it into a string, if it is truthy
 * @param browser the {@code browser} field as npm turns it into a string, if it is truthy
 * @param files the {@code files} entries, if the field is truthy
 */
record PackageManifest(PackageName name, String version, Optional<List<String>> bin, Optional<String> main,
    Optional<String> browser, Optional<List<String>> files) {

  /**
   * Reads {@code package.json} from a package folder.
   *
   * @param folder the package folder
   * @return the manifest
   * @throws PackException if it is missing, unreadable, not a JSON object, has no valid name or
   *     version, has fields of shapes npm cannot use, bundles dependencies, or is a workspaces root
   */
  static PackageManifest read(Path folder) {
    Path file = folder.resolve("package.json");
    String text;
    try {
      text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PackException(PackFailure.MISSING_MANIFEST, folder + " has no package.json: npm packs a folder"
          + " that holds a package.json with at least a name and a version", e);
    } catch (IOException e) {
      throw new PackException(PackFailure.IO_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    Map<String, Object> json;
    try {
      json = Json.readObject(text);
    } catch (IOException | RuntimeException e) {
      throw new PackException(PackFailure.INVALID_MANIFEST, file + " is not a JSON object: " + e.getMessage(), e);
    }
    return of(json, folder);
  }

  /**
   * Interprets a parsed {@code package.json}.
   *
   * @param json the object
   * @param folder the package folder ({@code directories.bin} is expanded from it)
   * @return the manifest
   * @throws PackException as {@link #read(Path)}
   */
  static PackageManifest of(Map<String, Object> json, Path folder) {
    Object rawName = json.get("name");
    if (!Js.truthy(rawName)) {
      throw new PackException(PackFailure.INVALID_NAME, "package.json has no name; npm requires a name and a version");
    }
    if (!(rawName instanceof String nameText)) {
      throw new PackException(PackFailure.INVALID_NAME, "package.json's name must be a string, not " + rawName);
    }
    PackageName name;
    try {
      name = PackageName.of(nameText);
    } catch (InvalidPackageNameException e) {
      throw new PackException(PackFailure.INVALID_NAME, "package.json's name is not a valid npm package name: "
          + e.getMessage(), e);
    }
    Object rawVersion = json.get("version");
    if (!Js.truthy(rawVersion)) {
      throw new PackException(PackFailure.INVALID_VERSION, "package.json has no version; npm requires a name and a version");
    }
    if (!(rawVersion instanceof String version) || !isStrictSemver(version)) {
      throw new PackException(PackFailure.INVALID_VERSION, "package.json's version " + Js.toString(rawVersion)
          + " is not a semantic version such as 1.2.3 or 2.0.0-beta.1 (the registry refuses to publish it)");
    }
    refuseBundledDependencies(json);
    refuseWorkspaces(json);
    Optional<String> main = Js.truthy(json.get("main")) ? Optional.of(Js.toString(json.get("main"))) : Optional.empty();
    Optional<String> browser = Js.truthy(json.get("browser")) ? Optional.of(Js.toString(json.get("browser")))
        : Optional.empty();
    return new PackageManifest(name, version, normalizedBin(json, nameText, folder), main, browser, files(json));
  }

  /** A semantic version written exactly as such: no {@code v} prefix, no surrounding space. */
  private static boolean isStrictSemver(String version) {
    Semver parsed = Semver.isValid(version) ? Semver.parse(version) : null;
    return parsed != null && parsed.getVersion().equals(version);
  }

  private static Optional<List<String>> files(Map<String, Object> json) {
    Object files = json.get("files");
    if (!Js.truthy(files)) {
      return Optional.empty();
    }
    if (!(files instanceof List<?> list)) {
      throw new PackException(PackFailure.INVALID_MANIFEST, "package.json's files must be an array of paths and"
          + " globs, for example [\"lib\", \"index.js\"], not " + Js.toString(files));
    }
    List<String> out = new ArrayList<>(list.size());
    for (Object entry : list) {
      if (!(entry instanceof String s)) {
        throw new PackException(PackFailure.INVALID_MANIFEST, "package.json's files must hold only strings, not "
            + Js.toString(entry) + " (npm fails on it too)");
      }
      out.add(s);
    }
    return Optional.of(out);
  }

  /** {@code bundleDependencies} (or {@code bundledDependencies}) after npm's normalisation. */
  private static void refuseBundledDependencies(Map<String, Object> json) {
    Object bd = json.containsKey("bundleDependencies") ? json.get("bundleDependencies") : json.get("bundledDependencies");
    List<String> names = new ArrayList<>();
    if (Boolean.TRUE.equals(bd)) {
      if (json.get("dependencies") instanceof Map<?, ?> deps) {
        deps.keySet().forEach(k -> names.add(String.valueOf(k)));
      }
    } else if (bd instanceof Map<?, ?> map) {
      map.keySet().forEach(k -> names.add(String.valueOf(k)));
    } else if (bd instanceof List<?> list) {
      list.forEach(k -> names.add(Js.toString(k)));
    }
    if (!names.isEmpty()) {
      throw new PackException(PackFailure.UNSUPPORTED, "package.json bundles dependencies (bundleDependencies: "
          + names + "), which this packer does not support: pack with npm pack, or remove bundleDependencies");
    }
  }

  private static void refuseWorkspaces(Map<String, Object> json) {
    Object ws = json.get("workspaces");
    Object patterns = ws instanceof Map<?, ?> map ? map.get("packages") : ws;
    if (patterns instanceof List<?> list && !list.isEmpty()) {
      throw new PackException(PackFailure.UNSUPPORTED, "package.json declares workspaces " + list + "; npm selects the"
          + " files of a workspaces root differently, which this packer does not support: pack each workspace folder");
    }
  }

  /** {@code @npmcli/package-json}'s {@code bin} and {@code binDir} normalisation steps. */
  private static Optional<List<String>> normalizedBin(Map<String, Object> json, String name, Path folder) {
    Object bin = json.get("bin");
    Object directories = json.get("directories");
    Object binDir = directories instanceof Map<?, ?> d ? d.get("bin") : null;
    if (Js.truthy(binDir) && !Js.truthy(bin)) {
      if (!(binDir instanceof String binDirText)) {
        throw new PackException(PackFailure.INVALID_MANIFEST, "package.json's directories.bin must be a path,"
            + " not " + Js.toString(binDir));
      }
      return Optional.of(expandBinDirectory(folder, NodePath.secureAndUnixify(binDirText)));
    }
    if (!Js.truthy(bin)) {
      return Optional.empty();
    }
    Map<String, Object> object;
    if (bin instanceof String s) {
      object = new LinkedHashMap<>();
      object.put(name, s);
    } else if (bin instanceof List<?> list) {
      Map<String, Object> reduced = new LinkedHashMap<>();
      for (Object k : list) {
        if (!(k instanceof String path)) {
          throw new PackException(PackFailure.INVALID_MANIFEST, "package.json's bin array must hold only paths,"
              + " not " + Js.toString(k) + " (npm fails on it too)");
        }
        reduced.put(NodePath.basename(path), path);
      }
      object = Js.asObject(reduced);
    } else if (bin instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), v));
      object = Js.asObject(copy);
    } else {
      return Optional.empty();
    }
    for (String key : new ArrayList<>(object.keySet())) {
      if (!object.containsKey(key)) {
        continue; // removed earlier in this loop, as JavaScript's for-in skips it
      }
      if (!(object.get(key) instanceof String target)) {
        object.remove(key);
        continue;
      }
      String base = NodePath.basename(NodePath.secureAndUnixify(key));
      if (base.isEmpty()) {
        object.remove(key);
        continue;
      }
      String secured = NodePath.secureAndUnixify(target);
      if (secured.isEmpty()) {
        object.remove(key);
        continue;
      }
      if (!base.equals(key)) {
        object.remove(key);
      }
      object.put(base, secured);
    }
    if (object.isEmpty()) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    object.values().forEach(v -> values.add((String) v));
    return Optional.of(values);
  }

  /**
   * The bins {@code directories.bin} gives: glob {@code **} below it (names starting with a dot
   * and what is below them left out, symbolic links listed but not followed).
   */
  private static List<String> expandBinDirectory(Path folder, String binPath) {
    Path dir = folder.resolve(binPath.isEmpty() ? "." : binPath);
    Map<String, String> bins = new LinkedHashMap<>();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir, new FileVisitOption[0])) {
      walk.filter(p -> !p.equals(dir)).forEach(p -> {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        for (String segment : rel.split("/")) {
          if (segment.startsWith(".")) {
            return;
          }
        }
        bins.put(NodePath.basename(rel), binPath + "/" + NodePath.secureAndUnixify(rel));
      });
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new PackException(PackFailure.IO_ERROR, "cannot list directories.bin " + dir + ": " + e.getMessage(), e);
    }
    return new ArrayList<>(bins.values());
  }
}
