package dev.npmauth.impl.verify;

import dev.npmauth.provenance.RegistryKeys;
import dev.npmauth.verify.Lockfile;
import dev.npmauth.verify.PackageEvidence;
import dev.npmauth.verify.PackageVerification;
import dev.npmauth.verify.VerifyOptions;
import dev.npmauth.verify.spi.VerificationProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The verification services {@link java.util.ServiceLoader} finds: lockfiles, offline checks. */
public final class DefaultVerificationProvider implements VerificationProvider {
  /** The source name offline results carry. */
  static final String OFFLINE = "offline";

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public DefaultVerificationProvider() {
  }

  @Override
  public Lockfile readLockfile(Path fileOrFolder) {
    return LockfileReader.read(Objects.requireNonNull(fileOrFolder, "fileOrFolder"));
  }

  @Override
  public PackageVerification verifyOffline(PackageEvidence evidence, VerifyOptions options) {
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(options, "options");
    String version = evidence.version().orElse(null);
    VersionFacts facts = null;
    String factsFailure = null;
    try {
      facts = VersionFacts.read(evidence.packument(), null, version);
    } catch (VersionFacts.Unusable e) {
      factsFailure = e.getMessage();
    }
    RegistryKeys keys = null;
    String keysNote = null;
    String keysFailure = null;
    Optional<byte[]> keysDoc = evidence.keys();
    if (keysDoc.isEmpty()) {
      keys = new RegistryKeys(List.of());
      keysNote = "no keys document given: treated as a registry that publishes no keys";
    } else {
      try {
        keys = RegistryKeys.parse(keysDoc.get());
        keysNote = keys.keys().size() + " key(s) from the keys document";
      } catch (IllegalArgumentException e) {
        keysFailure = "the keys document is unusable: " + e.getMessage();
      }
    }
    String name = facts != null ? facts.version().name() : "(unknown)";
    return new PackageChecks(options).run(name, version, OFFLINE, facts, factsFailure, keys,
        keysNote, keysFailure, url -> evidence.attestations().orElseThrow(() -> new FetchFailure(
            "the version names attestations (" + url + ") but no attestations document was"
                + " given")));
  }
}
