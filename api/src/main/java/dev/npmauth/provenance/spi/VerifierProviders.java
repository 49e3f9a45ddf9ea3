package dev.npmauth.provenance.spi;

import dev.npmauth.NpmAuthException;
import java.util.ServiceLoader;

/** Finds the {@link VerifierProvider} on the class path (once). */
public final class VerifierProviders {
  private VerifierProviders() {
  }

  /**
   * The implementation on the class path.
   *
   * @return the first provider found
   * @throws NpmAuthException if there is none, saying which artifact to add
   */
  public static VerifierProvider provider() {
    return Holder.PROVIDER;
  }

  private static final class Holder {
    static final VerifierProvider PROVIDER = ServiceLoader
        .load(VerifierProvider.class, VerifierProviders.class.getClassLoader())
        .findFirst()
        .orElseThrow(() -> new NpmAuthException("no npmauth provenance implementation on the"
            + " class path: add dev.npmauth:npmauth-impl as a runtime dependency"));
  }
}
