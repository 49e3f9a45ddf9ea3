package dev.npmauth.testkit.internal.registry;

import dev.npmauth.testkit.internal.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Versions published to the stage ({@code npm stage publish}) and waiting for a maintainer to
 * approve or reject them. Their tarballs stay in upload files until then.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class StageStore {
  /**
   * One staged version.
   *
   * @param id the stage id, a UUID
   * @param publish the validated publish document
   * @param actor the user (or CI identity) who staged it
   * @param actorType {@code user} or {@code oidc}
   * @param createdAt when it was staged
   */
  public record Entry(String id, ValidatedPublish publish, String actor, String actorType, Instant createdAt) {

    /** The item as npm's stage endpoints show it. */
    public Map<String, Object> item() {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", id);
      item.put("packageName", publish.name());
      item.put("version", publish.version());
      item.put("tag", publish.distTags().keySet().stream().findFirst().orElse("latest"));
      item.put("createdAt", Times.iso(createdAt));
      item.put("actor", actor);
      item.put("actorType", actorType);
      Object dist = publish.manifest().get("dist");
      if (dist instanceof Map<?, ?> d && d.get("shasum") instanceof String shasum) {
        item.put("shasum", shasum);
      }
      return item;
    }
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /**
   * Stages a version.
   *
   * @return the new entry
   */
  public synchronized Entry add(ValidatedPublish publish, String actor, String actorType, Instant now) {
    Entry entry = new Entry(UUID.randomUUID().toString(), publish, actor, actorType, now);
    entries.put(entry.id(), entry);
    return entry;
  }

  /** The entry with this id. */
  public synchronized Optional<Entry> get(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /** Every entry, oldest first, optionally of one package. */
  public synchronized List<Entry> list(Optional<String> packageName) {
    List<Entry> list = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (packageName.isEmpty() || packageName.get().equals(e.publish().name())) {
        list.add(e);
      }
    }
    return list;
  }

  /** Whether a version of a package is already staged. */
  public synchronized boolean isStaged(String packageName, String version) {
    return entries.values().stream()
        .anyMatch(e -> e.publish().name().equals(packageName) && e.publish().version().equals(version));
  }

  /** Takes an entry off the stage (approved: its tarball moves on; rejected: call {@link #discard}). */
  public synchronized Optional<Entry> remove(String id) {
    return Optional.ofNullable(entries.remove(id));
  }

  /** Deletes a rejected entry's tarball. */
  public static void discard(Entry entry) {
    try {
      Files.deleteIfExists(entry.publish().tarball().file());
    } catch (IOException e) {
      // the store's folder is deleted on close anyway
    }
  }

  /** The JSON list page. */
  public static Map<String, Object> page(List<Entry> all, int page, int perPage) {
    List<Object> items = new ArrayList<>();
    int from = Math.min(all.size(), page * perPage);
    int to = Math.min(all.size(), from + perPage);
    for (Entry e : all.subList(from, to)) {
      items.add(e.item());
    }
    return Json.object("items", items, "total", all.size());
  }

  /** For snapshots: a copy of the entries, oldest first (the entries are immutable). */
  synchronized Map<String, Entry> entries() {
    return new LinkedHashMap<>(entries);
  }

  /** For snapshots: replaces every entry; returns the ones replaced. */
  synchronized Map<String, Entry> replaceEntries(Map<String, Entry> replacement) {
    Map<String, Entry> old = new LinkedHashMap<>(entries);
    entries.clear();
    entries.putAll(replacement);
    return old;
  }
}
