package dev.npmauth.impl.provenance;

import dev.npmauth.provenance.HashAlgorithm;
import dev.npmauth.provenance.NpmPackageVersion;
import dev.npmauth.provenance.RegistryKey;
import dev.npmauth.provenance.RegistryKeys;
import dev.npmauth.provenance.RegistrySignature;
import dev.npmauth.provenance.RegistrySignatureOutcome;
import dev.npmauth.provenance.RegistrySignatureResult;
import dev.npmauth.provenance.RegistrySignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** {@code dist.signatures} checked the way pacote does (npm CLI {@code lib/registry.js}). */
final class NpmRegistrySignatureVerifier implements RegistrySignatureVerifier {
  /** pacote's publish time for versions whose packument has no {@code time} entry. */
  static final Instant MISSING_TIME_CUTOFF = Instant.parse("2015-01-01T00:00:00Z");
  static final String USAGE = "npm:signatures";

  @Override
  public RegistrySignatureResult verify(NpmPackageVersion version, RegistryKeys keys) {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(keys, "keys");
    String id = version.name() + "@" + version.version();
    if (version.signatures().isEmpty()) {
      return new RegistrySignatureResult(RegistrySignatureOutcome.MISSING, Optional.empty(),
          id + " has no registry signature" + (keys.isEmpty() ? " (and the registry lists no keys)"
              : " although the registry provides signing keys"));
    }
    byte[] message = (id + ":" + version.integrity()).getBytes(StandardCharsets.UTF_8);
    Instant published = version.publishTime().orElse(MISSING_TIME_CUTOFF);
    for (RegistrySignature sig : version.signatures()) {
      Optional<String> keyId = Optional.of(sig.keyId());
      Optional<RegistryKey> key = keys.find(sig.keyId(), USAGE);
      if (key.isEmpty()) {
        return new RegistrySignatureResult(RegistrySignatureOutcome.UNKNOWN_KEY, keyId,
            id + " has a registry signature with keyid " + sig.keyId()
                + " but no corresponding public key can be found");
      }
      if (!key.get().validAt(published)) {
        return new RegistrySignatureResult(RegistrySignatureOutcome.EXPIRED_KEY, keyId,
            id + " was published " + published + " but key " + sig.keyId() + " expired "
                + key.get().expires().orElseThrow());
      }
      if (!"ecdsa-sha2-nistp256".equals(key.get().keyType())) {
        return new RegistrySignatureResult(RegistrySignatureOutcome.INVALID, keyId,
            "key " + sig.keyId() + " has unsupported type " + key.get().keyType());
      }
      PublicKey publicKey;
      byte[] signature;
      try {
        publicKey = Crypto.decodeSpki(Bytes.base64(key.get().keyBase64()));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        return new RegistrySignatureResult(RegistrySignatureOutcome.INVALID, keyId,
            "registry key " + sig.keyId() + " does not decode: " + e.getMessage());
      }
      try {
        signature = Bytes.base64(sig.signature());
      } catch (IllegalArgumentException e) {
        return new RegistrySignatureResult(RegistrySignatureOutcome.INVALID, keyId,
            id + " has an invalid registry signature (not base64) with keyid " + sig.keyId());
      }
      if (!Crypto.verify(publicKey, HashAlgorithm.SHA2_256, message, signature)) {
        return new RegistrySignatureResult(RegistrySignatureOutcome.INVALID, keyId,
            id + " has an invalid registry signature with keyid " + sig.keyId());
      }
    }
    return new RegistrySignatureResult(RegistrySignatureOutcome.VERIFIED,
        Optional.of(version.signatures().get(0).keyId()),
        version.signatures().size() + " registry signature(s) over '" + id + ":"
            + version.integrity() + "' verified");
  }
}
