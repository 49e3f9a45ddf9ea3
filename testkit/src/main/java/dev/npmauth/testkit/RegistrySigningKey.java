package dev.npmauth.testkit;

import java.util.Objects;

/**
 * The key a {@link FakeRegistry} signs with: {@code dist.signatures} of every version it stores
 * and its publish attestations. {@code GET /-/npm/v1/keys} lists it.
 *
 * @param keyId {@code SHA256:} + unpadded base64 of SHA-256 over the SSH wire-format public key
 *     (the OpenSSH fingerprint, as npm's keyids are)
 * @param publicKeyBase64 base64 of the DER {@code SubjectPublicKeyInfo} (the {@code key} field)
 */
public record RegistrySigningKey(String keyId, String publicKeyBase64) {

  /** Checks that no component is null. */
  public RegistrySigningKey {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(publicKeyBase64, "publicKeyBase64");
  }

  /**
   * The key as the npm CLI hands it to pacote: the base64 wrapped in PEM lines, unbroken.
   *
   * @return {@code -----BEGIN PUBLIC KEY-----\n<base64>\n-----END PUBLIC KEY-----}
   */
  public String pem() {
    return "-----BEGIN PUBLIC KEY-----\n" + publicKeyBase64 + "\n-----END PUBLIC KEY-----";
  }
}
