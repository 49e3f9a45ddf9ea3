package dev.npmauth.testkit.internal.registry;

import dev.npmauth.testkit.TrustSetting;
import dev.npmauth.testkit.internal.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep copies of the registry state's parts, for {@link RegistrySnapshots}: package records with
 * their tarball files copied, staged versions with theirs, trust settings. A copy shares nothing
 * mutable with what it was made from, so either can change afterwards without the other seeing it.
 *
 * <p>Internal to the testkit; not API.
 */
final class SnapshotCopies {
  private SnapshotCopies() {}

  /** Copies a file somewhere; returns the copy. */
  interface FileCopier {
    Path copy(Path source) throws IOException;
  }

  /** The packages, each record copied, tarballs copied with {@code files}. */
  static Map<String, PackageRecord> packages(Map<String, PackageRecord> from, FileCopier files)
      throws IOException {
    Map<String, PackageRecord> out = new HashMap<>();
    for (Map.Entry<String, PackageRecord> e : from.entrySet()) {
      out.put(e.getKey(), record(e.getValue(), files));
    }
    return out;
  }

  /**
   * One package record. Every field of {@link PackageRecord} is copied here; a test
   * ({@code SnapshotCoverageTest}) fails when a field is added that this method does not know.
   */
  static PackageRecord record(PackageRecord r, FileCopier files) throws IOException {
    PackageRecord c = new PackageRecord(r.name, r.access, r.maintainers.get(0), r.created);
    c.maintainers.clear();
    c.maintainers.addAll(r.maintainers);
    c.distTags.putAll(r.distTags);
    for (Map.Entry<String, Map<String, Object>> v : r.versions.entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> manifest = (Map<String, Object>) Json.deepCopy(v.getValue());
      c.versions.put(v.getKey(), manifest);
    }
    c.versionTimes.putAll(r.versionTimes);
    for (Map.Entry<String, Path> t : r.tarballs.entrySet()) {
      c.tarballs.put(t.getKey(), files.copy(t.getValue()));
    }
    c.sigstoreBundles.putAll(r.sigstoreBundles);
    c.modified = r.modified;
    c.readme = r.readme;
    c.revision = r.revision;
    return c;
  }

  /** Trust settings per package (the settings themselves are immutable). */
  static Map<String, List<TrustSetting>> trust(Map<String, List<TrustSetting>> from) {
    Map<String, List<TrustSetting>> out = new HashMap<>();
    from.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
    return out;
  }

  /** Staged versions, their upload files copied with {@code files}. */
  static Map<String, StageStore.Entry> stage(Map<String, StageStore.Entry> from, FileCopier files)
      throws IOException {
    Map<String, StageStore.Entry> out = new LinkedHashMap<>();
    for (Map.Entry<String, StageStore.Entry> e : from.entrySet()) {
      StageStore.Entry entry = e.getValue();
      ValidatedPublish p = entry.publish();
      Attachment a = p.tarball();
      Attachment copied = new Attachment(a.key(), a.contentType(), a.declaredLength(),
          a.file() == null ? null : files.copy(a.file()), a.text(), a.decodedLength(), a.sha512().clone(),
          a.sha1().clone());
      @SuppressWarnings("unchecked")
      Map<String, Object> manifest = (Map<String, Object>) Json.deepCopy(p.manifest());
      ValidatedPublish publish = new ValidatedPublish(p.name(), p.version(), manifest,
          new LinkedHashMap<>(p.distTags()), p.access(), copied, p.sigstoreBundle());
      out.put(e.getKey(), new StageStore.Entry(entry.id(), publish, entry.actor(), entry.actorType(),
          entry.createdAt()));
    }
    return out;
  }

  /** Attestations per {@code name@version} (JSON trees, copied). */
  static Map<String, List<Object>> attestations(Map<String, List<Object>> from) {
    Map<String, List<Object>> out = new HashMap<>();
    for (Map.Entry<String, List<Object>> e : from.entrySet()) {
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) Json.deepCopy(e.getValue());
      out.put(e.getKey(), list);
    }
    return out;
  }

  /** The files a set of package records and staged versions refer to. */
  static List<Path> files(Map<String, PackageRecord> packages, Map<String, StageStore.Entry> stage) {
    List<Path> files = new ArrayList<>();
    packages.values().forEach(r -> files.addAll(r.tarballs.values()));
    stage.values().stream().map(e -> e.publish().tarball().file()).filter(f -> f != null).forEach(files::add);
    return files;
  }

  /** Deletes files no longer referred to; a file still being served is deleted on close anyway. */
  static void deleteQuietly(List<Path> files) {
    for (Path f : files) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        // the store's folder is deleted on close
      }
    }
  }

}
