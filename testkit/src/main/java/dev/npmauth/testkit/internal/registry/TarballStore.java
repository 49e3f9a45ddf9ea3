package dev.npmauth.testkit.internal.registry;

import java.io.Closeable;
import java.io.IOException;
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
  private final Path dir;
  private final AtomicLong counter = new AtomicLong();

  public TarballStore() throws IOException {
    this.dir = Files.createTempDirectory("npmauth-fake-registry-");
  }

  /** A new, not yet existing file for an upload in progress. */
  public Path newUpload() {
    return dir.resolve("upload-" + counter.incrementAndGet() + ".part");
  }

  /** Keeps an accepted upload; returns where it now lives. */
  public Path keep(Path upload) throws IOException {
    Path target = dir.resolve("tarball-" + counter.incrementAndGet() + ".tgz");
    return Files.move(upload, target, StandardCopyOption.ATOMIC_MOVE);
  }

  public Path directory() {
    return dir;
  }

  @Override
  public void close() throws IOException {
    if (!Files.exists(dir)) {
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
