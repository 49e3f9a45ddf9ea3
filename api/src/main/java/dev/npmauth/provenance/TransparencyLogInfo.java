package dev.npmauth.provenance;

import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * One transparency log of a trusted root: a Rekor instance ({@code tlogs}) or a certificate
 * transparency log ({@code ctlogs}).
 *
 * @param baseUrl the log's base URL, e.g. {@code https://rekor.sigstore.dev}
 * @param hashAlgorithm the log's Merkle tree hash
 * @param keyDetails the key type as the trusted root names it, e.g.
 *     {@code PKIX_ECDSA_P256_SHA_256} or {@code PKIX_ED25519}
 * @param publicKey the log's decoded public key
 * @param logIdBase64 the log id ({@code logId.keyId}), standard base64
 * @param checkpointKeyIdBase64 the checkpoint key id when the root gives one
 * @param validFor when the key may be used
 */
public record TransparencyLogInfo(
    String baseUrl,
    HashAlgorithm hashAlgorithm,
    String keyDetails,
    PublicKey publicKey,
    String logIdBase64,
    Optional<String> checkpointKeyIdBase64,
    ValidityWindow validFor) {

  /**
   * Checks that no component is null.
   *
   * @param baseUrl the log's base URL, e.g. {@code https://rekor.sigstore.dev}
   * @param hashAlgorithm the log's Merkle tree hash
   * @param keyDetails the key type as the trusted root names it, e.g. {@code
   *     PKIX_ECDSA_P256_SHA_256} or {@code PKIX_ED25519}
   * @param publicKey the log's decoded public key
   * @param logIdBase64 the log id ({@code logId.keyId}), standard base64
   * @param checkpointKeyIdBase64 the checkpoint key id when the root gives one
   * @param validFor when the key may be used
   */
  public TransparencyLogInfo {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
    Objects.requireNonNull(keyDetails, "keyDetails");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(logIdBase64, "logIdBase64");
    Objects.requireNonNull(checkpointKeyIdBase64, "checkpointKeyIdBase64");
    Objects.requireNonNull(validFor, "validFor");
  }
}
