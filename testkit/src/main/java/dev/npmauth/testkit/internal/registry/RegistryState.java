package dev.npmauth.testkit.internal.registry;

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
  private final Map<String, List<TrustedPublisher>> trust = new HashMap<>();

  /**
   * @param baseUrl the registry URL, ending in {@code /}; tarball URLs are made from it
   */
  public RegistryState(Clock clock, URI baseUrl, TarballStore tarballs) {
    this.clock = clock;
    this.baseUrl = baseUrl;
    this.tarballs = tarballs;
  }

  /** Adds a trusted publisher configuration (the package need not exist). */
  public synchronized void trust(TrustedPublisher config) {
    List<TrustedPublisher> list = trust.computeIfAbsent(config.packageName(), k -> new ArrayList<>());
    if (!list.contains(config)) {
      list.add(config);
    }
  }

  /** The trusted publisher configurations of a package, in the order they were added. */
  public synchronized List<TrustedPublisher> trustOf(String packageName) {
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
}
