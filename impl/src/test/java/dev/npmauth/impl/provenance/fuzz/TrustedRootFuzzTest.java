package dev.npmauth.impl.provenance.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.npmauth.impl.provenance.fuzz.FuzzSeeds.BundleSeed;
import dev.npmauth.impl.provenance.fuzz.FuzzSeeds.RootSeed;
import dev.npmauth.provenance.TrustedRoot;
import dev.npmauth.provenance.TrustedRootException;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.provenance.Verifiers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Trusted roots, as arbitrary bytes or as structured mutations of the seeds' roots: {@link
 * TrustedRoots#parse} returns a root or throws {@link TrustedRootException}, nothing else; a root
 * that parses answers its accessors and verifies (or rejects) a bundle made for the original root
 * without an exception, so odd validity windows, keys and chains reach the verifier too.
 */
@Tag("fuzz")
class TrustedRootFuzzTest {
  private static final class Fixture {
    static final FuzzSeeds SEEDS = FuzzSeeds.get();
    static final List<Object> TREES = new ArrayList<>();
    static final List<List<BundleSeed>> BUNDLES_BY_ROOT = new ArrayList<>();

    static {
      for (RootSeed r : SEEDS.roots) {
        TREES.add(JsonMutator.parse(r.json()));
        BUNDLES_BY_ROOT.add(new ArrayList<>());
      }
      for (BundleSeed b : SEEDS.bundles) {
        BUNDLES_BY_ROOT.get(b.root()).add(b);
      }
    }
  }

  @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
  void trustedRootsParseOrThrowTrustedRootException(FuzzedDataProvider data) {
    int pick = data.consumeInt(0, Fixture.SEEDS.roots.size() - 1);
    int mode = data.consumeInt(0, 3);
    JsonMutator mutator = new JsonMutator(data);
    byte[] json = switch (mode) {
      case 0 -> data.consumeBytes(4096);
      case 1 -> mutator.mutateBytes(Fixture.SEEDS.roots.get(pick).json());
      default -> JsonMutator.write(mutator.mutate(Fixture.TREES.get(pick), data.consumeInt(1, 3)));
    };
    TrustedRoot root;
    try {
      root = TrustedRoots.parse(json);
    } catch (TrustedRootException documented) {
      return;
    }
    String described = root.mediaType() + root.transparencyLogs() + root.certificateAuthorities()
        + root.certificateTransparencyLogs() + root.timestampAuthorities() + root;
    if (described.isEmpty()) {
      throw new AssertionError("unreachable");
    }
    List<BundleSeed> bundles = Fixture.BUNDLES_BY_ROOT.get(pick);
    if (!bundles.isEmpty()) {
      BundleSeed b = bundles.get(data.consumeInt(0, bundles.size() - 1));
      Invariants.bundle(Verifiers.bundleVerifier(root).verify(b.json(), b.artifact(), b.policy()),
          b.name() + " against a mutated " + Fixture.SEEDS.roots.get(pick).name());
    }
  }
}
