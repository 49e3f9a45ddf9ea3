package dev.npmauth.provenance.spi;

import dev.npmauth.provenance.AttestationsVerifier;
import dev.npmauth.provenance.BundleVerifier;
import dev.npmauth.provenance.NpmPackageVersion;
import dev.npmauth.provenance.RegistryKeys;
import dev.npmauth.provenance.RegistrySignatureVerifier;
import dev.npmauth.provenance.TrustedRoot;

/**
 * The provenance services an implementation of npmauth provides, found with {@link
 * java.util.ServiceLoader}. Users call {@link dev.npmauth.provenance.Verifiers} and {@link
 * dev.npmauth.provenance.TrustedRoots} instead.
 */
public interface VerifierProvider {

  /**
   * Parses a trusted root.
   *
   * @param json the {@code trusted_root.json} bytes
   * @return the trusted root
   * @throws dev.npmauth.provenance.TrustedRootException if it is not a valid trusted root
   */
  TrustedRoot parseTrustedRoot(byte[] json);

  /**
   * The embedded public-good production root.
   *
   * @return the root
   * @throws dev.npmauth.provenance.TrustedRootException if none is embedded
   */
  TrustedRoot publicGoodProduction();

  /**
   * The embedded public-good staging root.
   *
   * @return the root
   * @throws dev.npmauth.provenance.TrustedRootException if none is embedded
   */
  TrustedRoot publicGoodStaging();

  /**
   * Creates a bundle verifier.
   *
   * @param trustedRoot a root this provider parsed
   * @return the verifier
   * @throws IllegalArgumentException if the root comes from another provider
   */
  BundleVerifier bundleVerifier(TrustedRoot trustedRoot);

  /**
   * Creates a registry signature verifier.
   *
   * @return the verifier
   */
  RegistrySignatureVerifier registrySignatureVerifier();

  /**
   * Creates an attestation response verifier.
   *
   * @param trustedRoot a root this provider parsed
   * @return the verifier
   * @throws IllegalArgumentException if the root comes from another provider
   */
  AttestationsVerifier attestationsVerifier(TrustedRoot trustedRoot);

  /**
   * Parses registry keys: the {@code /-/npm/v1/keys} response or the TUF {@code keys.json}
   * target.
   *
   * @param json the document
   * @return the keys
   * @throws IllegalArgumentException if the document has neither shape
   */
  RegistryKeys parseRegistryKeys(byte[] json);

  /**
   * Parses a package-version manifest (a packument's {@code versions[v]} object).
   *
   * @param json the manifest
   * @return the fields verification needs
   * @throws IllegalArgumentException if name, version or {@code dist.integrity} is missing
   */
  NpmPackageVersion parsePackageVersion(byte[] json);
}
