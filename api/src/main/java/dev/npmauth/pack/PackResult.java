package dev.npmauth.pack;

import dev.npmauth.PackageName;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Packer#pack} made: the data {@code npm pack --json} reports.
 *
 * <pre>{@code
 * PackResult result = Packer.npmCompatible().pack(Path.of("."), Path.of("build"));
 * System.out.println(result.tarball() + " " + result.integrity());
 * result.files().forEach(f -> System.out.println(f.size() + " " + f.path()));
 * }</pre>
 *
 * @param name the package name, from {@code package.json}
 * @param version the version, from {@code package.json}
 * @param tarball the tarball written, named as npm names it ({@code scope-name-1.0.0.tgz} for
 *     {@code @scope/name})
 * @param size the tarball's size in bytes
 * @param unpackedSize the sum of the entries' sizes
 * @param shasum the tarball's hex SHA-1
 * @param integrity the tarball's subresource integrity, {@code sha512-<base64>}
 * @param files the entries, in the order {@code npm pack --json} lists them: paths whose first
 *     character upper-casing leaves as it is (capitals, digits, punctuation) first, then the
 *     others, each group in npm's natural order (case-aware, numbers by value)
 */
public record PackResult(
    PackageName name,
    String version,
    Path tarball,
    long size,
    long unpackedSize,
    String shasum,
    String integrity,
    List<PackedFile> files) {

  /** Checks that no component is null and copies the file list. */
  public PackResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(tarball, "tarball");
    Objects.requireNonNull(shasum, "shasum");
    Objects.requireNonNull(integrity, "integrity");
    files = List.copyOf(files);
  }

  /**
   * The package id, as npm prints it.
   *
   * @return for example {@code @acme/widgets@1.2.0}
   */
  public String id() {
    return name + "@" + version;
  }

  /**
   * The tarball's file name, as {@code npm pack} prints it.
   *
   * @return for example {@code acme-widgets-1.2.0.tgz}
   */
  public String filename() {
    return tarball.getFileName().toString();
  }

  /**
   * How many entries the tarball holds.
   *
   * @return the size of {@link #files()}
   */
  public int entryCount() {
    return files.size();
  }
}
