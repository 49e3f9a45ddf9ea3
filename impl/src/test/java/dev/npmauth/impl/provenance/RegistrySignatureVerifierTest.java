package dev.npmauth.impl.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.provenance.NpmPackageVersion;
import dev.npmauth.provenance.RegistryKey;
import dev.npmauth.provenance.RegistryKeys;
import dev.npmauth.provenance.RegistrySignature;
import dev.npmauth.provenance.RegistrySignatureOutcome;
import dev.npmauth.provenance.RegistrySignatureVerifier;
import dev.npmauth.provenance.Verifiers;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistrySignatureVerifierTest {
  private static final String KEY_ID = "SHA256:test-key";
  private static final String INTEGRITY = "sha512-" + FakeSigstore.b64(new byte[64]);
  private static final Instant EXPIRES = Instant.parse("2025-01-29T00:00:00Z");

  private final KeyPair key = FakeSigstore.ec();
  private final RegistrySignatureVerifier verifier = Verifiers.registrySignatureVerifier();

  private RegistryKeys keys(Optional<Instant> expires) {
    return new RegistryKeys(List.of(new RegistryKey(KEY_ID, "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp256", FakeSigstore.b64(key.getPublic().getEncoded()), expires,
        Optional.empty())));
  }

  private NpmPackageVersion signed(String name, Optional<Instant> published) throws Exception {
    byte[] sig = FakeSigstore.sign(key.getPrivate(),
        (name + "@1.0.0:" + INTEGRITY).getBytes(StandardCharsets.UTF_8));
    return new NpmPackageVersion(name, "1.0.0", INTEGRITY,
        List.of(new RegistrySignature(KEY_ID, FakeSigstore.b64(sig))), published, Optional.empty());
  }

  @Test
  void signatureOverNameVersionAndIntegrityVerifies() throws Exception {
    assertThat(verifier.verify(signed("@scope/pkg", Optional.empty()), keys(Optional.empty())).outcome())
        .isEqualTo(RegistrySignatureOutcome.VERIFIED);
  }

  @Test
  void publishedBeforeExpiryVerifiesAndAtOrAfterExpiryIsExpired() throws Exception {
    Instant justBefore = EXPIRES.minusMillis(1);
    assertThat(verifier.verify(signed("p", Optional.of(justBefore)), keys(Optional.of(EXPIRES))).outcome())
        .isEqualTo(RegistrySignatureOutcome.VERIFIED);
    assertThat(verifier.verify(signed("p", Optional.of(EXPIRES)), keys(Optional.of(EXPIRES))).outcome())
        .isEqualTo(RegistrySignatureOutcome.EXPIRED_KEY);
    assertThat(verifier.verify(signed("p", Optional.of(EXPIRES.plusSeconds(1))), keys(Optional.of(EXPIRES))).outcome())
        .isEqualTo(RegistrySignatureOutcome.EXPIRED_KEY);
  }

  @Test
  void unknownPublishTimeUsesPacotesCutoff() throws Exception {
    // 2015-01-01 is before any expiry, so a version without time[] is checked as pacote does
    assertThat(verifier.verify(signed("p", Optional.empty()), keys(Optional.of(EXPIRES))).outcome())
        .isEqualTo(RegistrySignatureOutcome.VERIFIED);
    Instant early = Instant.parse("2014-06-01T00:00:00Z");
    assertThat(verifier.verify(signed("p", Optional.empty()), keys(Optional.of(early))).outcome())
        .isEqualTo(RegistrySignatureOutcome.EXPIRED_KEY);
  }

  @Test
  void signatureForAnotherPackageIsInvalid() throws Exception {
    NpmPackageVersion other = signed("a", Optional.empty());
    NpmPackageVersion renamed = new NpmPackageVersion("b", "1.0.0", INTEGRITY, other.signatures(),
        Optional.empty(), Optional.empty());
    assertThat(verifier.verify(renamed, keys(Optional.empty())).outcome())
        .isEqualTo(RegistrySignatureOutcome.INVALID);
  }

  @Test
  void unknownKeyAndMissingSignatures() throws Exception {
    NpmPackageVersion v = signed("p", Optional.empty());
    assertThat(verifier.verify(v, new RegistryKeys(List.of())).outcome())
        .isEqualTo(RegistrySignatureOutcome.UNKNOWN_KEY);
    NpmPackageVersion unsigned = new NpmPackageVersion("p", "1.0.0", INTEGRITY, List.of(),
        Optional.empty(), Optional.empty());
    assertThat(verifier.verify(unsigned, keys(Optional.empty())).outcome())
        .isEqualTo(RegistrySignatureOutcome.MISSING);
  }

  @Test
  void keyValidityIsStrictlyBeforeExpiry() {
    RegistryKey k = keys(Optional.of(EXPIRES)).keys().get(0);
    assertThat(k.validAt(EXPIRES.minusNanos(1))).isTrue();
    assertThat(k.validAt(EXPIRES)).isFalse();
    assertThat(keys(Optional.empty()).keys().get(0).validAt(Instant.MAX)).isTrue();
  }

  @Test
  void keysParseFromBothTheHttpAndTheTufShape() {
    String http = "{\"keys\":[{\"expires\":\"2025-01-29T00:00:00.000Z\",\"keyid\":\"SHA256:a\","
        + "\"keytype\":\"ecdsa-sha2-nistp256\",\"scheme\":\"ecdsa-sha2-nistp256\",\"key\":\"AAAA\"},"
        + "{\"expires\":null,\"keyid\":\"SHA256:b\",\"keytype\":\"ecdsa-sha2-nistp256\","
        + "\"scheme\":\"ecdsa-sha2-nistp256\",\"key\":\"BBBB\"}]}";
    RegistryKeys k = RegistryKeys.parse(http.getBytes(StandardCharsets.UTF_8));
    assertThat(k.keys()).extracting(RegistryKey::keyId).containsExactly("SHA256:a", "SHA256:b");
    assertThat(k.keys().get(0).expires()).contains(EXPIRES);
    assertThat(k.keys().get(1).expires()).isEmpty();
    String tuf = "{\"keys\":[{\"keyId\":\"SHA256:a\",\"keyUsage\":\"npm:signatures\",\"publicKey\":"
        + "{\"rawBytes\":\"AAAA\",\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\",\"validFor\":"
        + "{\"start\":\"1999-01-01T00:00:00.000Z\",\"end\":\"2025-01-29T00:00:00.000Z\"}}}]}";
    RegistryKeys t = RegistryKeys.parse(tuf.getBytes(StandardCharsets.UTF_8));
    assertThat(t.find("SHA256:a", "npm:signatures")).isPresent();
    assertThat(t.find("SHA256:a", "npm:attestations")).isEmpty();
    assertThat(t.keys().get(0).expires()).contains(EXPIRES);
  }
}
