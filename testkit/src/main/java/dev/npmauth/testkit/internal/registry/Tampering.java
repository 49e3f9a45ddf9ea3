package dev.npmauth.testkit.internal.registry;

import dev.npmauth.testkit.internal.sigstore.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Test hooks that play an attacker who changed the registry's store after a version was
 * published: a replaced tarball (the store's metadata updated to match it, as a careless or
 * malicious mirror would, but the registry signature left as it was), a corrupted signature, or
 * signatures removed.
 *
 * <p>Internal to the testkit; not API.
 */
public final class Tampering {
  private final RegistryState state;

  public Tampering(RegistryState state) {
    this.state = state;
  }

  /**
   * Replaces a version's tarball bytes and its {@code dist.integrity} and {@code dist.shasum},
   * keeping {@code dist.signatures}: the signature no longer matches and a lockfile made before
   * no longer agrees with the registry.
   *
   * @throws IllegalArgumentException if there is no such version
   */
  public void replaceTarball(String name, String version, byte[] bytes) {
    Path file = state.tarball(name, version).orElseThrow(() -> noSuch(name, version));
    try {
      // a new file moved into place: a download in progress keeps reading the old one whole
      Path next = Files.createTempFile(file.getParent(), "replace-", ".tgz");
      try {
        Files.write(next, bytes);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(next);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite the stored tarball of " + name + "@" + version, e);
    }
    String integrity = "sha512-" + Base64.getEncoder().encodeToString(SigningKeys.sha512(bytes));
    String shasum;
    try {
      shasum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    edit(name, version, dist -> {
      dist.put("integrity", integrity);
      dist.put("shasum", shasum);
    });
  }

  /**
   * Changes one byte of the first registry signature, so it no longer verifies.
   *
   * @throws IllegalArgumentException if there is no such version or it has no signature
   */
  public void corruptSignature(String name, String version) {
    edit(name, version, dist -> {
      if (!(dist.get("signatures") instanceof List<?> list) || list.isEmpty()
          || !(list.get(0) instanceof Map<?, ?> first) || !(first.get("sig") instanceof String sig)) {
        throw new IllegalArgumentException(name + "@" + version + " has no registry signature");
      }
      byte[] der = Base64.getDecoder().decode(sig);
      der[der.length - 1] ^= 0x01;
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) first;
      m.put("sig", Base64.getEncoder().encodeToString(der));
    });
  }

  /**
   * Changes one byte of the DSSE signature of a version's stored provenance bundle, so the
   * attestation served no longer verifies.
   *
   * @throws IllegalArgumentException if the version has no provenance
   */
  public void corruptProvenance(String name, String version) {
    boolean found = state.signer().editProvenance(name, version, bundle -> {
      if (!(bundle.get("dsseEnvelope") instanceof Map<?, ?> envelope)
          || !(envelope.get("signatures") instanceof List<?> signatures) || signatures.isEmpty()
          || !(signatures.get(0) instanceof Map<?, ?> first) || !(first.get("sig") instanceof String sig)) {
        throw new IllegalArgumentException("the provenance of " + name + "@" + version + " has no DSSE signature");
      }
      byte[] raw = Base64.getDecoder().decode(sig);
      raw[raw.length / 2] ^= 0x01;
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) first;
      m.put("sig", Base64.getEncoder().encodeToString(raw));
    });
    if (!found) {
      throw new IllegalArgumentException(name + "@" + version + " has no provenance attestation");
    }
  }

  /**
   * Removes a version's {@code dist.signatures}.
   *
   * @throws IllegalArgumentException if there is no such version
   */
  public void removeSignatures(String name, String version) {
    edit(name, version, dist -> dist.remove("signatures"));
  }

  private void edit(String name, String version,
      java.util.function.Consumer<Map<String, Object>> distEdit) {
    boolean found = state.editVersion(name, version, manifest -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> dist = (Map<String, Object>) manifest.get("dist");
      distEdit.accept(dist);
    });
    if (!found) {
      throw noSuch(name, version);
    }
  }

  private static IllegalArgumentException noSuch(String name, String version) {
    return new IllegalArgumentException("the registry has no version " + name + "@" + version);
  }
}
