package dev.npmauth.impl.verify;

import dev.npmauth.InvalidPackageNameException;
import dev.npmauth.PackageName;
import dev.npmauth.RegistryUrl;
import dev.npmauth.provenance.Check;
import dev.npmauth.provenance.CheckName;
import dev.npmauth.verify.AttestationStatus;
import dev.npmauth.verify.AuditListener;
import dev.npmauth.verify.AuditOptions;
import dev.npmauth.verify.AuditProblem;
import dev.npmauth.verify.AuditProblemKind;
import dev.npmauth.verify.AuditProgress;
import dev.npmauth.verify.AuditReport;
import dev.npmauth.verify.LockedDependency;
import dev.npmauth.verify.Lockfile;
import dev.npmauth.verify.PackageAudit;
import dev.npmauth.verify.PackageVerification;
import dev.npmauth.verify.SignatureStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Audits a lockfile: every registry dependency verified on a pool of
 * {@link AuditOptions#concurrency()} threads (each makes one request at a time, so that many
 * requests at most are in flight), each version verified once whatever the number of places it
 * is installed, then each location's lockfile integrity compared with the registry's.
 */
final class LockfileAudit {
  private final Function<PackageName, RegistryUrl> registryFor;
  private final BiFunction<PackageName, String, PackageVerification> verifier;

  LockfileAudit(Function<PackageName, RegistryUrl> registryFor,
      BiFunction<PackageName, String, PackageVerification> verifier) {
    this.registryFor = registryFor;
    this.verifier = verifier;
  }

