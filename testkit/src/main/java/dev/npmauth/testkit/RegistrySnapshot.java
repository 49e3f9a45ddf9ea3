package dev.npmauth.testkit;

import dev.npmauth.testkit.internal.registry.RegistrySnapshots;
import java.time.Instant;

/**
 * A copy of a fake registry's state, taken with {@link FakeRegistry#snapshot()} and put back with
 * {@link FakeRegistry#restore(RegistrySnapshot)}, to undo what a test did without starting a new
 * registry.
 *
 * <pre>{@code
 * RegistrySnapshot clean = registry.snapshot();
 * // ... a test publishes, creates tokens, changes trust ...
 * registry.restore(clean);   // back to the packages, tokens and settings of the snapshot
 * }</pre>
 *
 * <p>It holds packages (versions, manifests, dist-tags, times, access, maintainers, tarballs —
 * copied, so later tampering with the store does not reach it — and provenance with its
 * attestations), trusted publisher settings, staged versions, tokens, user accounts and web logins
 * in progress. It does not hold the journal, injected faults, simulated CI jobs, signing keys, or
 * the clock. Opaque and immutable; it belongs to the registry that took it, and its files are
 * deleted when that registry closes. It holds no secret values (tokens are kept as digests).
 */
public final class RegistrySnapshot {
  private final FakeRegistry owner;
  private final RegistrySnapshots.Copy copy;

  RegistrySnapshot(FakeRegistry owner, RegistrySnapshots.Copy copy) {
    this.owner = owner;
    this.copy = copy;
  }

  FakeRegistry owner() {
    return owner;
  }

  RegistrySnapshots.Copy copy() {
    return copy;
  }

  /**
   * When it was taken.
   *
   * @return the instant, by the registry's clock
   */
  public Instant takenAt() {
    return copy.takenAt();
  }

  @Override
  public String toString() {
    return "RegistrySnapshot[" + copy.packageCount() + " packages, " + copy.versionCount() + " versions, "
        + copy.stagedCount() + " staged, " + copy.tokenCount() + " tokens, taken " + copy.takenAt() + "]";
  }
}
