package dev.npmauth.impl.provenance.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.npmauth.provenance.Artifact;
import dev.npmauth.provenance.BundleParseException;
import dev.npmauth.provenance.BundleVerifier;
import dev.npmauth.provenance.HashAlgorithm;
import dev.npmauth.provenance.PublicKeyMaterial;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.provenance.VerificationPolicy;
import dev.npmauth.provenance.VerificationResult;
import dev.npmauth.provenance.Verifiers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * Arbitrary bytes as a bundle: {@link BundleVerifier#parse} either returns or throws
 * {@link BundleParseException}, and {@link BundleVerifier#verify(byte[], Artifact,
 * VerificationPolicy)} never throws and never verifies (nobody forges a signature by chance),
 * against the embedded production root and the fake registry's root, keyless and with a managed
 * key. The dictionary holds the bundle format's field names and values, so that the fuzzer
 * builds JSON shaped like a bundle quickly.
 */
@Tag("fuzz")
class BundleBytesFuzzTest {
  private static final class Fixture {
    static final List<BundleVerifier> VERIFIERS = List.of(
        Verifiers.bundleVerifier(TrustedRoots.publicGoodProduction()),
        FuzzSeeds.get().roots.get(0).verifier());
    static final Artifact BYTES = Artifact.ofBytes("hello".getBytes(StandardCharsets.UTF_8));
    static final Artifact DIGEST = Artifact.ofDigest(HashAlgorithm.SHA2_256, new byte[32]);
    static final VerificationPolicy KEYLESS = VerificationPolicy.keyless(
        "https://token.actions.githubusercontent.com", "https://github.com/acme/widgets/.github/"
            + "workflows/release.yml@refs/heads/main");
    static final VerificationPolicy MANAGED = managedKey();

    private static VerificationPolicy managedKey() {
      try {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return VerificationPolicy.publicKey(PublicKeyMaterial.of(g.generateKeyPair().getPublic()));
      } catch (NoSuchAlgorithmException | java.security.InvalidAlgorithmParameterException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Gives libFuzzer the seed bundles (and the bundles inside the seed attestation responses) as
   * its starting corpus: Jazzer reads {@code <jazzer.internal.basedir>/.cifuzz-corpus/<class>/
   * <method>} when fuzzing starts and replays it in regression mode. The folder is under
   * {@code target/} (see {@code impl/pom.xml}); without that property nothing is written.
   */
  @BeforeAll
  static void seedTheCorpus() throws IOException {
    String base = System.getProperty("jazzer.internal.basedir");
    if (base == null || base.isBlank()) {
      return;
    }
    Path dir = Path.of(base, ".cifuzz-corpus", BundleBytesFuzzTest.class.getName(),
        "arbitraryBytesGiveAFailedCheckOrABundleParseException");
    Files.createDirectories(dir);
    FuzzSeeds seeds = FuzzSeeds.get();
    for (FuzzSeeds.BundleSeed s : seeds.bundles) {
      write(dir, s.json());
    }
    for (FuzzSeeds.AttestationsSeed s : seeds.attestations) {
      Object response = JsonMutator.parse(s.json());
      if (response instanceof Map<?, ?> m && m.get("attestations") instanceof List<?> list) {
        for (Object entry : list) {
          if (entry instanceof Map<?, ?> e && e.get("bundle") != null) {
            write(dir, JsonMutator.write(e.get("bundle")));
          }
        }
      }
    }
  }

  private static void write(Path dir, byte[] input) throws IOException {
    Files.write(dir.resolve("seed-" + HexFormat.of().formatHex(
        Arrays.copyOf(sha256(input), 8))), input);
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
  @DictionaryEntries({"\"mediaType\"", "\"verificationMaterial\"", "\"messageSignature\"",
      "\"dsseEnvelope\"", "\"x509CertificateChain\"", "\"certificates\"", "\"certificate\"",
      "\"rawBytes\"", "\"publicKey\"", "\"hint\"", "\"tlogEntries\"", "\"logIndex\"", "\"logId\"",
      "\"keyId\"", "\"kindVersion\"", "\"kind\"", "\"version\"", "\"integratedTime\"",
      "\"inclusionPromise\"", "\"signedEntryTimestamp\"", "\"inclusionProof\"", "\"rootHash\"",
      "\"treeSize\"", "\"hashes\"", "\"checkpoint\"", "\"envelope\"", "\"canonicalizedBody\"",
      "\"timestampVerificationData\"", "\"rfc3161Timestamps\"", "\"signedTimestamp\"",
      "\"messageDigest\"", "\"algorithm\"", "\"digest\"", "\"signature\"", "\"payload\"",
      "\"payloadType\"", "\"signatures\"", "\"sig\"", "\"keyid\"",
      "\"application/vnd.dev.sigstore.bundle+json;version=0.1\"",
      "\"application/vnd.dev.sigstore.bundle+json;version=0.2\"",
      "\"application/vnd.dev.sigstore.bundle.v0.3+json\"", "\"SHA2_256\"", "\"SHA2_512\"",
      "\"hashedrekord\"", "\"dsse\"", "\"intoto\"", "\"0.0.1\"", "\"0.0.2\"",
      "\"application/vnd.in-toto+json\"", "\"MEUCIQ\"", "\"MIIC\"", "{", "}", "[", "]", ":",
      ",", "null", "\"\""})
  void arbitraryBytesGiveAFailedCheckOrABundleParseException(byte[] json) {
    for (BundleVerifier verifier : Fixture.VERIFIERS) {
      try {
        verifier.parse(json);
      } catch (BundleParseException expected) {
        // documented: the bytes are not a bundle
      }
      VerificationResult keyless = verifier.verify(json, Fixture.BYTES, Fixture.KEYLESS);
      Invariants.bundle(keyless, "keyless");
      VerificationResult managed = verifier.verify(json, Fixture.DIGEST, Fixture.MANAGED);
      Invariants.bundle(managed, "managed key");
      if (keyless.verified() || managed.verified()) {
        throw new AssertionError("arbitrary bytes verified: " + new String(json,
            StandardCharsets.UTF_8));
      }
    }
  }
}
