package dev.npmauth.impl.verify;

import dev.npmauth.impl.json.Json;
import dev.npmauth.provenance.NpmPackageVersion;
import dev.npmauth.provenance.RegistrySignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts verification needs about one version, read from a full packument
 * ({@code versions[v]} and {@code time[v]}) or from a lone version manifest.
 *
 * @param version the version facts for the provenance verifiers
 * @param attestationsUrl {@code dist.attestations.url}, when the version has attestations
 * @param provenancePredicateType {@code dist.attestations.provenance.predicateType}, if given
 */
record VersionFacts(NpmPackageVersion version, Optional<String> attestationsUrl,
    Optional<String> provenancePredicateType) {

  /** A packument that cannot be used, with the reason. */
  static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String message) {
      super(message);
    }
  }

  /**
   * Reads a version from a packument or manifest document.
   *
   * @param json the document
   * @param name the expected package name, or null to take the document's
   * @param version the version, or null for the manifest's own or the {@code latest} tag
   */
  static VersionFacts read(byte[] json, String name, String version) throws Unusable {
    Map<String, Object> doc;
    try {
      doc = Json.readObject(new String(json, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new Unusable("the packument is not a JSON object: " + e.getMessage());
    }
    return of(doc, name, version);
  }

  /** Reads a version from a parsed packument or manifest. */
  static VersionFacts of(Map<String, Object> doc, String name, String version) throws Unusable {
    Map<String, Object> manifest;
    Optional<Instant> published = Optional.empty();
    String docName = Json.string(doc, "name").orElse(null);
    if (doc.get("versions") instanceof Map) {
      Map<String, Object> versions = Json.object(doc, "versions").orElseThrow();
      String v = version;
      if (v == null) {
        v = Json.object(doc, "dist-tags").flatMap(t -> Json.string(t, "latest")).orElseThrow(
            () -> new Unusable("no version given and the packument has no latest dist-tag"));
      }
      Object m = versions.get(v);
      if (!(m instanceof Map)) {
        List<String> known = new ArrayList<>(versions.keySet());
        throw new Unusable("the packument of " + (docName != null ? docName : name)
            + " lists no version " + v + " (it lists " + (known.isEmpty() ? "none"
                : String.join(", ", known.subList(Math.max(0, known.size() - 10), known.size())))
            + ")");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> cast = (Map<String, Object>) m;
      manifest = cast;
      String chosen = v;
      Optional<String> time = Json.object(doc, "time").flatMap(t -> Json.string(t, chosen));
      published = parseTime(time);
    } else if (doc.get("dist") instanceof Map) {
      manifest = doc;
      published = parseTime(Json.string(doc, "_time"));
      String own = Json.string(doc, "version").orElse(null);
      if (version != null && own != null && !own.equals(version)) {
        throw new Unusable("the manifest is of version " + own + ", not " + version);
      }
    } else {
      throw new Unusable("the document is neither a packument (no \"versions\") nor a version"
          + " manifest (no \"dist\")");
    }
    String n = Json.string(manifest, "name").orElse(docName);
    if (n == null) {
      n = name;
    }
    if (n == null) {
      throw new Unusable("the manifest has no name");
    }
    if (name != null && !name.equals(n)) {
      throw new Unusable("the packument is of " + n + ", not " + name);
    }
    String v = Json.string(manifest, "version").orElse(version);
    if (v == null) {
      throw new Unusable("the manifest has no version");
    }
    Map<String, Object> dist = Json.object(manifest, "dist")
        .orElseThrow(() -> new Unusable("version " + version + " has no dist object"));
    Optional<String> integrity = Json.string(dist, "integrity")
        .or(() -> Json.string(dist, "shasum").flatMap(Sri::fromShasum));
    if (integrity.isEmpty() || Sri.parse(integrity.get()).isEmpty()) {
      throw new Unusable(n + "@" + v + " has no usable dist.integrity or dist.shasum");
    }
    List<RegistrySignature> signatures = new ArrayList<>();
    if (dist.get("signatures") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> s && s.get("keyid") instanceof String k
            && s.get("sig") instanceof String sig) {
          signatures.add(new RegistrySignature(k, sig));
        } else {
          throw new Unusable(n + "@" + v + " has a dist.signatures entry without a string keyid"
              + " and sig");
        }
      }
    }
    Optional<String> attestationsUrl = Json.object(dist, "attestations")
        .flatMap(a -> Json.string(a, "url"));
    Optional<String> predicate = Json.object(dist, "attestations")
        .flatMap(a -> Json.object(a, "provenance")).flatMap(p -> Json.string(p, "predicateType"));
    NpmPackageVersion facts = new NpmPackageVersion(n, v, integrity.get(), signatures, published,
        repository(manifest));
    return new VersionFacts(facts, attestationsUrl, predicate);
  }

  private static Optional<Instant> parseTime(Optional<String> text) throws Unusable {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text.get()));
    } catch (DateTimeParseException e) {
      throw new Unusable("the publish time '" + text.get() + "' is not an ISO-8601 instant");
    }
  }

  private static Optional<String> repository(Map<String, Object> manifest) {
    Object repo = manifest.get("repository");
    if (repo instanceof String s) {
      return Optional.of(s);
    }
    if (repo instanceof Map<?, ?> m && m.get("url") instanceof String url) {
      return Optional.of(url);
    }
    return Optional.empty();
  }
}
