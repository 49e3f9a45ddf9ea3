package dev.npmauth.verify;

import dev.npmauth.verify.spi.VerificationProviders;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A parsed {@code package-lock.json} or {@code npm-shrinkwrap.json}.
 *
 * <p>Versions 2 and 3 are read from {@code packages} (keyed by install location); version 1 from
 * the nested {@code dependencies} tree. The root project is not a dependency; workspace folders,
 * links, git, {@code file:} and non-registry tarball dependencies are kept with their
 * {@link DependencySource} so that an audit can report them as skipped.
 *
 * <pre>{@code
 * Lockfile lock = Lockfile.read(Path.of("."));   // npm-shrinkwrap.json, else package-lock.json
 * lock.dependencies().stream().filter(d -> d.source().audited()).forEach(System.out::println);
 * }</pre>
 *
 * @param file the file that was read
 * @param lockfileVersion {@code lockfileVersion}: 1, 2 or 3
 * @param dependencies every installed package, in file order
 */
public record Lockfile(Path file, int lockfileVersion, List<LockedDependency> dependencies) {

  /**
   * Checks that no component is null and copies the list.
   *
   * @param file the file that was read
   * @param lockfileVersion 1, 2 or 3
   * @param dependencies every installed package
   */
  public Lockfile {
    Objects.requireNonNull(file, "file");
    dependencies = List.copyOf(dependencies);
  }

  /**
   * Reads a lockfile, or the lockfile of a project folder ({@code npm-shrinkwrap.json} wins over
   * {@code package-lock.json}, as in npm).
   *
   * @param fileOrFolder the lockfile or the project folder
   * @return the lockfile
   * @throws LockfileException if there is none, it is not JSON, or its {@code lockfileVersion}
   *     is not 1, 2 or 3
   * @throws dev.npmauth.NpmAuthException if no implementation is on the class path
   */
  public static Lockfile read(Path fileOrFolder) {
    return VerificationProviders.provider().readLockfile(fileOrFolder);
  }
}