  AuditReport run(Lockfile lockfile, AuditOptions options) {
    long start = System.nanoTime();
    List<LockedDependency> audited = new ArrayList<>();
    List<LockedDependency> skipped = new ArrayList<>();
    for (LockedDependency d : lockfile.dependencies()) {
      (d.source().audited() ? audited : skipped).add(d);
    }
    int total = audited.size();
    Map<String, CompletableFuture<PackageVerification>> byVersion = new ConcurrentHashMap<>();
    AtomicInteger completed = new AtomicInteger();
    Object listenerLock = new Object();
    Optional<AuditListener> listener = options.listener();
    List<PackageAudit> results = new ArrayList<>();
    if (total > 0) {
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.concurrency(), total),
          r -> {
            Thread t = new Thread(r, "npmauth-audit");
            t.setDaemon(true);
            return t;
          });
      try {
        List<Future<PackageAudit>> futures = new ArrayList<>();
        for (LockedDependency d : audited) {
          futures.add(pool.submit(() -> {
            PackageAudit a = auditOne(d, byVersion);
            if (listener.isPresent()) {
              synchronized (listenerLock) {
                listener.get().onProgress(new AuditProgress(completed.incrementAndGet(), total, a));
              }
            }
            return a;
          }));
        }
        for (Future<PackageAudit> f : futures) {
          results.add(f.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new dev.npmauth.NpmAuthException("the audit was interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new dev.npmauth.NpmAuthException("the audit failed: " + e.getCause(), e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    results.sort(Comparator.comparing((PackageAudit a) -> a.dependency().name())
        .thenComparing(a -> a.dependency().location()));
    return new AuditReport(lockfile.file(), results, skipped,
        Duration.ofNanos(System.nanoTime() - start));
  }

  private PackageAudit auditOne(LockedDependency d,
      Map<String, CompletableFuture<PackageVerification>> byVersion) {
    PackageName name;
    try {
      name = PackageName.of(d.name());
    } catch (InvalidPackageNameException e) {
      return error(d, "?", "the lockfile names an invalid package: " + e.getMessage());
    }
    RegistryUrl registry = registryFor.apply(name);
    if (d.version().isBlank()) {
      return error(d, registry.toString(), "the lockfile records no version for " + d.location());
    }
    String key = registry + " " + d.name() + "@" + d.version();
    CompletableFuture<PackageVerification> mine = new CompletableFuture<>();
    CompletableFuture<PackageVerification> existing = byVersion.putIfAbsent(key, mine);
    if (existing == null) {
      try {
        mine.complete(verifier.apply(name, d.version()));
      } catch (RuntimeException e) {
        mine.completeExceptionally(e);
      }
      existing = mine;
    }
    PackageVerification v = existing.join();
    v = withIntegrity(v, d);
    return new PackageAudit(d, registry.toString(), v, problems(v));
  }

  private static PackageAudit error(LockedDependency d, String registry, String why) {
    PackageVerification v = new PackageVerification(d.name(), d.version(), registry,
        Optional.empty(), List.of(Check.failed(CheckName.NPM_PACKUMENT, why)),
        SignatureStatus.NOT_CHECKED, Optional.empty(), AttestationStatus.NOT_CHECKED,
        Optional.empty());
    return new PackageAudit(d, registry, v, List.of(new AuditProblem(AuditProblemKind.ERROR, why)));
  }

  /** Adds the comparison of the lockfile's integrity with the registry's, after the keys. */
  static PackageVerification withIntegrity(PackageVerification v, LockedDependency d) {
    if (v.integrity().isEmpty()) {
      return v;
    }
    Check check;
    if (d.integrity().isEmpty()) {
      check = Check.skipped(CheckName.NPM_INTEGRITY, "the lockfile records no integrity for "
          + d.location());
    } else {
      String lock = d.integrity().get();
      String reg = v.integrity().get();
      check = switch (Sri.compare(lock, reg)) {
        case MATCH -> Check.passed(CheckName.NPM_INTEGRITY, "the lockfile's integrity equals"
            + " the registry's dist.integrity");
        case MISMATCH -> Check.failed(CheckName.NPM_INTEGRITY, "the lockfile has " + lock
            + " but the registry's dist.integrity is " + reg);
        case NO_COMMON_ALGORITHM -> Check.skipped(CheckName.NPM_INTEGRITY, "the lockfile ("
            + lock + ") and the registry (" + reg + ") share no hash algorithm");
      };
    }
    List<Check> checks = new ArrayList<>(v.checks());
    int at = 0;
    while (at < checks.size() && (checks.get(at).name() == CheckName.NPM_PACKUMENT
        || checks.get(at).name() == CheckName.NPM_REGISTRY_KEYS)) {
      at++;
    }
    checks.add(at, check);
    return new PackageVerification(v.name(), v.version(), v.source(), v.integrity(), checks,
        v.signatureStatus(), v.signatures(), v.attestationStatus(), v.attestations());
  }

  static List<AuditProblem> problems(PackageVerification v) {
    List<AuditProblem> out = new ArrayList<>();
    Optional<Check> packument = v.check(CheckName.NPM_PACKUMENT).filter(Check::failed);
    if (packument.isPresent()) {
      out.add(new AuditProblem(AuditProblemKind.ERROR, packument.get().detail()));
      return out;
    }
    v.check(CheckName.NPM_INTEGRITY).filter(Check::failed)
        .ifPresent(c -> out.add(new AuditProblem(AuditProblemKind.INTEGRITY_MISMATCH, c.detail())));
    String sigDetail = v.check(CheckName.NPM_REGISTRY_SIGNATURE).map(Check::detail).orElse("");
    switch (v.signatureStatus()) {
      case MISSING -> out.add(new AuditProblem(AuditProblemKind.MISSING_SIGNATURE, sigDetail));
      case INVALID, UNKNOWN_KEY, EXPIRED_KEY ->
          out.add(new AuditProblem(AuditProblemKind.INVALID_SIGNATURE, sigDetail));
      case NOT_CHECKED -> out.add(new AuditProblem(AuditProblemKind.ERROR,
          v.check(CheckName.NPM_REGISTRY_KEYS).map(Check::detail).orElse(sigDetail)));
      default -> {
      }
    }
    String attDetail = v.check(CheckName.NPM_ATTESTATIONS).map(Check::detail).orElse("");
    switch (v.attestationStatus()) {
      case INVALID, MISSING ->
          out.add(new AuditProblem(AuditProblemKind.INVALID_ATTESTATIONS, attDetail));
      case NOT_CHECKED -> {
        if (v.signatureStatus() != SignatureStatus.NOT_CHECKED) {
          out.add(new AuditProblem(AuditProblemKind.ERROR, attDetail));
        }
      }
      default -> {
      }
    }
    return out;
  }
}
