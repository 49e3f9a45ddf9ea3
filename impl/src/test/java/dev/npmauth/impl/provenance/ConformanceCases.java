package dev.npmauth.impl.provenance;

import com.squareup.moshi.JsonReader;
import dev.npmauth.provenance.Artifact;
import dev.npmauth.provenance.AttestationsResult;
import dev.npmauth.provenance.NpmPackageVersion;
import dev.npmauth.provenance.ProvenancePolicy;
import dev.npmauth.provenance.PublicKeyMaterial;
import dev.npmauth.provenance.RegistryKeys;
import dev.npmauth.provenance.RegistrySignatureResult;
import dev.npmauth.provenance.TrustedRoot;
import dev.npmauth.provenance.TrustedRootException;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.provenance.VerificationPolicy;
import dev.npmauth.provenance.VerificationResult;
import dev.npmauth.provenance.Verifiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import okio.Buffer;
import org.junit.jupiter.api.Assumptions;

/**
 * The public conformance data under {@code ../shared/conformance}, read where it lies (never
 * copied), and how to run one case: a Sigstore bundle (with a file or a digest), an npm
 * attestation response, or a registry signature vector.
 */
final class ConformanceCases {
  private static final Map<Path, TrustedRoot> ROOTS = new ConcurrentHashMap<>();

  private ConformanceCases() {
  }

  /**
   * The conformance folder: {@code -Dnpmauth.shared} (surefire sets it to {@code <repo>/../shared}),
   * else {@code ../../shared} from the module folder. Aborts the test when neither exists.
   */
  static Path root() {
    List<Path> candidates = new ArrayList<>();
    String prop = System.getProperty("npmauth.shared");
    if (prop != null && !prop.isBlank()) {
      candidates.add(Paths.get(prop));
    }
    candidates.add(Paths.get("../../shared"));
    for (Path p : candidates) {
      Path conformance = p.resolve("conformance");
      if (Files.isDirectory(conformance)) {
        return conformance.toAbsolutePath().normalize();
      }
    }
    Assumptions.abort("shared conformance data not found (looked in " + candidates
        + "); run from a checkout next to ../shared or set -Dnpmauth.shared");
    throw new IllegalStateException("unreachable");
  }

  /** One case of a manifest. */
  static final class Case {
    final Path dir;
    final Map<String, Object> fields;

    Case(Path dir, Map<String, Object> fields) {
      this.dir = dir;
      this.fields = fields;
    }

    String id() {
      return str("id");
    }

    String kind() {
      return str("kind");
    }

    boolean expectPass() {
      return "pass".equals(str("expect"));
    }

    String str(String key) {
      Object v = fields.get(key);
      return v instanceof String ? (String) v : null;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String key) {
      return (Map<String, Object>) fields.get(key);
    }

    Path path(String key) {
      return dir.resolve(str(key));
    }

