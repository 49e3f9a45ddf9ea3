package dev.npmauth.verify.spi;

import dev.npmauth.NpmAuthException;
import java.util.ServiceLoader;

/** Finds the {@link VerificationProvider} on the class path (once). */
public final class VerificationProviders {
  private VerificationProviders() {
  }

  /**
   * The implementation on the class path.
   *
   * @return the first provider found
   * @throws NpmAuthException if there is none, saying which artifact to add
   */
  public static VerificationProvider provider() {
    return Holder.PROVIDER;
  }

  private static final class Holder {
    static final VerificationProvider PROVIDER = ServiceLoader
        .load(VerificationProvider.class, VerificationProviders.class.getClassLoader())
        .findFirst()
        .orElseThrow(() -> new NpmAuthException("no npmauth verification implementation on the"
            + " class path: add dev.npmauth:npmauth-impl as a runtime dependency"));
  }
}
