package dev.npmauth.impl.provenance.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.impl.provenance.fuzz.FuzzSeeds.AttestationsSeed;
import dev.npmauth.impl.provenance.fuzz.FuzzSeeds.BundleSeed;
import dev.npmauth.provenance.AttestationsResult;
import dev.npmauth.provenance.BundleVerifier;
import dev.npmauth.provenance.TrustedRoot;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.provenance.VerificationResult;
import dev.npmauth.provenance.Verifiers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fuzz targets' starting points are worth mutating only if they verify, as read and after the
 * parse-and-write round trip {@link JsonMutator} puts every mutant through. Runs with the other
 * unit tests, not in the fuzzing forks (a class loaded before Jazzer's agent is not instrumented).
 */
@Tag("fuzz")
class FuzzSeedsTest {
  private final FuzzSeeds seeds = FuzzSeeds.get();

  @Test
  void everySeedBundleVerifiesAsReadAndAsRewritten() {
    assertThat(seeds.bundles).as(seeds.toString()).isNotEmpty();
    for (BundleSeed s : seeds.bundles) {
      BundleVerifier v = seeds.roots.get(s.root()).verifier();
      for (byte[] json : List.of(s.json(), JsonMutator.write(JsonMutator.parse(s.json())))) {
        VerificationResult r = v.verify(json, s.artifact(), s.policy());
        Invariants.bundle(r, s.name());
        assertThat(r.verified()).as("%s: %s", s.name(), r.failedCheck()).isTrue();
      }
    }
  }

  @Test
  void everySeedAttestationResponseVerifiesAsReadAndAsRewritten() {
    for (AttestationsSeed s : seeds.attestations) {
      for (byte[] json : List.of(s.json(), JsonMutator.write(JsonMutator.parse(s.json())))) {
        AttestationsResult r = Verifiers.attestationsVerifier(seeds.roots.get(s.root()).root())
            .verify(json, s.version(), s.keys(), s.policy());
        Invariants.attestations(r, s.name());
        assertThat(r.verified()).as("%s: %s", s.name(), r.failedCheck()).isTrue();
      }
    }
  }

  @Test
  void everySeedRootParsesAsRewritten() {
    for (FuzzSeeds.RootSeed s : seeds.roots) {
      TrustedRoot root = TrustedRoots.parse(JsonMutator.write(JsonMutator.parse(s.json())));
      assertThat(root.certificateAuthorities().size() + root.transparencyLogs().size())
          .as(s.name()).isPositive();
    }
  }

  @Test
  void notJsonIsABundleParseFailureNamedAsSuch() {
    VerificationResult r = seeds.roots.get(0).verifier().verify(
        "{".getBytes(StandardCharsets.UTF_8), seeds.bundles.get(0).artifact(),
        seeds.bundles.get(0).policy());
    Invariants.bundle(r, "'{'");
    assertThat(r.failedCheck().orElseThrow().name().name()).isEqualTo("BUNDLE_PARSE");
  }
}