    byte[] bytes(String key) {
      try {
        return Files.readAllBytes(path(key));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** How one run turned out. */
  static final class Outcome {
    final boolean verified;
    final String failedCheck;

    Outcome(boolean verified, String failedCheck) {
      this.verified = verified;
      this.failedCheck = failedCheck;
    }
  }

  static List<Path> manifests(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().equals("manifest.json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Case> cases(Path manifest) {
    List<Case> out = new ArrayList<>();
    for (Object o : (List<Object>) json(read(manifest))) {
      out.add(new Case(manifest.getParent(), (Map<String, Object>) o));
    }
    return out;
  }

  static Object json(byte[] bytes) {
    try {
      return JsonReader.of(new Buffer().write(bytes)).readJsonValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The case's trusted root, parsed once per file; empty when the root itself is invalid. */
  static Optional<TrustedRoot> trustedRoot(Case c, StringBuilder why) {
    Path p = c.path("trustedRoot").normalize();
    try {
      return Optional.of(ROOTS.computeIfAbsent(p, x -> TrustedRoots.parse(read(x))));
    } catch (TrustedRootException e) {
      why.append("TRUSTED_ROOT: ").append(e.getMessage());
      return Optional.empty();
    }
  }

  static VerificationPolicy bundlePolicy(Case c) {
    if (c.str("publicKey") != null) {
      return VerificationPolicy.publicKey(PublicKeyMaterial.fromPem(
          new String(c.bytes("publicKey"), StandardCharsets.US_ASCII)));
    }
    return VerificationPolicy.keyless(c.str("certificateOidcIssuer"), c.str("certificateIdentity"));
  }

  static Artifact digestArtifact(Case c) {
    Map<String, Object> d = c.map("artifactDigest");
    return Artifact.ofDigest(d.get("algorithm") + ":" + d.get("hex"));
  }

  /** A {@code sigstore-bundle} case with the given bundle bytes and artifact. */
  static Outcome runBundle(Case c, byte[] bundle, Artifact artifact) {
    StringBuilder why = new StringBuilder();
    Optional<TrustedRoot> root = trustedRoot(c, why);
    if (root.isEmpty()) {
      return new Outcome(false, why.toString());
    }
    VerificationPolicy policy;
    try {
      policy = bundlePolicy(c);
    } catch (IllegalArgumentException e) {
      return new Outcome(false, "PUBLIC_KEY: the case's PEM is unreadable: " + e.getMessage());
    }
    VerificationResult r = Verifiers.bundleVerifier(root.get()).verify(bundle, artifact, policy);
    if (!r.verified()) {
      return new Outcome(false, r.failedCheck().map(Object::toString).orElse("(no failed check!)"));
    }
    String subject = c.str("artifactSubjectName");
    if (subject != null) {
      // npm bundles: the subject that matched the digest must also carry the package's purl
      Map<String, Object> d = c.map("artifactDigest");
      if (!hasSubject(r.dssePayload().orElse("{}"), subject, (String) d.get("algorithm"),
          (String) d.get("hex"))) {
        return new Outcome(false, "harness: no subject named " + subject + " with that digest");
      }
    }
    return new Outcome(true, "");
  }

  @SuppressWarnings("unchecked")
  private static boolean hasSubject(String statement, String name, String alg, String hex) {
    Object tree = json(statement.getBytes(StandardCharsets.UTF_8));
    if (!(tree instanceof Map)) {
      return false;
    }
    Object subjects = ((Map<String, Object>) tree).get("subject");
    if (!(subjects instanceof List)) {
      return false;
    }
    for (Object s : (List<Object>) subjects) {
      Map<String, Object> m = (Map<String, Object>) s;
      Object digest = m.get("digest");
      if (name.equals(m.get("name")) && digest instanceof Map
          && hex.equalsIgnoreCase(String.valueOf(((Map<String, Object>) digest).get(alg)))) {
        return true;
      }
    }
    return false;
  }

  /** An {@code npm-attestations} case with the given response bytes. */
  static Outcome runAttestations(Case c, byte[] response) {
    StringBuilder why = new StringBuilder();
    Optional<TrustedRoot> root = trustedRoot(c, why);
    if (root.isEmpty()) {
      return new Outcome(false, why.toString());
    }
    NpmPackageVersion version = NpmPackageVersion.parse(c.bytes("packageMetadata"));
    RegistryKeys keys = RegistryKeys.parse(c.bytes("registryKeys"));
    ProvenancePolicy policy = ProvenancePolicy.builder()
        .identity(VerificationPolicy.keyless(c.str("certificateOidcIssuer"), c.str("certificateIdentity")))
        .build();
    AttestationsResult r = Verifiers.attestationsVerifier(root.get())
        .verify(response, version, keys, policy);
    if (!r.verified()) {
      return new Outcome(false, r.failedCheck().map(Object::toString).orElse("(no failed check!)"));
    }
    if (!version.signatures().isEmpty()) {
      RegistrySignatureResult s = Verifiers.registrySignatureVerifier().verify(version, keys);
      if (!s.verified()) {
        return new Outcome(false, "NPM_REGISTRY_SIGNATURE " + s.outcome() + ": " + s.detail());
      }
    }
    return new Outcome(true, "");
  }
}
