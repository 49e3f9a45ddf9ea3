package dev.npmauth.spi;

import dev.npmauth.NpmAuthException;
import java.util.ServiceLoader;

/** Finds the {@link NpmAuthProvider} on the class path. */
public final class Providers {
  private Providers() {
  }

  /**
   * The implementation on the class path.
   *
   * @return the first provider found
   * @throws NpmAuthException if there is none, saying which artifact to add
   */
  public static NpmAuthProvider provider() {
    return Holder.PROVIDER;
  }

  private static final class Holder {
    static final NpmAuthProvider PROVIDER = ServiceLoader.load(NpmAuthProvider.class, Providers.class.getClassLoader())
        .findFirst()
        .orElseThrow(() -> new NpmAuthException("no npmauth implementation on the class path:"
            + " add dev.npmauth:npmauth-impl as a runtime dependency"));
  }
}
