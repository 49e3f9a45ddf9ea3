package dev.npmauth.impl.provenance.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.impl.provenance.fuzz.FuzzSeeds.BundleSeed;
import dev.npmauth.provenance.BundleVerifier;
import dev.npmauth.provenance.CheckName;
import dev.npmauth.provenance.VerificationResult;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every byte of the timestamp authority's signature in every RFC 3161 timestamp of the passing
 * seed bundles, flipped: the bundle must no longer verify, and the failed check is the
 * timestamp's (or, for a bundle whose SET also dates it, a later one that needed the time). The
 * signature is located in the token with BouncyCastle, so only its bytes are mutated.
 */
@Tag("fuzz")
class TimestampSignatureMutationTest {
  @Test
  @SuppressWarnings("unchecked")
  void everyByteOfEveryTimestampSignatureMatters() throws Exception {
    FuzzSeeds seeds = FuzzSeeds.get();
    int mutants = 0;
    for (BundleSeed seed : seeds.bundles) {
      Map<String, Object> tree = (Map<String, Object>) JsonMutator.parse(seed.json());
      Map<String, Object> vm = (Map<String, Object>) tree.get("verificationMaterial");
      Map<String, Object> tvd = (Map<String, Object>) vm.get("timestampVerificationData");
      List<Object> stamps = tvd == null ? null : (List<Object>) tvd.get("rfc3161Timestamps");
      if (stamps == null || stamps.isEmpty()) {
        continue;
      }
      BundleVerifier verifier = seeds.roots.get(seed.root()).verifier();
      for (Object s : new ArrayList<>(stamps)) {
        Map<String, Object> stamp = (Map<String, Object>) s;
        String original = (String) stamp.get("signedTimestamp");
        byte[] token = Base64.getDecoder().decode(original);
        byte[] signature = signerSignature(token);
        int at = indexOf(token, signature);
        assertThat(at).as("%s: the signature is inside the token", seed.name()).isNotNegative();
        for (int i = 0; i < signature.length; i++) {
          byte[] bad = token.clone();
          bad[at + i] ^= 0x01;
          stamp.put("signedTimestamp", Base64.getEncoder().encodeToString(bad));
          VerificationResult r = verifier.verify(JsonMutator.write(tree), seed.artifact(),
              seed.policy());
          Invariants.bundle(r, seed.name() + " timestamp signature byte " + i);
          assertThat(r.verified()).as("%s: timestamp signature byte %d flipped", seed.name(), i)
              .isFalse();
          assertThat(r.failedCheck().orElseThrow().name())
              .isIn(CheckName.TIMESTAMP_RFC3161, CheckName.SIGNING_TIME);
          mutants++;
        }
        stamp.put("signedTimestamp", original);
      }
    }
    if (FuzzSeeds.conformance() != null) {
      assertThat(mutants).as("the conformance data has bundles with RFC 3161 timestamps")
          .isPositive();
    }
  }

  private static byte[] signerSignature(byte[] encoded) throws Exception {
    TimeStampToken token;
    try {
      token = new TimeStampResponse(encoded).getTimeStampToken();
    } catch (Exception notAResponse) {
      token = new TimeStampToken(ContentInfo.getInstance(encoded));
    }
    return token.toCMSSignedData().getSignerInfos().getSigners().iterator().next().getSignature();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
