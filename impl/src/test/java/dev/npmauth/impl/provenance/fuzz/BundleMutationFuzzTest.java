package dev.npmauth.impl.provenance.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.npmauth.impl.provenance.fuzz.FuzzSeeds.AttestationsSeed;
import dev.npmauth.impl.provenance.fuzz.FuzzSeeds.BundleSeed;
import dev.npmauth.provenance.AttestationsVerifier;
import dev.npmauth.provenance.BundleParseException;
import dev.npmauth.provenance.BundleVerifier;
import dev.npmauth.provenance.Verifiers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Structured mutations of valid bundles and npm attestation responses (the passing conformance
 * cases, read at run time, and the fake registry's provenance): the fuzzer picks a seed and up to
 * four {@link JsonMutator} mutations, sometimes followed by a byte-level one of the whole text.
 * Verification must give a result, never an exception; parsing must give a bundle or a
 * {@link BundleParseException}; every result satisfies {@link Invariants}.
 */
@Tag("fuzz")
class BundleMutationFuzzTest {
  private static final class Fixture {
    static final FuzzSeeds SEEDS = FuzzSeeds.get();
    static final List<Object> BUNDLE_TREES = new ArrayList<>();
    static final List<Object> RESPONSE_TREES = new ArrayList<>();
    static final List<AttestationsVerifier> ATTESTATION_VERIFIERS = new ArrayList<>();

    static {
      System.out.println("fuzz seeds: " + SEEDS);
      for (BundleSeed s : SEEDS.bundles) {
        BUNDLE_TREES.add(JsonMutator.parse(s.json()));
      }
      for (AttestationsSeed s : SEEDS.attestations) {
        RESPONSE_TREES.add(JsonMutator.parse(s.json()));
        ATTESTATION_VERIFIERS.add(Verifiers.attestationsVerifier(SEEDS.roots.get(s.root()).root()));
      }
    }
  }

  @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
  void mutatedValidInputsGiveAResultNeverAnException(FuzzedDataProvider data) {
    FuzzSeeds seeds = Fixture.SEEDS;
    int pick = data.consumeInt(0, seeds.bundles.size() + seeds.attestations.size() - 1);
    JsonMutator mutator = new JsonMutator(data);
    int mutations = data.consumeInt(1, 4);
    boolean rawToo = data.consumeBoolean();
    if (pick < seeds.bundles.size()) {
      BundleSeed seed = seeds.bundles.get(pick);
      byte[] json = JsonMutator.write(mutator.mutate(Fixture.BUNDLE_TREES.get(pick), mutations));
      if (rawToo) {
        json = mutator.mutateBytes(json);
      }
      BundleVerifier verifier = seeds.roots.get(seed.root()).verifier();
      try {
        verifier.parse(json);
      } catch (BundleParseException expected) {
        // documented
      }
      Invariants.bundle(verifier.verify(json, seed.artifact(), seed.policy()), seed.name());
    } else {
      int i = pick - seeds.bundles.size();
      AttestationsSeed seed = seeds.attestations.get(i);
      byte[] json = JsonMutator.write(mutator.mutate(Fixture.RESPONSE_TREES.get(i), mutations));
      if (rawToo) {
        json = mutator.mutateBytes(json);
      }
      Invariants.attestations(Fixture.ATTESTATION_VERIFIERS.get(i)
          .verify(json, seed.version(), seed.keys(), seed.policy()), seed.name());
    }
  }
}
