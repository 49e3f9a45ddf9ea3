package dev.npmauth.testkit.internal.registry;

import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.json.Json;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a parsed publish document against the URL it was sent to: names agree, exactly one
 * version, a valid version, known access, the tarball attachment present with the declared length,
 * and {@code dist.integrity} / {@code dist.shasum} equal to the digests of the decoded bytes. Each
 * failure is a 400 saying what was wrong.
 *
 * <p>Internal to the testkit; not API.
 */
public final class PublishValidator {
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

  private PublishValidator() {}

  /**
   * Validates {@code doc} sent to {@code PUT /<urlName>}.
   *
   * @throws HttpError 400 naming the problem
   */
  public static ValidatedPublish validate(PublishDocument doc, String urlName) {
    Map<String, Object> f = doc.fields();
    String name =
        Json.asString(f.get("name"))
            .orElseThrow(() -> bad("the publish document has no \"name\" string"));
    if (!name.equals(urlName)) {
      throw bad(
          "the package name in the document (\"" + name + "\") does not match the URL (\"" + urlName + "\")");
    }
    if (f.containsKey("_id") && !name.equals(f.get("_id"))) {
      throw bad("\"_id\" (" + Json.write(f.get("_id")) + ") must equal the package name \"" + name + "\"");
    }

    Map<String, Object> versions =
        Json.asObject(f.get("versions"))
            .orElseThrow(() -> bad("the publish document has no \"versions\" object"));
    if (versions.size() != 1) {
      throw bad(
          "a publish document must hold exactly one version in \"versions\", found " + versions.size());
    }
    String version = versions.keySet().iterator().next();
    if (!SEMVER.matcher(version).matches()) {
      throw bad("\"" + version + "\" is not a valid semantic version (like 1.0.0 or 2.1.0-beta.1)");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> manifest =
        (Map<String, Object>)
            Json.deepCopy(
                Json.asObject(versions.get(version))
                    .orElseThrow(() -> bad("versions[\"" + version + "\"] must be an object")));
    if (!name.equals(manifest.get("name"))) {
      throw bad("the manifest of " + version + " must have \"name\": \"" + name + "\"");
    }
    if (!version.equals(manifest.get("version"))) {
      throw bad("the manifest under versions[\"" + version + "\"] must have \"version\": \"" + version + "\"");
    }

    Map<String, String> distTags = distTags(f.get("dist-tags"), version);
    String access = access(f.get("access"), name);

    String tgzKey = name + "-" + version + ".tgz";
    String sigstoreKey = name + "-" + version + ".sigstore";
    Attachment tarball = null;
    String sigstore = null;
    for (Attachment a : doc.attachments()) {
      if (a.key().equals(tgzKey)) {
        tarball = a;
      } else if (a.key().equals(sigstoreKey)) {
        sigstore = a.text();
      } else {
        throw bad(
            "unexpected attachment \""
                + a.key()
                + "\" (expected \""
                + tgzKey
                + "\" and optionally \""
                + sigstoreKey
                + "\")");
      }
    }
    if (tarball == null) {
      throw bad("the publish document has no attachment \"" + tgzKey + "\"");
    }
    if (tarball.decodedLength() == 0) {
      throw bad("attachment \"" + tgzKey + "\" is empty");
    }
    if (tarball.declaredLength() == null) {
      throw bad("attachment \"" + tgzKey + "\" has no numeric \"length\"");
    }
    if (tarball.declaredLength().compareTo(BigDecimal.valueOf(tarball.decodedLength())) != 0) {
      throw bad(
          "attachment \""
              + tgzKey
              + "\": length "
              + tarball.declaredLength().toPlainString()
              + " does not match the "
              + tarball.decodedLength()
              + " bytes of its data");
    }
    checkDist(manifest, name + "@" + version, tarball);
    addInstallScriptFlag(manifest);
    return new ValidatedPublish(name, version, manifest, distTags, access, tarball, sigstore);
  }

  private static Map<String, String> distTags(Object raw, String version) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (raw == null) {
      tags.put("latest", version);
      return tags;
    }
    Map<String, Object> object =
        Json.asObject(raw).orElseThrow(() -> bad("\"dist-tags\" must be an object"));
    for (Map.Entry<String, Object> e : object.entrySet()) {
      if (e.getKey().isBlank()) {
        throw bad("a dist-tag name must not be empty");
      }
      if (SEMVER.matcher(e.getKey()).matches()) {
        throw bad("the dist-tag \"" + e.getKey() + "\" looks like a version; tags must not");
      }
      if (!version.equals(e.getValue())) {
        throw bad(
            "dist-tag \""
                + e.getKey()
                + "\" points at "
                + Json.write(e.getValue())
                + ", not at the version being published ("
                + version
                + ")");
      }
      tags.put(e.getKey(), version);
    }
    if (tags.isEmpty()) {
      tags.put("latest", version);
    }
    return tags;
  }

