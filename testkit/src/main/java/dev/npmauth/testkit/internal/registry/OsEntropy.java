package dev.npmauth.testkit.internal.registry;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * The fake's source of tokens, secrets and key material: the operating system's {@code
 * /dev/urandom} where there is one (what the JDK's {@code NativePRNGNonBlocking} reads), else the
 * JDK's default {@link SecureRandom}.
 *
 * <p>Why not always {@code new SecureRandom()}: the first one loads and registers the whole {@code
 * SUN} provider (its services and their OID aliases), about 15 ms of CPU at every start of a
 * registry in a fresh JVM, before the first answer. The fake needs the JCA later (digests,
 * signatures), off that path.
 */
public final class OsEntropy {
  private static final Path URANDOM = Path.of("/dev/urandom");

  private OsEntropy() {}

  /**
   * A random source for secrets.
   *
   * @return one reading {@code /dev/urandom} when it is readable, else {@code new SecureRandom()}
   */
  public static SecureRandom secureRandom() {
    InputStream urandom = Urandom.STREAM;
    return urandom != null ? new UrandomSecureRandom() : new SecureRandom();
  }

  /** One open {@code /dev/urandom} for the process, opened on first use; null where there is none. */
  private static final class Urandom {
    static final InputStream STREAM = open();

    private static InputStream open() {
      if (!Files.isReadable(URANDOM)) {
        return null;
      }
      try {
        return new FileInputStream(URANDOM.toFile());
      } catch (IOException e) {
        return null;
      }
    }
  }

  /** A {@link SecureRandom} over the process's open {@code /dev/urandom}. */
  private static final class UrandomSecureRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    UrandomSecureRandom() {
      super(new UrandomSpi(), null);
    }

    @Override
    public String getAlgorithm() {
      return "/dev/urandom";
    }
  }

  /** Reads {@code /dev/urandom}; the operating system seeds and reseeds it. */
  private static final class UrandomSpi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;

    @Override
    protected void engineSetSeed(byte[] seed) {
      // The kernel's pool needs no seed from us; as with NativePRNGNonBlocking, one adds nothing.
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
      InputStream urandom = Urandom.STREAM;
      try {
        int read;
        synchronized (urandom) {
          read = urandom.readNBytes(bytes, 0, bytes.length);
        }
        if (read != bytes.length) {
          throw new IOException("/dev/urandom ended after " + read + " bytes");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read random bytes from /dev/urandom", e);
      }
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      byte[] seed = new byte[numBytes];
      engineNextBytes(seed);
      return seed;
    }
  }
}
