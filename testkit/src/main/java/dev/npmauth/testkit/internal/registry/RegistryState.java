package dev.npmauth.testkit.internal.registry;

import dev.npmauth.testkit.TrustSetting;
import dev.npmauth.testkit.TrustedPublisher;
import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fake registry's packages and trusted publisher configurations. Every method is atomic
 * (one lock); rendered documents are copies.
 *
 * <p>Internal to the testkit; not API.
 */
public final class RegistryState {
  private final Clock clock;
  private final URI baseUrl;
  private final TarballStore tarballs;
  private final Map<String, PackageRecord> packages = new HashMap<>();
  private final Map<String, List<TrustSetting>> trust = new HashMap<>();
  private final StageStore stage = new StageStore();
  private final RegistrySigner signer;

  /**
   * @param baseUrl the registry URL, ending in {@code /}; tarball URLs are made from it
   */
  public RegistryState(Clock clock, URI baseUrl, TarballStore tarballs) {
    this.clock = clock;
    this.baseUrl = baseUrl;
    this.tarballs = tarballs;
    this.signer = new RegistrySigner(clock, baseUrl);
  }

  /** The registry's signing key, attestations and fake Sigstore. */
  public RegistrySigner signer() {
    return signer;
  }

  /**
   * Changes a stored version's manifest in place (test hooks that tamper with what is served).
   *
   * @return false when there is no such version
   */
  public synchronized boolean editVersion(
      String packageName, String version, java.util.function.Consumer<Map<String, Object>> edit) {
    PackageRecord r = packages.get(packageName);
    Map<String, Object> manifest = r == null ? null : r.versions.get(version);
    if (manifest == null) {
      return false;
    }
    edit.accept(manifest);
    r.modified = clock.instant();
    r.revision++;
    return true;
  }

  /** The versions waiting on the stage. */
  public StageStore stage() {
    return stage;
  }

  /**
   * Adds a trusted publisher configuration (the package need not exist); an equal one is not
   * added twice.
   *
   * @return the id of the configuration
   */
  public synchronized String trust(TrustedPublisher config) {
    List<TrustSetting> list = trust.computeIfAbsent(config.packageName(), k -> new ArrayList<>());
    for (TrustSetting existing : list) {
      if (existing.publisher().equals(config)) {
        return existing.id();
      }
    }
    TrustSetting setting = new TrustSetting(java.util.UUID.randomUUID().toString(), config);
    list.add(setting);
    return setting.id();
  }

  /**
   * Adds a configuration as the registry's trust endpoint does: one per package.
   *
   * @throws HttpError 409 when the package already has one
   */
  public synchronized TrustSetting addOnlyTrust(TrustedPublisher config) {
    List<TrustSetting> list = trust.getOrDefault(config.packageName(), List.of());
    if (!list.isEmpty()) {
      throw HttpError.of(
          409,
          "package \""
              + config.packageName()
              + "\" already has a trusted publisher configuration (id "
              + list.get(0).id()
              + "); the registry allows one per package: revoke it first");
    }
    String id = trust(config);
    return new TrustSetting(id, config);
  }

  /** Removes a configuration; false when the package has none with this id. */
  public synchronized boolean revokeTrust(String packageName, String id) {
    List<TrustSetting> list = trust.get(packageName);
    return list != null && list.removeIf(t -> t.id().equals(id));
  }

  /** The trusted publisher configurations of a package, in the order they were added. */
  public synchronized List<TrustedPublisher> trustOf(String packageName) {
    return trust.getOrDefault(packageName, List.of()).stream().map(TrustSetting::publisher).toList();
  }

  /** The configurations of a package with their ids, in the order they were added. */
  public synchronized List<TrustSetting> trustSettingsOf(String packageName) {
    return List.copyOf(trust.getOrDefault(packageName, List.of()));
  }

  /** True when the package exists. */
  public synchronized boolean exists(String packageName) {
    return packages.containsKey(packageName);
  }

  /**
   * The package's maintainers, or null when it does not exist (for permission checks made
   * before a publish body is read; {@link #publish} checks again).
   */
  public synchronized List<String> maintainersOf(String packageName) {
    PackageRecord r = packages.get(packageName);
    return r == null ? null : List.copyOf(r.maintainers);
  }

