package dev.npmauth.impl.publish;

import dev.npmauth.Credential;
import dev.npmauth.PackageName;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.impl.json.Json;
import dev.npmauth.registry.RegistryErrorKind;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.registry.RegistryUnreachableException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * The versions a registry already has for a package, with their integrity, read from the full
 * packument. Used before a publish (as npm does) and after a publish whose answer was lost.
 *
 * @param integrityByVersion each published version's {@code dist.integrity} (or {@code sha1-} form
 *     of its shasum when it has no integrity)
 * @param distTags the package's dist-tags
 */
record KnownVersions(Map<String, String> integrityByVersion, Map<String, String> distTags) {

  /** No versions: a new package. */
  static final KnownVersions NONE = new KnownVersions(Map.of(), Map.of());

  /**
   * Reads the packument.
   *
   * @param http the HTTP stack
   * @param name the package
   * @param credential sent for restricted packages, or null
   * @param command the npm command header
   * @return the versions; {@link #NONE} when the package does not exist
   * @throws RegistryException for refusals other than 404
   * @throws RegistryUnreachableException when the registry does not answer
   */
  @SuppressWarnings("unchecked")
  static KnownVersions fetch(RegistryHttp http, PackageName name, Credential credential, String command) {
    String body;
    try {
      body = http.call("GET", http.registryUrl(name.escaped())).command(command).credential(credential)
          .header("Accept", "application/json").header("Cache-Control", "no-cache").execute().body();
    } catch (RegistryException e) {
      if (e.kind() == RegistryErrorKind.NOT_FOUND) {
        return NONE;
      }
      throw e;
    }
    Map<String, Object> packument;
    try {
      packument = Json.readObject(body);
    } catch (IOException e) {
      throw new RegistryException(RegistryErrorKind.OTHER, 200, "GET", http.registryUrl(name.escaped()).uri(),
          "the packument of " + name + " is not a JSON object");
    }
    Map<String, String> integrity = new LinkedHashMap<>();
    Json.object(packument, "versions").orElse(Map.of()).forEach((version, manifest) -> {
      if (manifest instanceof Map<?, ?> m) {
        Map<String, Object> dist = Json.object((Map<String, Object>) m, "dist").orElse(Map.of());
        Json.string(dist, "integrity").or(() -> Json.string(dist, "shasum").map(KnownVersions::sha1Sri))
            .ifPresent(i -> integrity.put(version, i));
      }
    });
    Map<String, String> tags = new LinkedHashMap<>();
    Json.object(packument, "dist-tags").orElse(Map.of()).forEach((tag, version) -> {
      if (version instanceof String v) {
        tags.put(tag, v);
      }
    });
    return new KnownVersions(integrity, tags);
  }

  private static String sha1Sri(String hex) {
    byte[] bytes = java.util.HexFormat.of().parseHex(hex);
    return "sha1-" + java.util.Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * The integrity a version was published with.
   *
   * @param version the version
   * @return its integrity, if published
   */
  Optional<String> integrityOf(String version) {
    return Optional.ofNullable(integrityByVersion.get(version));
  }

  /**
   * The highest published version that is not a prerelease, as npm compares before tagging latest.
   *
   * @return the version, if any
   */
  Optional<Semver> highestRelease() {
    return integrityByVersion.keySet().stream()
        .map(Semver::parse)
        .filter(v -> v != null && v.getPreRelease().isEmpty())
        .max(Semver::compareTo);
  }
}