  private static String access(Object raw, String name) {
    if (raw == null) {
      return null;
    }
    if (!"public".equals(raw) && !"restricted".equals(raw)) {
      throw bad("\"access\" must be \"public\", \"restricted\" or null, got " + Json.write(raw));
    }
    if ("restricted".equals(raw) && !PackageNames.isScoped(name)) {
      throw bad(
          "unscoped packages cannot be restricted: \""
              + name
              + "\" has no scope, so it is always public (publish it as @scope/"
              + name
              + " to restrict it)");
    }
    return (String) raw;
  }

  private static void checkDist(Map<String, Object> manifest, String id, Attachment tarball) {
    Object rawDist = manifest.get("dist");
    Map<String, Object> dist;
    if (rawDist == null) {
      dist = new LinkedHashMap<>();
      manifest.put("dist", dist);
    } else {
      dist = Json.asObject(rawDist).orElseThrow(() -> bad("dist of " + id + " must be an object"));
    }
    String sha512 = "sha512-" + Base64.getEncoder().encodeToString(tarball.sha512());
    String sha1Hex = HexFormat.of().formatHex(tarball.sha1());
    Object integrity = dist.get("integrity");
    if (integrity == null) {
      dist.put("integrity", sha512);
    } else {
      String declared =
          Json.asString(integrity)
              .orElseThrow(() -> bad("dist.integrity of " + id + " must be a string"));
      Optional<String> problem = integrityProblem(declared, sha512, tarball);
      if (problem.isPresent()) {
        throw bad(
            "dist.integrity of " + id + " does not match the attached tarball: " + problem.get());
      }
    }
    Object shasum = dist.get("shasum");
    if (shasum == null) {
      dist.put("shasum", sha1Hex);
    } else if (!(shasum instanceof String) || !((String) shasum).equalsIgnoreCase(sha1Hex)) {
      throw bad(
          "dist.shasum of "
              + id
              + " does not match the attached tarball: declared "
              + Json.write(shasum)
              + ", computed \""
              + sha1Hex
              + "\"");
    }
  }

  /**
   * Subresource-integrity rules: the strongest algorithm present decides, and one of its hashes
   * must match.
   */
  private static Optional<String> integrityProblem(String declared, String sha512, Attachment t) {
    boolean any512 = false;
    boolean match512 = false;
    boolean any1 = false;
    boolean match1 = false;
    String sha1 = "sha1-" + Base64.getEncoder().encodeToString(t.sha1());
    for (String part : declared.trim().split("\\s+")) {
      String hash = part.contains("?") ? part.substring(0, part.indexOf('?')) : part;
      if (hash.startsWith("sha512-")) {
        any512 = true;
        match512 |= hash.equals(sha512);
      } else if (hash.startsWith("sha1-")) {
        any1 = true;
        match1 |= hash.equals(sha1);
      }
    }
    if (any512) {
      return match512
          ? Optional.empty()
          : Optional.of("declared \"" + declared + "\", computed \"" + sha512 + "\"");
    }
    if (any1) {
      return match1
          ? Optional.empty()
          : Optional.of("declared \"" + declared + "\", computed \"" + sha1 + "\"");
    }
    return Optional.of(
        "\"" + declared + "\" has no sha512 (or sha1) hash; expected \"" + sha512 + "\"");
  }

  /** The registry marks versions with install scripts, as npm's lockfile reads it. */
  private static void addInstallScriptFlag(Map<String, Object> manifest) {
    Optional<Map<String, Object>> scripts = Json.asObject(manifest.get("scripts"));
    if (scripts.isPresent()
        && (scripts.get().containsKey("install")
            || scripts.get().containsKey("preinstall")
            || scripts.get().containsKey("postinstall"))) {
      manifest.putIfAbsent("hasInstallScript", Boolean.TRUE);
    }
  }

  private static HttpError bad(String message) {
    return HttpError.of(400, message);
  }
}
