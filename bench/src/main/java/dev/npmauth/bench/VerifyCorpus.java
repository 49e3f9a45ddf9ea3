package dev.npmauth.bench;

import com.squareup.moshi.JsonReader;
import dev.npmauth.provenance.Artifact;
import dev.npmauth.provenance.BundleVerifier;
import dev.npmauth.provenance.PublicKeyMaterial;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.provenance.VerificationPolicy;
import dev.npmauth.provenance.VerificationResult;
import dev.npmauth.provenance.Verifiers;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.strings.StringMatcher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okio.Buffer;

/**
 * The bundles the verification benchmark runs on: every passing {@code sigstore-bundle} case of
 * the conformance manifests under {@code ../shared/conformance} (read where they lie, never
 * copied), each with its own trusted root, artifact digest and identity. Both verifiers are set
 * up once per trusted root, as a long-running service would: npmauth's {@link BundleVerifier}
 * and sigstore-java's {@link KeylessVerifier}, from the same {@code trusted_root.json} file.
 */
final class VerifyCorpus {
  /** One passing case. */
  record Case(String id, byte[] bundle, Path trustedRoot, String digestAlgorithm, byte[] digest,
      String issuer, String identity, String publicKeyPem) {
    boolean keyless() {
      return publicKeyPem == null;
    }
  }

  /** A case prepared for both verifiers; a null sigstore-java verifier means it cannot run it. */
  record Prepared(Case c, BundleVerifier npmauth, Artifact artifact, VerificationPolicy policy,
      KeylessVerifier sigstoreJava, VerificationOptions options, String sigstoreJavaProblem) {
  }

  final Path dir;
  final List<Prepared> all = new ArrayList<>();

  private VerifyCorpus(Path dir) {
    this.dir = dir;
  }

  /**
   * The conformance folder: {@code -Dnpmauth.conformance}, else {@code ../shared/conformance}
   * next to the repository ({@code -Dnpmauth.root}, else the working directory).
   */
  static Path conformanceDir() {
    String prop = System.getProperty("npmauth.conformance");
    Path p = prop != null && !prop.isBlank() ? Path.of(prop)
        : Bench.root().resolve("../shared/conformance");
    return p.toAbsolutePath().normalize();
  }

  /** Loads and prepares every passing bundle case; each must verify with npmauth. */
  static VerifyCorpus load(Path dir) throws Exception {
    VerifyCorpus corpus = new VerifyCorpus(dir);
    Map<Path, BundleVerifier> ours = new LinkedHashMap<>();
    Map<Path, Object> theirs = new LinkedHashMap<>();
    for (Case c : cases(dir)) {
      BundleVerifier v = ours.computeIfAbsent(c.trustedRoot(), p -> Verifiers.bundleVerifier(
          TrustedRoots.parse(read(p))));
      Artifact artifact = Artifact.ofDigest(c.digestAlgorithm() + ":" + HexFormat.of().formatHex(
          c.digest()));
      VerificationPolicy policy = c.keyless() ? VerificationPolicy.keyless(c.issuer(), c.identity())
          : VerificationPolicy.publicKey(PublicKeyMaterial.fromPem(c.publicKeyPem()));
      VerificationResult r = v.verify(c.bundle(), artifact, policy);
      if (!r.verified()) {
        throw new IllegalStateException("npmauth rejects the passing case " + c.id() + ": "
            + r.failedCheck());
      }
      KeylessVerifier sj = null;
      VerificationOptions options = null;
      String problem = null;
      if (!c.keyless()) {
        problem = "managed-key bundle: KeylessVerifier verifies certificate-signed bundles only";
      } else if (!c.digestAlgorithm().equals("sha256")) {
        problem = "artifact known by its " + c.digestAlgorithm()
            + " digest; KeylessVerifier takes a SHA-256 digest";
      } else {
        Object made = theirs.computeIfAbsent(c.trustedRoot(), VerifyCorpus::sigstoreJava);
        if (made instanceof String s) {
          problem = s;
        } else {
          sj = (KeylessVerifier) made;
          options = VerificationOptions.builder().addCertificateMatchers(
              VerificationOptions.CertificateMatcher.fulcio()
                  .subjectAlternativeName(StringMatcher.string(c.identity()))
                  .issuer(StringMatcher.string(c.issuer())).build()).build();
          try {
            sj.verify(c.digest(), sigstoreBundle(c.bundle()), options);
          } catch (Exception e) {
            problem = "sigstore-java rejects it: " + e.getMessage();
            sj = null;
          }
        }
      }
      corpus.all.add(new Prepared(c, v, artifact, policy, sj, options, problem));
    }
    return corpus;
  }

  /** The cases both verifiers accept: the benchmark's common set. */
  List<Prepared> common() {
    return all.stream().filter(p -> p.sigstoreJava() != null).toList();
  }

  private static Object sigstoreJava(Path trustedRoot) {
    try {
      return KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(trustedRoot))
          .build();
    } catch (Exception e) {
      return "sigstore-java cannot load the trusted root: " + e;
    }
  }

  static Bundle sigstoreBundle(byte[] json) throws Exception {
    return Bundle.from(new InputStreamReader(new ByteArrayInputStream(json),
        StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  static List<Case> cases(Path dir) {
    List<Path> manifests;
    try (Stream<Path> s = Files.walk(dir)) {
      manifests = s.filter(p -> p.getFileName().toString().equals("manifest.json")).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Case> out = new ArrayList<>();
    for (Path manifest : manifests) {
      Path base = manifest.getParent();
      for (Object o : (List<Object>) json(read(manifest))) {
        Map<String, Object> c = (Map<String, Object>) o;
        if (!"sigstore-bundle".equals(c.get("kind")) || !"pass".equals(c.get("expect"))) {
          continue;
        }
        Map<String, Object> d = (Map<String, Object>) c.get("artifactDigest");
        String key = (String) c.get("publicKey");
        out.add(new Case((String) c.get("id"), read(base.resolve((String) c.get("bundle"))),
            base.resolve((String) c.get("trustedRoot")).normalize(), (String) d.get("algorithm"),
            HexFormat.of().parseHex((String) d.get("hex")), (String) c.get("certificateOidcIssuer"),
            (String) c.get("certificateIdentity"),
            key == null ? null : new String(read(base.resolve(key)), StandardCharsets.US_ASCII)));
      }
    }
    return out;
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
}
