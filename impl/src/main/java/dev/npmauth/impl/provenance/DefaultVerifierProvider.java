package dev.npmauth.impl.provenance;

import dev.npmauth.provenance.AttestationsVerifier;
import dev.npmauth.provenance.BundleVerifier;
import dev.npmauth.provenance.NpmPackageVersion;
import dev.npmauth.provenance.RegistryKeys;
import dev.npmauth.provenance.RegistrySignatureVerifier;
import dev.npmauth.provenance.TrustedRoot;
import dev.npmauth.provenance.spi.VerifierProvider;
import java.util.Objects;

/** The provenance implementation {@link java.util.ServiceLoader} finds. */
public final class DefaultVerifierProvider implements VerifierProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public DefaultVerifierProvider() {
  }

  @Override
  public TrustedRoot parseTrustedRoot(byte[] json) {
    Objects.requireNonNull(json, "json");
    return TrustedRootParser.parse(json);
  }

  @Override
  public TrustedRoot publicGoodProduction() {
    return EmbeddedTrustedRoots.production();
  }

  @Override
  public TrustedRoot publicGoodStaging() {
    return EmbeddedTrustedRoots.staging();
  }

  @Override
  public BundleVerifier bundleVerifier(TrustedRoot trustedRoot) {
    return new DefaultBundleVerifier(own(trustedRoot));
  }

  @Override
  public RegistrySignatureVerifier registrySignatureVerifier() {
    return new NpmRegistrySignatureVerifier();
  }

  @Override
  public AttestationsVerifier attestationsVerifier(TrustedRoot trustedRoot) {
    return new NpmAttestationsVerifier(new DefaultBundleVerifier(own(trustedRoot)));
  }

  @Override
  public RegistryKeys parseRegistryKeys(byte[] json) {
    Objects.requireNonNull(json, "json");
    return NpmJson.registryKeys(json);
  }

  @Override
  public NpmPackageVersion parsePackageVersion(byte[] json) {
    Objects.requireNonNull(json, "json");
    return NpmJson.packageVersion(json);
  }

  static TrustedRootImpl own(TrustedRoot root) {
    Objects.requireNonNull(root, "trustedRoot");
    if (!(root instanceof TrustedRootImpl)) {
      throw new IllegalArgumentException(
          "the trusted root was not created by TrustedRoots (this implementation)");
    }
    return (TrustedRootImpl) root;
  }
}
