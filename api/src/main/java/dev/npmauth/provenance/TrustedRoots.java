package dev.npmauth.provenance;

import dev.npmauth.provenance.spi.VerifierProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Obtains {@link TrustedRoot}s: parsed from JSON, read from a file, or the Sigstore public-good
 * roots embedded in the implementation.
 */
public final class TrustedRoots {
  private TrustedRoots() {
  }

  /**
   * Parses a {@code trusted_root.json} document.
   *
   * @param json the document (UTF-8)
   * @return the trusted root, with every key and certificate decoded
   * @throws TrustedRootException if the document is not a valid trusted root
   * @throws dev.npmauth.NpmAuthException if no implementation is on the class path
   */
  public static TrustedRoot parse(byte[] json) {
    return VerifierProviders.provider().parseTrustedRoot(json);
  }

  /**
   * Reads and parses a {@code trusted_root.json} file.
   *
   * @param path the file
   * @return the trusted root
   * @throws IOException if the file cannot be read
   * @throws TrustedRootException if the file is not a valid trusted root
   */
  public static TrustedRoot fromFile(Path path) throws IOException {
    return parse(Files.readAllBytes(path));
  }

  /**
   * The Sigstore public-good production trusted root embedded in the implementation (a snapshot;
   * see the implementation's {@code TRUSTED_ROOTS.md} for its origin and version). Parsed once.
   *
   * <p>A production system should refresh the root through Sigstore's TUF repository; the
   * snapshot stops verifying bundles signed with keys added after it was taken.
   *
   * @return the production trusted root
   * @throws TrustedRootException if the implementation carries no production root
   */
  public static TrustedRoot publicGoodProduction() {
    return VerifierProviders.provider().publicGoodProduction();
  }

  /**
   * The Sigstore public-good staging trusted root, when the implementation embeds one.
   *
   * @return the staging trusted root
   * @throws TrustedRootException if the implementation carries no staging root (the message says
   *     how to supply one with {@link #fromFile(Path)})
   */
  public static TrustedRoot publicGoodStaging() {
    return VerifierProviders.provider().publicGoodStaging();
  }
}
