package dev.npmauth.pack;

import java.util.Objects;

/**
 * One entry of a packed tarball, as {@code npm pack --json} lists it in {@code files}.
 *
 * @param path the path inside the package, without the {@code package/} prefix, for example
 *     {@code lib/index.js}
 * @param size the entry's size in bytes (0 for an entry npm writes as a hard link to an earlier
 *     entry)
 * @param mode the entry's permission bits, for example {@code 0644} (420) or {@code 0755} (493)
 */
public record PackedFile(String path, long size, int mode) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code path} is null
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public PackedFile {
    Objects.requireNonNull(path, "path");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }
}
