package dev.npmauth.impl.provenance;

import dev.npmauth.provenance.TrustedRootException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The Sigstore public-good trusted roots shipped as resources next to this class (see
 * {@code TRUSTED_ROOTS.md} there for their origin). Each is parsed once, on first use.
 */
final class EmbeddedTrustedRoots {
  static final String PRODUCTION = "public-good-production.trusted_root.json";
  static final String STAGING = "public-good-staging.trusted_root.json";

  private EmbeddedTrustedRoots() {
  }

  private static volatile TrustedRootImpl production;
  private static volatile TrustedRootImpl staging;

  static TrustedRootImpl production() {
    TrustedRootImpl r = production;
    if (r == null) {
      synchronized (EmbeddedTrustedRoots.class) {
        if (production == null) {
          production = load(PRODUCTION);
        }
        r = production;
      }
    }
    return r;
  }

  static TrustedRootImpl staging() {
    TrustedRootImpl r = staging;
    if (r == null) {
      synchronized (EmbeddedTrustedRoots.class) {
        if (staging == null) {
          staging = load(STAGING);
        }
        r = staging;
      }
    }
    return r;
  }

  private static TrustedRootImpl load(String name) {
    byte[] bytes;
    try (InputStream in = EmbeddedTrustedRoots.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new TrustedRootException("this build of npmauth embeds no '" + name + "'; read a"
            + " trusted_root.json with TrustedRoots.fromFile(path) instead");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new TrustedRootException("cannot read the embedded '" + name + "'", e);
    }
    return TrustedRootParser.parse(bytes);
  }
}
