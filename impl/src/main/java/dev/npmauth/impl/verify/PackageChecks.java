package dev.npmauth.impl.verify;

import dev.npmauth.provenance.AttestationsResult;
import dev.npmauth.provenance.AttestationsVerifier;
import dev.npmauth.provenance.Check;
import dev.npmauth.provenance.CheckName;
import dev.npmauth.provenance.NpmPackageVersion;
import dev.npmauth.provenance.RegistryKeys;
import dev.npmauth.provenance.RegistrySignatureResult;
import dev.npmauth.provenance.RegistrySignatureVerifier;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.provenance.Verifiers;
import dev.npmauth.verify.AttestationStatus;
import dev.npmauth.verify.PackageVerification;
import dev.npmauth.verify.SignatureStatus;
import dev.npmauth.verify.VerifyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The npm-level checks of one version, the same online and offline: the packument's facts, the
 * registry keys, the registry signatures, then the attestations (fetched only when the version
 * names some).
 */
final class PackageChecks {
  /** Fetches (or reads) the attestation response a version's {@code dist.attestations} names. */
  @FunctionalInterface
  interface AttestationSource {
    byte[] fetch(String url) throws FetchFailure;
  }

  private final VerifyOptions options;
  private final RegistrySignatureVerifier signatures;
  private volatile AttestationsVerifier attestations;

  PackageChecks(VerifyOptions options) {
    this.options = options;
    this.signatures = Verifiers.registrySignatureVerifier();
  }

  /** The attestation verifier, made on first use (the trusted root is only parsed if needed). */
  private AttestationsVerifier attestationsVerifier() {
    AttestationsVerifier v = attestations;
    if (v == null) {
      synchronized (this) {
        if (attestations == null) {
          attestations = Verifiers.attestationsVerifier(
              options.trustedRoot().orElseGet(TrustedRoots::publicGoodProduction));
        }
        v = attestations;
      }
    }
    return v;
  }