  /**
   * Whether {@code grant} (or an anonymous client, when empty) may see the package. Unknown
   * packages and restricted packages the grant cannot read are both "not visible", as npm answers
   * 404 for both.
   */
  public synchronized boolean visibleTo(String packageName, Optional<TokenGrant> grant) {
    PackageRecord r = packages.get(packageName);
    if (r == null) {
      return false;
    }
    return r.isPublic() || grant.map(g -> g.canRead(packageName, r.maintainers)).orElse(false);
  }

  /** Whether an existing package is public; empty when it does not exist. */
  public synchronized Optional<Boolean> isPublic(String packageName) {
    PackageRecord r = packages.get(packageName);
    return r == null ? Optional.empty() : Optional.of(r.isPublic());
  }

  /** The full packument (no access check). */
  public synchronized Optional<Map<String, Object>> fullPackument(String packageName) {
    return Optional.ofNullable(packages.get(packageName)).map(PackageRecord::full);
  }

  /** The full packument's JSON text as served (no access check); the array is shared, read only. */
  public synchronized Optional<byte[]> fullPackumentJson(String packageName) {
    return Optional.ofNullable(packages.get(packageName)).map(PackageRecord::fullJson);
  }

  /** The abbreviated packument's JSON text as served (no access check); shared, read only. */
  public synchronized Optional<byte[]> abbreviatedPackumentJson(String packageName) {
    return Optional.ofNullable(packages.get(packageName)).map(PackageRecord::abbreviatedJson);
  }

  /** The abbreviated packument (no access check). */
  public synchronized Optional<Map<String, Object>> abbreviatedPackument(String packageName) {
    return Optional.ofNullable(packages.get(packageName)).map(PackageRecord::abbreviated);
  }

  /** The published versions, in publish order. */
  public synchronized List<String> versions(String packageName) {
    PackageRecord r = packages.get(packageName);
    return r == null ? List.of() : List.copyOf(r.versions.keySet());
  }

  /** The stored tarball of a version (files are never changed once stored). */
  public synchronized Optional<Path> tarball(String packageName, String version) {
    PackageRecord r = packages.get(packageName);
    return r == null ? Optional.empty() : Optional.ofNullable(r.tarballs.get(version));
  }

  /** The stored tarball named {@code fileName} (e.g. {@code widgets-1.0.0.tgz}). */
  public synchronized Optional<Path> tarballByFileName(String packageName, String fileName) {
    PackageRecord r = packages.get(packageName);
    if (r == null) {
      return Optional.empty();
    }
    String prefix = PackageNames.bareName(packageName) + "-";
    if (!fileName.startsWith(prefix) || !fileName.endsWith(".tgz")) {
      return Optional.empty();
    }
    String version = fileName.substring(prefix.length(), fileName.length() - ".tgz".length());
    return Optional.ofNullable(r.tarballs.get(version));
  }

  /** The URL this registry serves a version's tarball at. */
  public String tarballUrl(String packageName, String version) {
    return baseUrl
        + packageName
        + "/-/"
        + PackageNames.bareName(packageName)
        + "-"
        + version
        + ".tgz";
  }

  /** The package's dist-tags; empty when it does not exist. */
  public synchronized Optional<Map<String, String>> distTags(String packageName) {
    PackageRecord r = packages.get(packageName);
    return r == null ? Optional.empty() : Optional.of(new java.util.LinkedHashMap<>(r.distTags));
  }

  /**
   * Points a dist-tag at an existing version.
   *
   * @throws HttpError 404 for an unknown package, 403 when the token may not, 400 for an unknown
   *     version
   */
  public synchronized void setDistTag(TokenGrant grant, String packageName, String tag, String version) {
    PackageRecord r = managed(grant, packageName);
    if (!r.versions.containsKey(version)) {
      throw HttpError.of(400, "version not found: " + packageName + "@" + version);
    }
    r.distTags.put(tag, version);
    r.modified = clock.instant();
    r.revision++;
  }

