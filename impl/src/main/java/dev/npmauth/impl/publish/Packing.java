package dev.npmauth.impl.publish;

import dev.npmauth.impl.pack.NpmPacker;
import dev.npmauth.publish.PublishException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A package folder packed into a temporary tarball for publishing (as {@code npm publish} of a
 * folder does); {@link #close()} deletes it.
 *
 * @param tarball the packed tarball
 * @param directory the temporary folder holding it
 */
record Packing(Path tarball, Path directory) implements AutoCloseable {

  /**
   * Packs a folder as {@code npm pack} would.
   *
   * @param folder the package folder
   * @return the packed tarball, to close when done
   * @throws dev.npmauth.pack.PackException if the folder cannot be packed
   */
  static Packing pack(Path folder) {
    Path directory;
    try {
      directory = Files.createTempDirectory("npmauth-publish-");
    } catch (IOException e) {
      throw new PublishException("cannot make a temporary folder to pack " + folder + " into: " + e.getMessage(), e);
    }
    try {
      return new Packing(NpmPacker.INSTANCE.pack(folder, directory).tarball(), directory);
    } catch (RuntimeException e) {
      delete(directory);
      throw e;
    }
  }

  @Override
  public void close() {
    delete(directory);
  }

  private static void delete(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder: the operating system cleans it up eventually
    }
  }
}
