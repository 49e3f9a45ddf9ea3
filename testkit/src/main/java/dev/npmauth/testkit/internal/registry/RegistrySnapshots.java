package dev.npmauth.testkit.internal.registry;

import dev.npmauth.testkit.TrustSetting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Takes and restores copies of everything a fake registry holds: packages (versions, manifests,
 * dist-tags, times, readme, maintainers, access, tarball files, provenance bundles), attestations,
 * trust settings, staged versions (with their tarballs), tokens, users and web logins in progress.
 * Tarball files are copied into a folder of the registry's tarball store (so they are deleted
 * when it closes), and copied again on restore, so a snapshot can be restored any number of
 * times and later changes to the store (tampering hooks) never reach it.
 *
 * <p>Not kept: the journal, faults, the simulated CI jobs, signing keys and the fake Sigstore's
 * logs. Internal to the testkit; not API.
 */
public final class RegistrySnapshots {
  private static final AtomicLong COUNTER = new AtomicLong();

  /** One snapshot: copies only, sharing nothing mutable with the live state. */
  public static final class Copy {
    private final Map<String, PackageRecord> packages;
    private final Map<String, List<TrustSetting>> trust;
    private final Map<String, StageStore.Entry> stage;
    private final Map<String, List<Object>> attestations;
    private final Map<String, TokenStore.Entry> tokens;
    private final Map<String, Users.User> users;
    private final Map<String, LoginSessions.Session> logins;
    private final Instant takenAt;

    private Copy(Map<String, PackageRecord> packages, Map<String, List<TrustSetting>> trust,
        Map<String, StageStore.Entry> stage, Map<String, List<Object>> attestations,
        Map<String, TokenStore.Entry> tokens, Map<String, Users.User> users,
        Map<String, LoginSessions.Session> logins, Instant takenAt) {
      this.packages = packages;
      this.trust = trust;
      this.stage = stage;
      this.attestations = attestations;
      this.tokens = tokens;
      this.users = users;
      this.logins = logins;
      this.takenAt = takenAt;
    }

    /** When it was taken, by the registry's clock. */
    public Instant takenAt() {
      return takenAt;
    }

    /** How many packages it holds. */
    public int packageCount() {
      return packages.size();
    }

    /** How many versions it holds, over all packages. */
    public int versionCount() {
      return packages.values().stream().mapToInt(r -> r.versions.size()).sum();
    }

    /** How many tokens it holds (the admin token included). */
    public int tokenCount() {
      return tokens.size();
    }

    /** How many versions wait on its stage. */
    public int stagedCount() {
      return stage.size();
    }
  }

  private RegistrySnapshots() {}

  /**
   * Copies the state. Take it while no request is in flight: the parts are copied one after the
   * other, each under its own lock.
   *
   * @throws IOException if a tarball cannot be copied
   */
  public static Copy capture(RegistryState state, TokenStore tokens, Accounts accounts, TarballStore tarballs,
      Instant now) throws IOException {
    Path dir = Files.createDirectories(
        tarballs.directory().resolve("snapshot-" + COUNTER.incrementAndGet()));
    AtomicLong n = new AtomicLong();
    SnapshotCopies.FileCopier intoSnapshot =
        source -> Files.copy(source, dir.resolve("file-" + n.incrementAndGet()));
    RegistryState.Parts parts = state.copyParts(intoSnapshot);
    Map<String, StageStore.Entry> stage = SnapshotCopies.stage(state.stage().entries(), intoSnapshot);
    return new Copy(parts.packages(), parts.trust(), stage,
        SnapshotCopies.attestations(state.signer().attestationsCopy()), tokens.entriesCopy(),
        accounts.users().usersCopy(), accounts.logins().sessionsCopy(), now);
  }

  /**
   * Puts a snapshot's state back in place of the live one, copying its files again; the files of
   * the replaced state are deleted.
   *
   * @throws IOException if a tarball cannot be copied (the live state is then unchanged)
   */
  public static void restore(Copy copy, RegistryState state, TokenStore tokens, Accounts accounts,
      TarballStore tarballs) throws IOException {
    SnapshotCopies.FileCopier intoStore = source -> {
      Path upload = tarballs.newUpload();
      Files.copy(source, upload);
      return tarballs.keep(upload);
    };
    SnapshotCopies.FileCopier intoUploads = source -> Files.copy(source, tarballs.newUpload());
    Map<String, PackageRecord> packages = SnapshotCopies.packages(copy.packages, intoStore);
    Map<String, StageStore.Entry> stage = SnapshotCopies.stage(copy.stage, intoUploads);

    Map<String, PackageRecord> oldPackages =
        state.replaceParts(new RegistryState.Parts(packages, SnapshotCopies.trust(copy.trust)));
    Map<String, StageStore.Entry> oldStage = state.stage().replaceEntries(stage);
    state.signer().replaceAttestations(SnapshotCopies.attestations(copy.attestations));
    tokens.replaceEntries(copy.tokens);
    accounts.users().replaceUsers(copy.users);
    accounts.logins().replaceSessions(copy.logins);
    SnapshotCopies.deleteQuietly(SnapshotCopies.files(oldPackages, oldStage));
  }
}
