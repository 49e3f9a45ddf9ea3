package dev.npmauth.bench;

import dev.npmauth.bench.SignatureChecks.Check;
import dev.npmauth.bench.VerifyCorpus.Prepared;
import dev.npmauth.provenance.Artifact;
import dev.npmauth.provenance.BundleVerifier;
import dev.npmauth.provenance.VerificationPolicy;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.VerificationOptions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * One operation verifies every bundle of the common set once (bundles both verifiers accept),
 * from its JSON bytes: parse, then every check. Throughput in operations per second times the
 * set's size is bundles per second. Each verification's answer is checked, so a verifier that
 * started failing would stop the run rather than look fast. The raw benchmarks do only the
 * public-key signature checks of the same bundles ({@link SignatureChecks}), with the JDK's
 * providers and with BouncyCastle: the floor under any verifier (the bundle's own signing key is
 * decoded in every check, the trusted root's keys once).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class VerifyBenchmarks {
  private byte[][] json;
  private BundleVerifier[] ours;
  private Artifact[] artifacts;
  private VerificationPolicy[] policies;
  private KeylessVerifier[] theirs;
  private byte[][] digests;
  private VerificationOptions[] options;
  private Check[] checks;
  private final Map<String, Signature> jdkEngines = new HashMap<>();
  private final Map<String, Signature> bcEngines = new HashMap<>();
  private final Map<String, KeyFactory> keyFactories = new HashMap<>();

  /** Loads the corpus from {@code -Dnpmauth.conformance}. */
  @Setup(Level.Trial)
  public void load() throws Exception {
    VerifyCorpus corpus = VerifyCorpus.load(VerifyCorpus.conformanceDir());
    List<Prepared> common = corpus.common();
    int n = common.size();
    json = new byte[n][];
    ours = new BundleVerifier[n];
    artifacts = new Artifact[n];
    policies = new VerificationPolicy[n];
    theirs = new KeylessVerifier[n];
    digests = new byte[n][];
    options = new VerificationOptions[n];
    List<Check> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Prepared p = common.get(i);
      json[i] = p.c().bundle();
      ours[i] = p.npmauth();
      artifacts[i] = p.artifact();
      policies[i] = p.policy();
      theirs[i] = p.sigstoreJava();
      digests[i] = p.c().digest();
      options[i] = p.options();
      all.addAll(SignatureChecks.of(p.c().bundle(), VerifyCorpus.read(p.c().trustedRoot()),
          p.c().publicKeyPem()));
    }
    checks = all.toArray(new Check[0]);
  }

  /** npmauth: {@code BundleVerifier.verify(json, artifact, policy)} for every bundle. */
  @Benchmark
  public int npmauth() {
    int ok = 0;
    for (int i = 0; i < json.length; i++) {
      if (ours[i].verify(json[i], artifacts[i], policies[i]).verified()) {
        ok++;
      }
    }
    if (ok != json.length) {
      throw new IllegalStateException("npmauth verified " + ok + " of " + json.length);
    }
    return ok;
  }

  /** sigstore-java: {@code Bundle.from(json)}, then {@code KeylessVerifier.verify}. */
  @Benchmark
  public int sigstoreJava() throws Exception {
    for (int i = 0; i < json.length; i++) {
      theirs[i].verify(digests[i], VerifyCorpus.sigstoreBundle(json[i]), options[i]);
    }
    return json.length;
  }

  /** The same bundles' public-key signature checks alone, with the JDK's providers. */
  @Benchmark
  public int rawSignaturesJdk() throws Exception {
    return raw(jdkEngines, false);
  }

  /** The same bundles' public-key signature checks alone, with BouncyCastle. */
  @Benchmark
  public int rawSignaturesBouncyCastle() throws Exception {
    return raw(bcEngines, true);
  }

  private int raw(Map<String, Signature> engines, boolean bc) throws Exception {
    for (Check c : checks) {
      Signature s = engines.get(c.algorithm());
      if (s == null) {
        s = bc ? Signature.getInstance(c.algorithm(), SignatureChecks.BC)
            : Signature.getInstance(c.algorithm());
        engines.put(c.algorithm(), s);
      }
      PublicKey key = bc ? c.bcKey() : c.jdkKey();
      if (c.bundleKey()) {
        // the bundle's own key is new to a verifier: decode it as part of the check
        String id = key.getAlgorithm() + (bc ? "/bc" : "/jdk");
        KeyFactory f = keyFactories.get(id);
        if (f == null) {
          f = bc ? KeyFactory.getInstance(key.getAlgorithm(), SignatureChecks.BC)
              : KeyFactory.getInstance(key.getAlgorithm());
          keyFactories.put(id, f);
        }
        key = f.generatePublic(new X509EncodedKeySpec(c.spki()));
      }
      if (!SignatureChecks.verify(c, s, key)) {
        throw new IllegalStateException(c.what() + " stopped verifying");
      }
    }
    return checks.length;
  }
}
