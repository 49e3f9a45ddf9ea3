package dev.npmauth.impl.provenance.fuzz;

import com.squareup.moshi.JsonReader;
import dev.npmauth.provenance.Artifact;
import dev.npmauth.provenance.BundleVerifier;
import dev.npmauth.provenance.NpmPackageVersion;
import dev.npmauth.provenance.ProvenancePolicy;
import dev.npmauth.provenance.PublicKeyMaterial;
import dev.npmauth.provenance.RegistryKeys;
import dev.npmauth.provenance.TrustedRoot;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.provenance.VerificationPolicy;
import dev.npmauth.provenance.Verifiers;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.GitHubRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okio.Buffer;

/**
 * Valid inputs the fuzz targets start from, made or read at run time (nothing is copied into the
 * repository): every passing Sigstore bundle and npm attestation response of
 * {@code ../shared/conformance} when that folder is there, and always a provenance bundle, an
 * attestation response and a trusted root produced by the testkit's fake registry.
 */
final class FuzzSeeds {
  /** A bundle with what it verifies against. */
  record BundleSeed(String name, byte[] json, int root, Artifact artifact,
      VerificationPolicy policy) {
  }

  /** An npm attestations response with what it verifies against. */
  record AttestationsSeed(String name, byte[] json, int root, NpmPackageVersion version,
      RegistryKeys keys, ProvenancePolicy policy) {
  }

  /** A trusted root: its JSON, parsed once, and a verifier bound to it. */
  record RootSeed(String name, byte[] json, TrustedRoot root, BundleVerifier verifier) {
  }

  final List<RootSeed> roots = new ArrayList<>();
  final List<BundleSeed> bundles = new ArrayList<>();
  final List<AttestationsSeed> attestations = new ArrayList<>();
  final String source;

  private static volatile FuzzSeeds instance;

  /** The seeds, built once per JVM. */
  static FuzzSeeds get() {
    FuzzSeeds s = instance;
    if (s == null) {
      synchronized (FuzzSeeds.class) {
        s = instance;
        if (s == null) {
          s = new FuzzSeeds();
          instance = s;
        }
      }
    }
    return s;
  }

  private FuzzSeeds() {
    fromFakeRegistry();
    Path conformance = conformance();
    if (conformance == null) {
      source = "the fake registry only (../shared/conformance not found; set -Dnpmauth.shared)";
    } else {
      fromConformance(conformance);
      source = "the fake registry and " + conformance;
    }
  }

  // ---- the testkit's fake registry ------------------------------------------------------

  private void fromFakeRegistry() {
    try (FakeRegistry fake = FakeRegistry.start()) {
      byte[] rootJson = fake.sigstoreTrustedRoot().getBytes(StandardCharsets.UTF_8);
      int root = addRoot("fake-registry trusted root", rootJson);
      byte[] tarball = "a tarball the fuzz seeds sign".getBytes(StandardCharsets.UTF_8);
      GitHubRun run = GitHubRun.of("acme/widgets", "release.yml");
      String bundle = fake.provenanceBundle(tarball, "widgets", "1.0.0", run);
      bundles.add(new BundleSeed("fake-registry provenance", bundle.getBytes(StandardCharsets.UTF_8),
          root, Artifact.ofBytes(tarball), VerificationPolicy.keylessMatching(
              "https://token.actions.githubusercontent.com", Pattern.compile(".*"))));
    }
  }

  // ---- ../shared/conformance -------------------------------------------------------------

  /** {@code -Dnpmauth.shared} (surefire sets it), else {@code ../../shared} from the module. */
  static Path conformance() {
    List<Path> candidates = new ArrayList<>();
    String prop = System.getProperty("npmauth.shared");
    if (prop != null && !prop.isBlank()) {
      candidates.add(Paths.get(prop));
    }
    candidates.add(Paths.get("../../shared"));
    for (Path p : candidates) {
      Path c = p.resolve("conformance");
      if (Files.isDirectory(c)) {
        return c.toAbsolutePath().normalize();
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private void fromConformance(Path conformance) {
    List<Path> manifests;
    try (Stream<Path> s = Files.walk(conformance)) {
      manifests = s.filter(p -> p.getFileName().toString().equals("manifest.json")).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<Path, Integer> rootIndex = new LinkedHashMap<>();
    for (Path manifest : manifests) {
      Path dir = manifest.getParent();
      for (Object o : (List<Object>) json(read(manifest))) {
        Map<String, Object> c = (Map<String, Object>) o;
        if (!"pass".equals(c.get("expect"))) {
          continue;
        }
        Path rootFile = dir.resolve((String) c.get("trustedRoot")).normalize();
        Integer root = rootIndex.get(rootFile);
        if (root == null) {
          root = addRoot(conformance.relativize(rootFile).toString(), read(rootFile));
          rootIndex.put(rootFile, root);
        }
        String id = (String) c.get("id");
        byte[] bundle = read(dir.resolve((String) c.get("bundle")));
        if ("sigstore-bundle".equals(c.get("kind"))) {
          bundles.add(new BundleSeed(id, bundle, root, artifact(dir, c), policy(dir, c)));
        } else if ("npm-attestations".equals(c.get("kind"))) {
          attestations.add(new AttestationsSeed(id, bundle, root,
              NpmPackageVersion.parse(read(dir.resolve((String) c.get("packageMetadata")))),
              RegistryKeys.parse(read(dir.resolve((String) c.get("registryKeys")))),
              ProvenancePolicy.builder().identity(VerificationPolicy.keyless(
                  (String) c.get("certificateOidcIssuer"), (String) c.get("certificateIdentity")))
                  .build()));
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Artifact artifact(Path dir, Map<String, Object> c) {
    Map<String, Object> d = (Map<String, Object>) c.get("artifactDigest");
    if (d != null) {
      return Artifact.ofDigest(d.get("algorithm") + ":" + d.get("hex"));
    }
    return Artifact.ofBytes(read(dir.resolve((String) c.get("artifact"))));
  }

  private static VerificationPolicy policy(Path dir, Map<String, Object> c) {
    Object key = c.get("publicKey");
    if (key instanceof String k) {
      return VerificationPolicy.publicKey(PublicKeyMaterial.fromPem(
          new String(read(dir.resolve(k)), StandardCharsets.US_ASCII)));
    }
    return VerificationPolicy.keyless((String) c.get("certificateOidcIssuer"),
        (String) c.get("certificateIdentity"));
  }

  private int addRoot(String name, byte[] json) {
    TrustedRoot root = TrustedRoots.parse(json);
    roots.add(new RootSeed(name, json, root, Verifiers.bundleVerifier(root)));
    return roots.size() - 1;
  }

  static Object json(byte[] bytes) {
    try (JsonReader reader = JsonReader.of(new Buffer().write(bytes))) {
      return reader.readJsonValue();
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

  @Override
  public String toString() {
    return roots.size() + " trusted roots, " + bundles.size() + " bundles, " + attestations.size()
        + " attestation responses, from " + source;
  }
}
