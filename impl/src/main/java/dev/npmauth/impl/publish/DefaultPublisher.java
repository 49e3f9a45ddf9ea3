package dev.npmauth.impl.publish;

import dev.npmauth.PackageName;
import dev.npmauth.RegistryUrl;
import dev.npmauth.credentials.PublishCredentialProvider;
import dev.npmauth.credentials.ResolvedCredential;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.impl.json.Json;
import dev.npmauth.publish.Access;
import dev.npmauth.publish.PublishException;
import dev.npmauth.publish.PublishOutcome;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.publish.PublishResult;
import dev.npmauth.publish.Publisher;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.semver4j.Semver;

/** Publishes tarballs with the document libnpmpublish sends, streamed. */
public final class DefaultPublisher implements Publisher {
  private final RegistryHttp http;
  private final PublishCredentialProvider defaultCredentials;

  /**
   * Creates the publisher.
   *
   * @param http the HTTP stack
   * @param defaultCredentials the client's credential chain
   */
  public DefaultPublisher(RegistryHttp http, PublishCredentialProvider defaultCredentials) {
    this.http = http;
    this.defaultCredentials = defaultCredentials;
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    TarballContents contents = TarballContents.read(request.tarball());
    PreparedPublish prepared = prepare(contents, request, http.registry());
    ResolvedCredential credential = request.credentials().orElse(defaultCredentials).resolve(prepared.name());
    if (request.dryRun()) {
      return prepared.result(PublishOutcome.DRY_RUN, credential);
    }
    PublishDocumentBody body = new PublishDocumentBody(prepared.document(), prepared.name().tarballName(prepared.version()),
        contents.path(), contents.size(), Map.of());
    http.call("PUT", http.registryUrl(prepared.name().escaped()))
        .command("publish")
        .credential(credential.credential())
        .retryable(false)
        .body(body)
        .execute();
    return prepared.result(PublishOutcome.PUBLISHED, credential);
  }

  /**
   * Everything decided before sending.
   *
   * @param name the package
   * @param version the clean version
   * @param tag the dist-tag
   * @param contents the tarball's contents
   * @param document the document without attachments
   */
  record PreparedPublish(PackageName name, String version, String tag, TarballContents contents,
      Map<String, Object> document) {
    PublishResult result(PublishOutcome outcome, ResolvedCredential credential) {
      return new PublishResult(name, version, tag, contents.integrity(), contents.shasum(), outcome,
          Optional.ofNullable(credential));
    }
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
    String tag = request.tag().or(() -> Json.string(publishConfig, "tag")).orElse("latest");
    checkTag(tag, name);
    if (!Semver.parse(version).getPreRelease().isEmpty() && request.tag().isEmpty()
        && Json.string(publishConfig, "tag").isEmpty()) {
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
    return new PreparedPublish(name, version, tag, contents, document);
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

  private static void checkTag(String tag, PackageName name) {
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
}
