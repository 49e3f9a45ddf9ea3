package dev.npmauth.testkit.internal.registry;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tarballs on disk, in one temporary folder that {@link #close()} deletes. Uploads are written to
 * a part file first and renamed once accepted.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class TarballStore implements Closeable {
  private final AtomicLong counter = new AtomicLong();
  private Path dir; // made on first use: a registry that stores nothing makes no folder; guarded by this
  private boolean closed; // guarded by this

  /** A store whose folder is made when the first file goes in. */
  public TarballStore() {}

  /** A new, not yet existing file for an upload in progress. */
  public Path newUpload() {
    return directory().resolve("upload-" + counter.incrementAndGet() + ".part");
  }

  /** Keeps an accepted upload; returns where it now lives. */
  public Path keep(Path upload) throws IOException {
    Path target = directory().resolve("tarball-" + counter.incrementAndGet() + ".tgz");
    return Files.move(upload, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The store's folder, made on first call (also for other files of the registry's, such as its CA
   * certificate).
   *
   * @throws UncheckedIOException if the folder cannot be made
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized Path directory() {
    if (closed) {
      throw new IllegalStateException("the registry is closed");
    }
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("npmauth-fake-registry-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot make a folder for the fake registry's tarballs", e);
      }
    }
    return dir;
  }

  @Override
  public void close() throws IOException {
    Path dir;
    synchronized (this) {
      closed = true;
      dir = this.dir;
    }
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
