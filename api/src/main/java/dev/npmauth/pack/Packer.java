package dev.npmauth.pack;

import dev.npmauth.spi.Providers;
import java.nio.file.Path;

/**
 * Packs a package folder into a tarball, as {@code npm pack} (npm 11) does.
 *
 * <p>The files are chosen as npm chooses them: the {@code files} field of {@code package.json},
 * {@code .npmignore} (or {@code .gitignore} where a folder has no {@code .npmignore}) in every
 * folder, npm's default exclusions ({@code .git}, {@code node_modules}, {@code .npmrc}, lock
 * files, editor and OS litter), and the files npm always includes ({@code package.json}, the
 * README, LICENSE, LICENCE and COPYING files at the root, {@code browser}, {@code main} and each
 * {@code bin} entry, with npm's quirks: a {@code main} written {@code ./index.js} is not forced
 * in). Symbolic links and special files are left out. Entries are written under
 * {@code package/} in npm's order, with its fixed modification time (1985-10-26T08:15:00Z),
 * without owner names or ids, and with the permission bits npm gives: the file's own, made
 * readable and writable by the owner and not writable by others ({@code 0644}, {@code 0755},
 * {@code 0600} stay; {@code 0664} becomes {@code 0644}), plus the executable bits for a file
 * whose path less its first folder is a {@code bin} path (so a bin at the package root becomes
 * executable, while npm leaves {@code bin/cli.js} with its mode on disk). A file that is a hard
 * link to a file packed before it is written as a hard link entry, as npm does.
 * {@code package.json} is packed as it is on disk, as npm does.
 *
 * <p>Where npm would pack something this packer does not handle, it refuses rather than differ:
 * bundled dependencies and workspaces roots ({@link PackFailure#UNSUPPORTED}). Unlike
 * {@code npm pack}, it also refuses a name or version that the registry would refuse to publish.
 *
 * <p><b>Lifecycle scripts are not run</b>: npm runs {@code prepack}, {@code prepare} and
 * {@code postpack} around a pack; this packer runs nothing, so run your build first.
 *
 * <pre>{@code
 * Packer packer = Packer.npmCompatible();
 * PackResult result = packer.pack(Path.of("my-lib"), Path.of("build"));
 * // build/my-lib-1.2.0.tgz, as npm pack would have made it
 * client.publisher().publish(PublishRequest.builder(result.tarball()).build());
 * }</pre>
 */
public interface Packer {

  /**
   * The packer of the npmauth implementation on the class path.
   *
   * @return a packer (thread-safe)
   * @throws dev.npmauth.NpmAuthException if no implementation is on the class path
   */
  static Packer npmCompatible() {
    return Providers.provider().packer();
  }

  /**
   * Packs a folder. An existing tarball of the same name in {@code outputDirectory} is replaced;
   * the output directory is created if it is missing.
   *
   * @param packageFolder the folder holding {@code package.json}
   * @param outputDirectory where the tarball is written
   * @return the tarball and what it holds
   * @throws PackException if {@code package.json} is missing or invalid (name, version, shape of
   *     the fields npm reads), if the package bundles dependencies or is a workspaces root
   *     ({@link PackFailure#UNSUPPORTED}), or if a file cannot be read or the tarball written
   */
  PackResult pack(Path packageFolder, Path outputDirectory);
}
