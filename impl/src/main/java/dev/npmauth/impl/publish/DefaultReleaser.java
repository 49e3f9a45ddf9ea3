package dev.npmauth.impl.publish;

import dev.npmauth.NpmAuthException;
import dev.npmauth.PackageName;
import dev.npmauth.credentials.PublishCredentialProvider;
import dev.npmauth.credentials.ResolvedCredential;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.publish.PublishResult;
import dev.npmauth.publish.ReleaseItem;
import dev.npmauth.publish.ReleaseItem.Outcome;
import dev.npmauth.publish.ReleaseReport;
import dev.npmauth.publish.ReleaseRequest;
import dev.npmauth.publish.ReleaseValidationException;
import dev.npmauth.publish.Releaser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Many packages, one release: validate everything first, then publish in dependency order and stop
 * at the first failure. Resumable, because the publisher treats a version already published with
 * the same integrity as done.
 */
public final class DefaultReleaser implements Releaser {
  private final DefaultPublisher publisher;
  private final PublishCredentialProvider defaultCredentials;

  /**
   * Creates the releaser.
   *
   * @param publisher the publisher
   * @param defaultCredentials the client's credential chain
   */
  public DefaultReleaser(DefaultPublisher publisher, PublishCredentialProvider defaultCredentials) {
    this.publisher = publisher;
    this.defaultCredentials = defaultCredentials;
  }

  /** One package of the release, once read and checked. */
  private record Planned(Path source, PublishRequest request, PreparedPublish prepared, ResolvedCredential credential,
      Optional<KnownVersions> known) {
  }

  @Override
  public ReleaseReport release(ReleaseRequest request) {
    List<Packing> packed = new ArrayList<>();
    try {
      return release(request, packed);
    } finally {
      packed.forEach(Packing::close);
    }
  }

  private ReleaseReport release(ReleaseRequest request, List<Packing> packed) {
    PublishCredentialProvider credentials = request.credentials().orElse(defaultCredentials);
    List<String> problems = new ArrayList<>();
    Map<PackageName, PreparedPublish> byName = new LinkedHashMap<>();
    Map<PackageName, PublishRequest> requests = new HashMap<>();
    Map<PackageName, Path> sources = new HashMap<>();
    for (Path source : request.packages()) {
      try {
        Path tarball = source;
        if (java.nio.file.Files.isDirectory(source)) {
          Packing packing = Packing.pack(source);
          packed.add(packing);
          tarball = packing.tarball();
        }
        PublishRequest.Builder builder = PublishRequest.builder(tarball).credentials(credentials).dryRun(request.dryRun());
        request.tag().ifPresent(builder::tag);
        request.otpProvider().ifPresent(builder::otpProvider);
        PublishRequest one = builder.build();
        PreparedPublish prepared = publisher.prepare(one);
        if (byName.containsKey(prepared.name())) {
          problems.add(prepared.name() + ": given twice (" + sources.get(prepared.name()) + " and " + source + ")");
          continue;
        }
        byName.put(prepared.name(), prepared);
        requests.put(prepared.name(), one);
        sources.put(prepared.name(), source);
      } catch (NpmAuthException e) {
        problems.add(source + ": " + e.getMessage());
      }
    }
    List<PackageName> order = dependencyOrder(byName, problems);

    List<Planned> plan = new ArrayList<>();
    for (PackageName name : order) {
      PreparedPublish prepared = byName.get(name);
      try {
        ResolvedCredential credential = credentials.resolve(name);
        Optional<KnownVersions> known = publisher.checkRegistry(prepared, credential.credential(), false);
        plan.add(new Planned(sources.get(name), requests.get(name), prepared, credential, known));
      } catch (NpmAuthException e) {
        problems.add(name + "@" + prepared.version() + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ReleaseValidationException(problems);
    }

    List<ReleaseItem> items = new ArrayList<>();
    boolean failed = false;
    for (Planned planned : plan) {
      PreparedPublish p = planned.prepared();
      if (failed) {
        items.add(new ReleaseItem(p.name(), p.version(), planned.source(), Outcome.NOT_ATTEMPTED, Optional.empty()));
        continue;
      }
      try {
        // the credential is resolved again: trusted publishing tokens are short-lived, the chain renews them
        ResolvedCredential credential = credentials.resolve(p.name());
        PublishResult result = publisher.publishPrepared(p, planned.request(), credential, planned.known());
        Outcome outcome = switch (result.outcome()) {
          case PUBLISHED, STAGED -> Outcome.PUBLISHED;
          case ALREADY_PUBLISHED_IDENTICAL -> Outcome.ALREADY_PUBLISHED;
          case DRY_RUN -> Outcome.WOULD_PUBLISH;
        };
        items.add(new ReleaseItem(p.name(), p.version(), planned.source(), outcome, Optional.of(result.integrity())));
      } catch (NpmAuthException e) {
        failed = true;
        items.add(new ReleaseItem(p.name(), p.version(), planned.source(), Outcome.FAILED, Optional.of(e.getMessage())));
      }
    }
    return new ReleaseReport(items);
  }

  /**
   * Orders the packages so that each comes after the packages of the release it depends on (at
   * run time), keeping the given order otherwise. A cycle is a problem.
   */
  private static List<PackageName> dependencyOrder(Map<PackageName, PreparedPublish> byName, List<String> problems) {
    Map<PackageName, List<PackageName>> inRelease = new LinkedHashMap<>();
    for (Map.Entry<PackageName, PreparedPublish> entry : byName.entrySet()) {
      List<PackageName> deps = new ArrayList<>();
      for (String dep : entry.getValue().runtimeDependencies()) {
        byName.keySet().stream().filter(n -> n.value().equals(dep) && !n.equals(entry.getKey())).findFirst()
            .ifPresent(deps::add);
      }
      inRelease.put(entry.getKey(), deps);
    }
    List<PackageName> order = new ArrayList<>();
    Set<PackageName> done = new LinkedHashSet<>();
    for (PackageName name : inRelease.keySet()) {
      visit(name, inRelease, done, new LinkedHashSet<>(), order, problems);
    }
    return order;
  }

  private static void visit(PackageName name, Map<PackageName, List<PackageName>> deps, Set<PackageName> done,
      LinkedHashSet<PackageName> path, List<PackageName> order, List<String> problems) {
    if (done.contains(name)) {
      return;
    }
    if (!path.add(name)) {
      List<PackageName> cycle = new ArrayList<>(path);
      cycle = cycle.subList(cycle.indexOf(name), cycle.size());
      problems.add("dependency cycle: " + cycle + " -> " + name + " (no order publishes each after its dependencies)");
      return;
    }
    for (PackageName dep : deps.get(name)) {
      visit(dep, deps, done, path, order, problems);
    }
    path.remove(name);
    if (done.add(name)) {
      order.add(name);
    }
  }
}