  /**
   * Runs the checks.
   *
   * @param name the package name asked for
   * @param version the version asked for (may be null offline: the document's)
   * @param source the registry URL or {@code offline}
   * @param facts the version's facts, or null when {@code factsFailure} says why not
   * @param factsFailure why the packument is unusable
   * @param keys the registry keys (empty list for none), or null when {@code keysFailure} says why
   * @param keysNote how the keys were had (or why there are none)
   * @param keysFailure why the keys could not be had, or null
   * @param source2 where attestations come from
   */
  PackageVerification run(String name, String version, String source, VersionFacts facts,
      String factsFailure, RegistryKeys keys, String keysNote, String keysFailure,
      AttestationSource source2) {
    List<Check> checks = new ArrayList<>();
    if (facts == null) {
      checks.add(Check.failed(CheckName.NPM_PACKUMENT, factsFailure));
      checks.add(keysCheck(keys, keysNote, keysFailure));
      checks.add(Check.skipped(CheckName.NPM_REGISTRY_SIGNATURE, "not run: no packument"));
      checks.add(Check.skipped(CheckName.NPM_ATTESTATIONS, "not run: no packument"));
      return new PackageVerification(name, version == null ? "" : version, source,
          Optional.empty(), checks, SignatureStatus.NOT_CHECKED, Optional.empty(),
          AttestationStatus.NOT_CHECKED, Optional.empty());
    }
    NpmPackageVersion v = facts.version();
    checks.add(Check.passed(CheckName.NPM_PACKUMENT, v.name() + "@" + v.version()
        + " integrity " + v.integrity()
        + v.publishTime().map(t -> ", published " + t).orElse(", no publish time")
        + ", " + v.signatures().size() + " signature(s)"
        + facts.attestationsUrl().map(u -> ", attestations " + u).orElse(", no attestations")));
    checks.add(keysCheck(keys, keysNote, keysFailure));

    SignatureStatus sigStatus;
    Optional<RegistrySignatureResult> sigResult = Optional.empty();
    if (keys == null) {
      sigStatus = SignatureStatus.NOT_CHECKED;
      checks.add(Check.skipped(CheckName.NPM_REGISTRY_SIGNATURE,
          "not run: the registry keys could not be had"));
    } else {
      RegistrySignatureResult r = signatures.verify(v, keys);
      sigResult = Optional.of(r);
      sigStatus = switch (r.outcome()) {
        case VERIFIED -> SignatureStatus.VERIFIED;
        case INVALID -> SignatureStatus.INVALID;
        case UNKNOWN_KEY -> SignatureStatus.UNKNOWN_KEY;
        case EXPIRED_KEY -> SignatureStatus.EXPIRED_KEY;
        case MISSING -> keys.isEmpty() ? SignatureStatus.NO_REGISTRY_KEYS : SignatureStatus.MISSING;
      };
      if (sigStatus == SignatureStatus.VERIFIED) {
        checks.add(Check.passed(CheckName.NPM_REGISTRY_SIGNATURE, r.detail()));
      } else if (sigStatus == SignatureStatus.NO_REGISTRY_KEYS) {
        checks.add(Check.skipped(CheckName.NPM_REGISTRY_SIGNATURE,
            "no registry signature, and the registry publishes no signing keys"));
      } else {
        checks.add(Check.failed(CheckName.NPM_REGISTRY_SIGNATURE, r.detail()));
      }
    }

    AttestationStatus attStatus;
    Optional<AttestationsResult> attResult = Optional.empty();
    if (facts.attestationsUrl().isEmpty()) {
      if (options.requireAttestations()) {
        attStatus = AttestationStatus.MISSING;
        checks.add(Check.failed(CheckName.NPM_ATTESTATIONS, v.name() + "@" + v.version()
            + " has no dist.attestations, and attestations are required"));
      } else {
        attStatus = AttestationStatus.NONE;
        checks.add(Check.skipped(CheckName.NPM_ATTESTATIONS,
            "the version has no attestations (dist.attestations)"));
      }
    } else if (keys == null) {
      attStatus = AttestationStatus.NOT_CHECKED;
      checks.add(Check.skipped(CheckName.NPM_ATTESTATIONS,
          "not run: the registry keys (for the publish attestation) could not be had"));
    } else {
      byte[] body = null;
      String failure = null;
      try {
        body = source2.fetch(facts.attestationsUrl().get());
      } catch (FetchFailure e) {
        failure = e.getMessage();
      }
      if (body == null) {
        attStatus = AttestationStatus.NOT_CHECKED;
        checks.add(Check.failed(CheckName.NPM_ATTESTATIONS, failure));
      } else {
        AttestationsResult r = attestationsVerifier().verify(body, v, keys, options.policy());
        attResult = Optional.of(r);
        if (r.verified()) {
          attStatus = AttestationStatus.VERIFIED;
          checks.add(Check.passed(CheckName.NPM_ATTESTATIONS, describe(r)));
        } else {
          attStatus = AttestationStatus.INVALID;
          checks.add(Check.failed(CheckName.NPM_ATTESTATIONS, r.failedCheck()
              .map(c -> c.name() + ": " + c.detail()).orElse("no attestation verified")));
        }
      }
    }
    return new PackageVerification(v.name(), v.version(), source, Optional.of(v.integrity()),
        checks, sigStatus, sigResult, attStatus, attResult);
  }

  private static String describe(AttestationsResult r) {
    List<String> parts = new ArrayList<>();
    r.attestations().forEach(a -> parts.add(a.kind().name().toLowerCase(java.util.Locale.ROOT)
        + " (" + a.predicateType() + ")"));
    String signer = r.provenanceCertificate()
        .map(c -> "; provenance signed by " + c.subjectAlternativeName()
            + c.sourceRepositoryUri().map(u -> " from " + u).orElse(""))
        .orElse("");
    return parts.size() + " attestation(s) verified: " + String.join(", ", parts) + signer;
  }

  private static Check keysCheck(RegistryKeys keys, String note, String failure) {
    if (keys == null) {
      return Check.failed(CheckName.NPM_REGISTRY_KEYS, failure);
    }
    if (keys.isEmpty()) {
      return Check.skipped(CheckName.NPM_REGISTRY_KEYS, note);
    }
    return Check.passed(CheckName.NPM_REGISTRY_KEYS, note);
  }
}
