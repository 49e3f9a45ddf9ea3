package dev.npmauth.impl.provenance;

import dev.npmauth.impl.provenance.DefaultBundleVerifier.Mode;
import dev.npmauth.impl.provenance.JsonTree.ShapeException;
import dev.npmauth.provenance.Artifact;
import dev.npmauth.provenance.AttestationKind;
import dev.npmauth.provenance.AttestationResult;
import dev.npmauth.provenance.AttestationsResult;
import dev.npmauth.provenance.AttestationsVerifier;
import dev.npmauth.provenance.BundleParseException;
import dev.npmauth.provenance.Check;
import dev.npmauth.provenance.CheckName;
import dev.npmauth.provenance.FulcioCertificateInfo;
import dev.npmauth.provenance.HashAlgorithm;
import dev.npmauth.provenance.NpmPackageVersion;
import dev.npmauth.provenance.ProvenancePolicy;
import dev.npmauth.provenance.PublicKeyMaterial;
import dev.npmauth.provenance.RegistryKey;
import dev.npmauth.provenance.RegistryKeys;
import dev.npmauth.provenance.VerificationResult;
import dev.npmauth.provenance.VerifiedTimestamp;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies an npm attestation response: what npm's pacote checks (registry key by keyid and its
 * expiry against the integrated time, subject purl and sha512, the Sigstore bundle), plus what
 * it misses (the response's predicate type against the signed one, the publish predicate's name
 * and version, and an identity policy for the provenance).
 */
final class NpmAttestationsVerifier implements AttestationsVerifier {
  static final String USAGE = "npm:attestations";
  static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

  private final DefaultBundleVerifier bundles;

  NpmAttestationsVerifier(DefaultBundleVerifier bundles) {
    this.bundles = bundles;
  }