  /**
   * Removes a dist-tag.
   *
   * @throws HttpError 404 for an unknown package or tag, 403 when the token may not, 400 for latest
   */
  public synchronized void removeDistTag(TokenGrant grant, String packageName, String tag) {
    PackageRecord r = managed(grant, packageName);
    if (tag.equals("latest")) {
      throw HttpError.of(400, "the latest tag cannot be removed");
    }
    if (r.distTags.remove(tag) == null) {
      throw HttpError.of(404, "dist-tag not found: " + tag);
    }
    r.modified = clock.instant();
    r.revision++;
  }

  private PackageRecord managed(TokenGrant grant, String packageName) {
    PackageRecord r = packages.get(packageName);
    if (r == null || !r.isPublic() && !grant.canRead(packageName, r.maintainers)) {
      throw HttpError.of(404, "Not found");
    }
    grant.manageRefusal(packageName, r.maintainers).ifPresent(reason -> {
      throw HttpError.of(403, reason);
    });
    return r;
  }

  /**
   * Stores a validated publish.
   *
   * @throws HttpError 403 when the token may not publish this package or the version exists
   */
  public synchronized void publish(TokenGrant grant, ValidatedPublish p) throws IOException {
    PackageRecord rec = packages.get(p.name());
    Optional<String> refusal =
        grant.publishRefusal(p.name(), rec == null ? null : rec.maintainers);
    if (refusal.isPresent()) {
      throw HttpError.of(403, refusal.get());
    }
    if (rec != null && rec.versions.containsKey(p.version())) {
      throw HttpError.of(
          403, "You cannot publish over the previously published versions: " + p.version() + ".");
    }
    Instant now = clock.instant();
    Path file = tarballs.keep(p.tarball().file());
    if (rec == null) {
      String access =
          p.access() != null
              ? p.access()
              : (PackageNames.isScoped(p.name()) ? "restricted" : "public");
      rec = new PackageRecord(p.name(), access, grant.user(), now);
      packages.put(p.name(), rec);
    }
    Map<String, Object> manifest = p.manifest();
    @SuppressWarnings("unchecked")
    Map<String, Object> dist = (Map<String, Object>) manifest.get("dist");
    dist.put("tarball", tarballUrl(p.name(), p.version()));
    manifest.put("_npmUser", Json.object("name", grant.user(), "email", grant.user() + "@example.com"));
    manifest.put("maintainers", rec.maintainerObjects());
    signer.onPublish(p.name(), p.version(), manifest, p.sigstoreBundle(), now);
    rec.versions.put(p.version(), manifest);
    rec.versionTimes.put(p.version(), now);
    rec.tarballs.put(p.version(), file);
    if (p.sigstoreBundle() != null) {
      rec.sigstoreBundles.put(p.version(), p.sigstoreBundle());
    }
    rec.distTags.putAll(p.distTags());
    // The packument's readme is the one of the version tagged latest.
    if (p.distTags().containsKey("latest")) {
      Object readme = manifest.get("readme");
      rec.readme = readme instanceof String ? (String) readme : null;
    }
    rec.modified = now;
    rec.revision++;
  }

  /** The names of the packages, sorted. */
  public synchronized List<String> packageNames() {
    return packages.keySet().stream().sorted().toList();
  }

  /** For snapshots ({@link RegistrySnapshots}): the packages and trust settings. */
  record Parts(Map<String, PackageRecord> packages, Map<String, List<TrustSetting>> trust) {}

  /** For snapshots: deep copies of the packages (tarballs copied with {@code files}) and trust. */
  synchronized Parts copyParts(SnapshotCopies.FileCopier files) throws IOException {
    return new Parts(SnapshotCopies.packages(packages, files), SnapshotCopies.trust(trust));
  }

  /** For snapshots: replaces the packages and trust settings; returns the packages replaced. */
  synchronized Map<String, PackageRecord> replaceParts(Parts parts) {
    Map<String, PackageRecord> old = new HashMap<>(packages);
    packages.clear();
    packages.putAll(parts.packages());
    trust.clear();
    trust.putAll(parts.trust());
    return old;
  }
}
