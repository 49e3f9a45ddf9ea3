package dev.npmauth.provenance;

import java.util.Objects;

/**
 * One entry of a version's {@code dist.signatures}.
 *
 * @param keyId the registry key id
 * @param signature base64 of the DER ECDSA signature over {@code <name>@<version>:<integrity>}
 */
public record RegistrySignature(String keyId, String signature) {

  /**
   * Checks that no component is null.
   *
   * @param keyId the registry key id
   * @param signature base64 of the DER ECDSA signature over {@code <name>@<version>:<integrity>}
   */
  public RegistrySignature {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(signature, "signature");
  }
}
