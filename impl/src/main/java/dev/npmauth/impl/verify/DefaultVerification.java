package dev.npmauth.impl.verify;

import dev.npmauth.Credential;
import dev.npmauth.PackageName;
import dev.npmauth.RegistryUrl;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.verify.AuditOptions;
import dev.npmauth.verify.AuditReport;
import dev.npmauth.verify.Lockfile;
import dev.npmauth.verify.PackageVerification;
import dev.npmauth.verify.Verification;
import dev.npmauth.verify.VerifyOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link Verification} over the client's HTTP stack. */
public final class DefaultVerification implements Verification {
  private final RegistryHttp http;
  private final NpmConfig config;
  private final RegistryUrl registry;
  private final Supplier<Optional<Credential>> credential;

  /**
   * Creates the capability.
   *
   * @param http the client's HTTP stack
   * @param config npm configuration (for {@code @scope:registry})
   * @param registry the client's registry, for every unscoped package and scopes without their
   *     own registry
   * @param credential the client's configured credential for its registry, if any
   */
  public DefaultVerification(RegistryHttp http, NpmConfig config, RegistryUrl registry,
      Supplier<Optional<Credential>> credential) {
    this.http = http;
    this.config = config;
    this.registry = registry;
    this.credential = credential;
  }

  @Override
  public PackageVerification verify(String name, String version) {
    return verify(name, version, VerifyOptions.defaults());
  }

  @Override
  public PackageVerification verify(String name, String version, VerifyOptions options) {
    PackageName pn = PackageName.of(Objects.requireNonNull(name, "name"));
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("give the exact version to verify, e.g. 1.2.3");
    }
    Objects.requireNonNull(options, "options");
    return verifyOnline(new RegistrySources(http, credential), new PackageChecks(options), pn,
        version.trim());
  }

  @Override
  public AuditReport audit(Path lockfileOrProject) {
    return audit(lockfileOrProject, AuditOptions.defaults());
  }

  @Override
  public AuditReport audit(Path lockfileOrProject, AuditOptions options) {
    return audit(LockfileReader.read(lockfileOrProject), options);
  }

  @Override
  public AuditReport audit(Lockfile lockfile, AuditOptions options) {
    Objects.requireNonNull(lockfile, "lockfile");
    Objects.requireNonNull(options, "options");
    RegistrySources sources = new RegistrySources(http, credential);
    PackageChecks checks = new PackageChecks(options.verify());
    return new LockfileAudit(this::registryFor,
        (name, version) -> verifyOnline(sources, checks, name, version)).run(lockfile, options);
  }

  /** The registry of a package: its scope's {@code @scope:registry}, else the client's. */
  RegistryUrl registryFor(PackageName name) {
    return name.scope().flatMap(s -> config.get("@" + s + ":registry")).map(RegistryUrl::of)
        .orElse(registry);
  }

  private PackageVerification verifyOnline(RegistrySources sources, PackageChecks checks,
      PackageName name, String version) {
    RegistryUrl reg = registryFor(name);
    VersionFacts facts = null;
    String factsFailure = null;
    try {
      Map<String, Object> packument = sources.packument(reg, name);
      facts = VersionFacts.of(packument, name.value(), version);
    } catch (FetchFailure | VersionFacts.Unusable e) {
      factsFailure = e.getMessage();
    }
    RegistrySources.Keys keys = null;
    String keysFailure = null;
    if (facts != null) {
      try {
        keys = sources.keys(reg);
      } catch (FetchFailure e) {
        keysFailure = e.getMessage();
      }
    } else {
      keysFailure = "not fetched: no packument";
    }
    return checks.run(name.value(), version, reg.toString(), facts, factsFailure,
        keys == null ? null : keys.keys(), keys == null ? null : keys.note(), keysFailure,
        url -> sources.attestations(reg, url));
  }
}
