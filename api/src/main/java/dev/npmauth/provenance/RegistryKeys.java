package dev.npmauth.provenance;

import dev.npmauth.provenance.spi.VerifierProviders;
import java.util.List;
import java.util.Optional;

/**
 * An npm registry's signing keys.
 *
 * @param keys the keys, in the order the registry listed them
 */
public record RegistryKeys(List<RegistryKey> keys) {

  /**
   * Copies the list.
   *
   * @param keys the keys, in the order the registry listed them
   */
  public RegistryKeys {
    keys = List.copyOf(keys);
  }

  /**
   * Parses a {@code /-/npm/v1/keys} response ({@code {"keys":[{"keyid", "keytype", "scheme",
   * "key", "expires"}]}}) or the TUF {@code keys.json} target ({@code {"keys":[{"keyId",
   * "keyUsage", "publicKey":{"rawBytes", "validFor"}}]}}).
   *
   * @param json the document
   * @return the keys
   * @throws IllegalArgumentException if the document has neither shape
   * @throws dev.npmauth.NpmAuthException if no implementation is on the class path
   */
  public static RegistryKeys parse(byte[] json) {
    return VerifierProviders.provider().parseRegistryKeys(json);
  }

  /**
   * Finds a key for a use. A key without a usage (from the HTTP endpoint) serves every use.
   *
   * @param keyId the key id a signature or bundle names
   * @param usage {@code npm:signatures} or {@code npm:attestations}
   * @return the key, or empty when no key has this id for this use
   */
  public Optional<RegistryKey> find(String keyId, String usage) {
    return keys.stream()
        .filter(k -> k.keyId().equals(keyId))
        .filter(k -> k.usage().isEmpty() || k.usage().get().equals(usage))
        .findFirst();
  }

  /**
   * Whether the registry publishes any key.
   *
   * @return true when the list is not empty
   */
  public boolean isEmpty() {
    return keys.isEmpty();
  }
}