  @Override
  public AttestationsResult verify(byte[] attestationsJson, NpmPackageVersion version,
      RegistryKeys keys, ProvenancePolicy policy) {
    Objects.requireNonNull(attestationsJson, "attestationsJson");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(policy, "policy");
    List<Check> top = new ArrayList<>();
    List<Object> entries;
    try {
      Map<String, Object> doc = JsonTree.parseObject(attestationsJson);
      entries = JsonTree.optArray(doc, "attestations", "$");
      if (entries == null) {
        throw new ShapeException("$.attestations is missing");
      }
    } catch (ShapeException e) {
      top.add(Check.failed(CheckName.NPM_RESPONSE_PARSE, e.getMessage()));
      top.add(Check.skipped(CheckName.NPM_PUBLISH_ATTESTATION_PRESENT,
          "not run: response unreadable"));
      top.add(Check.skipped(CheckName.NPM_PROVENANCE_PRESENT, "not run: response unreadable"));
      return new AttestationsResult(top, List.of());
    }
    top.add(Check.passed(CheckName.NPM_RESPONSE_PARSE, entries.size() + " attestation(s)"));
    Artifact tarball;
    try {
      tarball = version.tarball();
    } catch (IllegalArgumentException e) {
      top.add(Check.failed(CheckName.NPM_SUBJECT, "the package integrity '" + version.integrity()
          + "' is unusable: " + e.getMessage()));
      return new AttestationsResult(top, List.of());
    }
    List<AttestationResult> results = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      results.add(one(entries.get(i), "$.attestations[" + i + "]", version, tarball, keys, policy));
    }
    long publish = results.stream().filter(r -> r.kind() == AttestationKind.PUBLISH).count();
    long provenance = results.stream().filter(r -> r.kind() == AttestationKind.PROVENANCE).count();
    top.add(presence(CheckName.NPM_PUBLISH_ATTESTATION_PRESENT, publish,
        policy.requirePublishAttestation(), "publish attestation"));
    top.add(presence(CheckName.NPM_PROVENANCE_PRESENT, provenance, policy.requireProvenance(),
        "SLSA provenance"));
    return new AttestationsResult(top, results);
  }

  private static Check presence(CheckName name, long count, boolean required, String what) {
    if (count > 0) {
      return Check.passed(name, count + " " + what + " entr" + (count == 1 ? "y" : "ies"));
    }
    return required ? Check.failed(name, "the response has no " + what)
        : Check.skipped(name, "no " + what + " (not required by the policy)");
  }

  private AttestationResult one(Object entry, String path, NpmPackageVersion version,
      Artifact tarball, RegistryKeys keys, ProvenancePolicy policy) {
    String predicateType = "";
    Object bundleTree;
    try {
      Map<String, Object> e = JsonTree.object(entry, path);
      predicateType = Optional.ofNullable(JsonTree.optString(e, "predicateType", path)).orElse("");
      bundleTree = e.get("bundle");
      if (bundleTree == null) {
        throw new ShapeException(path + ".bundle is missing");
      }
    } catch (ShapeException ex) {
      return new AttestationResult(predicateType, AttestationKind.of(predicateType), List.of(),
          Optional.of(DefaultBundleVerifier.parseFailure(ex.getMessage())));
    }
    AttestationKind kind = AttestationKind.of(predicateType);
    Bundle bundle;
    try {
      bundle = BundleParser.fromTree(bundleTree, path + ".bundle");
    } catch (BundleParseException ex) {
      return new AttestationResult(predicateType, kind, List.of(),
          Optional.of(DefaultBundleVerifier.parseFailure(ex.getMessage())));
    }
    List<Check> checks = new ArrayList<>();
    Optional<String> keyId = bundle.dsseKeyId()
        .or(() -> bundle.publicKeyHint().filter(h -> !h.isEmpty()));
    boolean keyed = keyId.isPresent() || bundle.publicKeyHint != null;
    RegistryKey key = null;
    Mode mode;
    if (keyed) {
      if (keyId.isEmpty()) {
        checks.add(Check.failed(CheckName.NPM_REGISTRY_KEY,
            "the bundle is key-signed but names no keyid"));
        return new AttestationResult(predicateType, kind, checks, Optional.empty());
      }
      key = keys.find(keyId.get(), USAGE).orElse(null);
      if (key == null) {
        checks.add(Check.failed(CheckName.NPM_REGISTRY_KEY, "the attestation is signed with keyid "
            + keyId.get() + " but no corresponding registry key can be found"));
        return new AttestationResult(predicateType, kind, checks, Optional.empty());
      }
      try {
        mode = Mode.managedKey(PublicKeyMaterial.fromDer(Bytes.base64(key.keyBase64())));
      } catch (IllegalArgumentException ex) {
        checks.add(Check.failed(CheckName.NPM_REGISTRY_KEY, "registry key " + key.keyId()
            + " is not base64"));
        return new AttestationResult(predicateType, kind, checks, Optional.empty());
      }
    } else if (kind == AttestationKind.PROVENANCE && policy.identity().isPresent()) {
      mode = Mode.of(policy.identity().get());
    } else {
      mode = Mode.keylessAnyIdentity();
    }
    VerificationResult result = bundles.verifyInternal(bundle, tarball, mode);
    boolean ok = result.verified();
    if (keyed) {
      checks.add(ok ? keyValidity(key, result) : skippedAfterBundle(CheckName.NPM_REGISTRY_KEY));
    } else if (kind == AttestationKind.PUBLISH) {
      checks.add(Check.failed(CheckName.NPM_REGISTRY_KEY,
          "the publish attestation must be signed by a registry key, not a certificate"));
    }
    if (!ok) {
      checks.add(skippedAfterBundle(CheckName.NPM_PREDICATE_TYPE));
      checks.add(skippedAfterBundle(CheckName.NPM_SUBJECT));
      if (kind == AttestationKind.PUBLISH) {
        checks.add(skippedAfterBundle(CheckName.NPM_PUBLISH_PREDICATE));
      } else if (kind == AttestationKind.PROVENANCE) {
        checks.add(skippedAfterBundle(CheckName.NPM_PROVENANCE_POLICY));
      }
      return new AttestationResult(predicateType, kind, checks, Optional.of(result));
    }
    InTotoStatement statement;
    try {
      statement = InTotoStatement.parse(bundle.dsse == null ? new byte[0] : bundle.dsse.payload);
    } catch (ShapeException ex) {
      checks.add(Check.failed(CheckName.NPM_PREDICATE_TYPE, "the payload is not an in-toto"
          + " statement: " + ex.getMessage()));
      return new AttestationResult(predicateType, kind, checks, Optional.of(result));
    }
    checks.add(predicateTypeCheck(predicateType, statement));
    checks.add(subjectCheck(statement, version, tarball));
    if (kind == AttestationKind.PUBLISH) {
      checks.add(publishPredicateCheck(statement, version));
    } else if (kind == AttestationKind.PROVENANCE) {
      checks.add(provenancePolicyCheck(result, statement, version, policy));
    }
    return new AttestationResult(predicateType, kind, checks, Optional.of(result));
  }

  private static Check skippedAfterBundle(CheckName name) {
    return Check.skipped(name, "not run: the bundle did not verify");
  }

  /** npm: the key must not have expired at the (verified) integrated time. */
  private static Check keyValidity(RegistryKey key, VerificationResult result) {
    for (VerifiedTimestamp t : result.timestamps()) {
      if (!key.validAt(t.time())) {
        return Check.failed(CheckName.NPM_REGISTRY_KEY, "registry key " + key.keyId()
            + " expired " + key.expires().orElseThrow() + ", before the signing time " + t.time());
      }
    }
    return Check.passed(CheckName.NPM_REGISTRY_KEY, "registry key " + key.keyId()
        + " valid at every signing time"
        + key.expires().map(e -> " (expires " + e + ")").orElse(""));
  }

  private static Check predicateTypeCheck(String declared, InTotoStatement statement) {
    if (!statement.knownType()) {
      return Check.failed(CheckName.NPM_PREDICATE_TYPE, "statement _type '" + statement.type
          + "' is not an in-toto statement type");
    }
    if (!declared.equals(statement.predicateType)) {
      return Check.failed(CheckName.NPM_PREDICATE_TYPE, "the response declares predicate type '"
          + declared + "' but the signed statement has '" + statement.predicateType + "'");
    }
    return Check.passed(CheckName.NPM_PREDICATE_TYPE, declared);
  }

  private static Check subjectCheck(InTotoStatement statement, NpmPackageVersion version,
      Artifact tarball) {
    if (statement.subjects.size() != 1) {
      return Check.failed(CheckName.NPM_SUBJECT, "the statement has " + statement.subjects.size()
          + " subjects; npm attestations have exactly one");
    }
    InTotoStatement.Subject s = statement.subjects.get(0);
    String purl = version.purl();
    if (!purl.equals(s.name)) {
      return Check.failed(CheckName.NPM_SUBJECT, "the package is " + purl
          + " but the statement's subject is " + s.name);
    }
    String sha512 = s.digest.get("sha512");
    Optional<byte[]> expected = tarball.digest(HashAlgorithm.SHA2_512);
    if (sha512 == null || expected.isEmpty()
        || !Bytes.hex(expected.get()).equals(sha512.toLowerCase(Locale.ROOT))) {
      return Check.failed(CheckName.NPM_SUBJECT, "the subject's sha512 "
          + (sha512 == null ? "is missing" : sha512) + " is not the package integrity "
          + expected.map(Bytes::hex).orElse("(no sha512 integrity)"));
    }
    return Check.passed(CheckName.NPM_SUBJECT, purl + " sha512:" + sha512);
  }

  private static Check publishPredicateCheck(InTotoStatement statement, NpmPackageVersion version) {
    String name = statement.predicateString("name");
    String v = statement.predicateString("version");
    if (!version.name().equals(name) || !version.version().equals(v)) {
      return Check.failed(CheckName.NPM_PUBLISH_PREDICATE, "the publish predicate names " + name
          + "@" + v + ", not " + version.name() + "@" + version.version());
    }
    return Check.passed(CheckName.NPM_PUBLISH_PREDICATE, name + "@" + v);
  }

  private static Check provenancePolicyCheck(VerificationResult result, InTotoStatement statement,
      NpmPackageVersion version, ProvenancePolicy policy) {
    Optional<FulcioCertificateInfo> cert = result.certificate();
    if (cert.isEmpty()) {
      return Check.failed(CheckName.NPM_PROVENANCE_POLICY,
          "provenance must be signed with a Fulcio certificate, not a key");
    }
    FulcioCertificateInfo c = cert.get();
    List<String> held = new ArrayList<>();
    Optional<String> repository = policy.repository().or(version::repository)
        .flatMap(RepositoryUrls::normalize);
    if (repository.isPresent()) {
      Optional<String> actual = c.sourceRepositoryUri();
      if (actual.isEmpty() || !RepositoryUrls.same(actual.get(), repository.get())) {
        return Check.failed(CheckName.NPM_PROVENANCE_POLICY, "built from "
            + actual.orElse("(unknown repository)") + ", expected " + repository.get());
      }
      held.add("repository " + actual.get());
      Optional<String> expectedIssuer = issuerFor(repository.get());
      if (expectedIssuer.isPresent() && !expectedIssuer.equals(c.issuer())) {
        return Check.failed(CheckName.NPM_PROVENANCE_POLICY, "signed by issuer "
            + c.issuer().orElse("(none)") + ", expected " + expectedIssuer.get());
      }
    } else if (policy.identity().isEmpty() && !policy.acceptAnyIdentity()) {
      return Check.failed(CheckName.NPM_PROVENANCE_POLICY, "no expected repository: the package"
          + " has no repository field and the policy names none; set ProvenancePolicy"
          + " repository(...) or identity(...), or acceptAnyIdentity()");
    }
    if (policy.identity().isPresent()) {
      held.add("identity " + c.subjectAlternativeName());
    }
    if (policy.workflowPath().isPresent()) {
      String expected = trimPath(policy.workflowPath().get());
      Optional<String> actual = workflowPath(c, repository);
      if (actual.isEmpty() || !actual.get().equals(expected)) {
        return Check.failed(CheckName.NPM_PROVENANCE_POLICY, "workflow "
            + actual.orElse("(unknown)") + ", expected " + expected);
      }
      held.add("workflow " + expected);
    }
    if (policy.ref().isPresent()) {
      Optional<String> actual = c.sourceRepositoryRef();
      if (!actual.equals(policy.ref())) {
        return Check.failed(CheckName.NPM_PROVENANCE_POLICY, "ref " + actual.orElse("(unknown)")
            + ", expected " + policy.ref().get());
      }
      held.add("ref " + actual.get());
    }
    if (policy.builderId().isPresent()) {
      String v1 = statement.predicateString("runDetails", "builder", "id");
      String v02 = statement.predicateString("builder", "id");
      String actual = v1 != null ? v1 : v02;
      if (!policy.builderId().get().equals(actual)) {
        return Check.failed(CheckName.NPM_PROVENANCE_POLICY, "builder " + actual + ", expected "
            + policy.builderId().get());
      }
      held.add("builder " + actual);
    }
    return Check.passed(CheckName.NPM_PROVENANCE_POLICY, held.isEmpty()
        ? "any identity accepted (policy acceptAnyIdentity)" : String.join(", ", held));
  }

  private static Optional<String> issuerFor(String repositoryUrl) {
    String host = URI.create(repositoryUrl).getHost();
    if ("github.com".equalsIgnoreCase(host)) {
      return Optional.of(GITHUB_ISSUER);
    }
    if ("gitlab.com".equalsIgnoreCase(host)) {
      return Optional.of("https://gitlab.com");
    }
    return Optional.empty();
  }

  /**
   * The workflow file the build ran, from the build config URI (top-level workflow), else the
   * SAN: {@code https://github.com/o/r/.github/workflows/x.yml@ref} gives
   * {@code .github/workflows/x.yml}; GitLab's {@code host/group/project//.gitlab-ci.yml@ref}
   * gives {@code .gitlab-ci.yml}.
   */
  static Optional<String> workflowPath(FulcioCertificateInfo c, Optional<String> repository) {
    String uri = c.buildConfigUri().orElse(c.subjectAlternativeName());
    int at = uri.indexOf('@');
    String base = at >= 0 ? uri.substring(0, at) : uri;
    int scheme = base.indexOf("://");
    String rest = scheme >= 0 ? base.substring(scheme + 3) : base;
    int doubleSlash = rest.indexOf("//");
    if (doubleSlash >= 0) {
      return Optional.of(trimPath(rest.substring(doubleSlash + 2)));
    }
    if (repository.isPresent() && base.toLowerCase(Locale.ROOT)
        .startsWith(repository.get().toLowerCase(Locale.ROOT) + "/")) {
      return Optional.of(trimPath(base.substring(repository.get().length() + 1)));
    }
    String[] parts = rest.split("/", 4);
    return parts.length == 4 ? Optional.of(trimPath(parts[3])) : Optional.empty();
  }

  private static String trimPath(String p) {
    String s = p;
    while (s.startsWith("./") || s.startsWith("/")) {
      s = s.substring(s.startsWith("./") ? 2 : 1);
    }
    return s;
  }
}
