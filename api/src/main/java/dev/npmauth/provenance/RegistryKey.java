package dev.npmauth.provenance;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One npm registry signing key, as {@code GET /-/npm/v1/keys} lists it (or as the TUF target
 * {@code <registry host>/keys.json} does, mapped the way the npm CLI maps it).
 *
 * @param keyId the key id, {@code SHA256:} followed by the OpenSSH-style fingerprint; bundles and
 *     {@code dist.signatures} name keys by this string
 * @param keyType the key type, {@code ecdsa-sha2-nistp256} for every key the registry has used
 * @param scheme the signature scheme, {@code ecdsa-sha2-nistp256}
 * @param keyBase64 the public key, base64 of DER {@code SubjectPublicKeyInfo}
 * @param expires when the key stops being valid; empty means it has not expired
 * @param usage the TUF {@code keyUsage} ({@code npm:signatures} or {@code npm:attestations}) when
 *     the key came from TUF; empty for the HTTP endpoint, whose keys serve both uses
 */
public record RegistryKey(
    String keyId,
    String keyType,
    String scheme,
    String keyBase64,
    Optional<Instant> expires,
    Optional<String> usage) {

  /**
   * Checks that no component is null.
   *
   * @param keyId the key id, {@code SHA256:} followed by the OpenSSH-style fingerprint; bundles and
   *     {@code dist.signatures} name keys by this string
   * @param keyType the key type, {@code ecdsa-sha2-nistp256} for every key the registry has used
   * @param scheme the signature scheme, {@code ecdsa-sha2-nistp256}
   * @param keyBase64 the public key, base64 of DER {@code SubjectPublicKeyInfo}
   * @param expires when the key stops being valid; empty means it has not expired
   * @param usage the TUF {@code keyUsage} ({@code npm:signatures} or {@code npm:attestations}) when
   *     the key came from TUF; empty for the HTTP endpoint, whose keys serve both uses
   */
  public RegistryKey {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(keyBase64, "keyBase64");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(usage, "usage");
  }

  /**
   * Whether the key was valid at an instant by npm's rule: no expiry, or the instant is strictly
   * before it.
   *
   * @param instant the publish time or integrated time
   * @return true when the key had not yet expired
   */
  public boolean validAt(Instant instant) {
    return expires.isEmpty() || instant.isBefore(expires.get());
  }
}
