package dev.npmauth.impl.publish;

import dev.npmauth.PackageName;
import dev.npmauth.RegistryUrl;
import dev.npmauth.credentials.ResolvedCredential;
import dev.npmauth.impl.json.Json;
import dev.npmauth.publish.Access;
import dev.npmauth.publish.PublishException;
import dev.npmauth.publish.PublishOutcome;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.publish.PublishResult;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * Everything decided about a publish before anything is sent: the checked name, version and tag,
 * and the document libnpmpublish would send (without its attachments).
 *
 * @param name the package
 * @param version the clean version
 * @param tag the dist-tag
 * @param tagGiven whether the tag was chosen (request or publishConfig) rather than the default
 * @param contents the tarball's contents
 * @param document the document without {@code _attachments}
 * @param provenance the provenance attachment ({@code content_type}, {@code data}, {@code length}),
 *     if any
 */
record PreparedPublish(PackageName name, String version, String tag, boolean tagGiven, TarballContents contents,
    Map<String, Object> document, Optional<Map<String, Object>> provenance) {

  PublishResult result(PublishOutcome outcome, ResolvedCredential credential, Optional<String> stageId) {
    return new PublishResult(name, version, tag, contents.integrity(), contents.shasum(), outcome,
        Optional.ofNullable(credential), stageId);
  }

  /** The streamed body: the document, the tarball, and the provenance attachment if any. */
  PublishDocumentBody body() {
    Map<String, Object> extra = new LinkedHashMap<>();
    provenance.ifPresent(p -> extra.put(name + "-" + version + ".sigstore", p));
    return new PublishDocumentBody(document, name.tarballName(version), contents.path(), contents.size(), extra);
  }

  /**
   * Checks the manifest and builds the document, as libnpmpublish does.
   *
   * @param contents the tarball's contents
   * @param request the request
   * @param registry the registry (for {@code dist.tarball})
   * @return the prepared publish
   * @throws PublishException naming what is not publishable
   */
  static PreparedPublish prepare(TarballContents contents, PublishRequest request, RegistryUrl registry) {
    Map<String, Object> manifest = contents.manifest();
    String rawName = Json.string(manifest, "name").orElseThrow(() -> new PublishException(
        "package.json in " + contents.path() + " has no \"name\" string"));
    PackageName name = PackageName.of(rawName);
    String rawVersion = Json.string(manifest, "version").orElseThrow(() -> new PublishException(
        "package.json of " + name + " has no \"version\" string"));
    String version = cleanVersion(rawVersion).orElseThrow(() -> new PublishException(
        "package.json of " + name + " has version \"" + rawVersion + "\", which is not a valid semver version"
            + " (MAJOR.MINOR.PATCH, optionally -prerelease and +build, e.g. 1.2.3 or 2.0.0-beta.1)"));
    Map<String, Object> publishConfig = Json.object(manifest, "publishConfig").orElse(Map.of());
    Optional<String> chosenTag = request.tag().or(() -> Json.string(publishConfig, "tag"));
    String tag = chosenTag.orElse("latest");
    checkTag(tag, name);
    if (!Semver.parse(version).getPreRelease().isEmpty() && chosenTag.isEmpty()) {
      throw new PublishException(name + "@" + version + " is a prerelease: give it a tag (for example --tag next),"
          + " npm will not tag a prerelease as latest");
    }
    Optional<Access> access = request.access().or(() -> Json.string(publishConfig, "access").map(Access::parse));
    if (access.orElse(null) == Access.RESTRICTED && !name.isScoped()) {
      throw new PublishException("cannot restrict access to unscoped package " + name
          + ": only scoped packages (@scope/name) can be restricted; publish with access public");
    }

    Map<String, Object> versionManifest = new LinkedHashMap<>(manifest);
    versionManifest.put("version", version);
    if (!versionManifest.containsKey("readme")) {
      versionManifest.put("readme", contents.readme().map(TarballContents.Readme::text)
          .orElse("ERROR: No README data found!"));
      contents.readme().ifPresent(r -> versionManifest.put("readmeFilename", r.fileName()));
    }
    versionManifest.put("_id", name + "@" + version);
    Map<String, Object> dist = new LinkedHashMap<>(Json.object(manifest, "dist").orElse(Map.of()));
    dist.put("integrity", contents.integrity());
    dist.put("shasum", contents.shasum());
    dist.put("tarball", tarballUrl(registry, name, version));
    versionManifest.put("dist", dist);

    Map<String, Object> document = new LinkedHashMap<>();
    document.put("_id", name.value());
    document.put("name", name.value());
    Json.string(manifest, "description").ifPresent(d -> document.put("description", d));
    document.put("dist-tags", Map.of(tag, version));
    document.put("versions", Map.of(version, versionManifest));
    document.put("access", access.map(Access::wireValue).orElse(null));
    Optional<Map<String, Object>> provenance = request.provenanceBundle().map(json -> provenanceAttachment(name, json));
    return new PreparedPublish(name, version, tag, chosenTag.isPresent(), contents, document, provenance);
  }

  /** As libnpmpublish: the bundle's JSON text, typed with its media type, length in characters. */
  private static Map<String, Object> provenanceAttachment(PackageName name, String bundleJson) {
    Map<String, Object> bundle;
    try {
      bundle = Json.readObject(bundleJson);
    } catch (IOException e) {
      throw new PublishException("the provenance bundle for " + name + " is not a JSON object: " + e.getMessage(), e);
    }
    String mediaType = Json.string(bundle, "mediaType").orElseThrow(() -> new PublishException(
        "the provenance bundle for " + name + " has no mediaType; it is not a Sigstore bundle"));
    Map<String, Object> attachment = new LinkedHashMap<>();
    attachment.put("content_type", mediaType);
    attachment.put("data", bundleJson);
    attachment.put("length", (long) bundleJson.length());
    return attachment;
  }

  /** As libnpmpublish: {@code new URL("<name>/-/<name>-<version>.tgz", registry)}, https forced to http. */
  private static String tarballUrl(RegistryUrl registry, PackageName name, String version) {
    URI url = registry.resolve(name.value() + "/-/" + name.tarballName(version));
    return url.toString().replaceFirst("^https://", "http://");
  }

  /**
   * Cleans a version as {@code semver.clean} does (surrounding space, a leading {@code =} or
   * {@code v}) and checks it is strict semver.
   *
   * @param raw the version as written
   * @return the clean version, if valid
   */
  static Optional<String> cleanVersion(String raw) {
    String trimmed = raw.strip().replaceFirst("^[=v]+", "");
    return Semver.isValid(trimmed) ? Optional.of(trimmed) : Optional.empty();
  }

  /**
   * Checks a dist-tag as npm does: URL-safe, not a semver version or range.
   *
   * @param tag the tag
   * @param name the package, for the message
   * @throws PublishException naming the rule
   */
  static void checkTag(String tag, PackageName name) {
    if (tag.isEmpty() || !tag.equals(tag.strip())) {
      throw new PublishException("dist-tag \"" + tag + "\" for " + name + " is empty or has surrounding spaces");
    }
    if (!tag.matches("[A-Za-z0-9._~-]+")) {
      throw new PublishException("dist-tag \"" + tag + "\" for " + name
          + " may only contain letters, digits and - . _ ~");
    }
    if (Semver.isValid(tag.replaceFirst("^v", "")) || tag.matches("v?\\d+(\\.(\\d+|x|\\*))*")) {
      throw new PublishException("dist-tag \"" + tag + "\" for " + name
          + " must not be a valid semver version or range (npm would confuse it with a version); use a word such as next");
    }
  }

  /**
   * The names of the packages this one depends on at run time (dependencies, optional and peer
   * dependencies), for ordering a release.
   *
   * @return the dependency names
   */
  List<String> runtimeDependencies() {
    List<String> names = new java.util.ArrayList<>();
    for (String field : List.of("dependencies", "optionalDependencies", "peerDependencies")) {
      Json.object(contents.manifest(), field).ifPresent(deps -> names.addAll(deps.keySet()));
    }
    return names;
  }
}
