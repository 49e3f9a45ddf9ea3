package dev.npmauth.testkit.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Snapshots copy the registry's state field by field. When a state class gains a field, this test
 * fails so that whoever added it decides whether {@link RegistrySnapshots} must copy it.
 */
class SnapshotCoverageTest {
  /** Every instance field of the state classes, and whether snapshots copy it or leave it alone. */
  private static final Map<Class<?>, List<String>> KNOWN = Map.of(
      // copied by SnapshotCopies.record; the serialized packuments are a cache a copy rebuilds
      PackageRecord.class, List.of("name", "access", "maintainers", "distTags", "versions", "versionTimes",
          "tarballs", "sigstoreBundles", "created", "modified", "readme", "revision", "fullJson",
          "fullJsonRevision", "abbreviatedJson", "abbreviatedJsonRevision"),
      // packages and trust copied; stage and signer copied through their own methods; the rest is
      // configuration fixed at start
      RegistryState.class, List.of("clock", "baseUrl", "tarballs", "packages", "trust", "stage", "signer"),
      StageStore.class, List.of("entries"),
      // unkeyed: the admin token until first use; entriesCopy() and replaceEntries() key it first
      TokenStore.class, List.of("entries", "clock", "unkeyed"),
      Users.class, List.of("users", "clock", "random"),
      LoginSessions.class, List.of("sessions", "clock"),
      // attestations copied; keys and the fake Sigstore (made on first use) are not part of a
      // snapshot
      RegistrySigner.class, List.of("baseUrl", "key", "keyId", "random", "sigstoreEpoch", "sigstore",
          "attestations"));

  @Test
  void snapshotsKnowEveryFieldOfTheStateClasses() {
    KNOWN.forEach((type, known) -> {
      List<String> fields = Arrays.stream(type.getDeclaredFields())
          .filter(f -> !Modifier.isStatic(f.getModifiers()) && !f.isSynthetic())
          .map(Field::getName).toList();
      assertThat(fields)
          .as("%s has fields that snapshot()/restore() do not know about: decide whether RegistrySnapshots must"
              + " copy them, then update this test", type.getSimpleName())
          .containsExactlyInAnyOrderElementsOf(known);
    });
  }
}
