package dev.npmauth.impl.pack;

import dev.npmauth.pack.PackException;
import dev.npmauth.pack.PackFailure;
import dev.npmauth.pack.PackResult;
import dev.npmauth.pack.PackedFile;
import dev.npmauth.pack.Packer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The packer: reads {@code package.json} as npm does, chooses the files as npm-packlist does
 * ({@link PackWalker}), writes the tarball as pacote and node-tar do ({@link TarballWriter}), and
 * reports what {@code npm pack --json} reports. Stateless and thread-safe.
 */
public final class NpmPacker implements Packer {
  /** The one instance. */
  public static final NpmPacker INSTANCE = new NpmPacker();

  private NpmPacker() {
  }

  @Override
  public PackResult pack(Path packageFolder, Path outputDirectory) {
    Objects.requireNonNull(packageFolder, "packageFolder");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    if (!Files.isDirectory(packageFolder)) {
      throw new PackException(PackFailure.MISSING_MANIFEST, packageFolder + " is not a folder: give the folder that"
          + " holds package.json");
    }
    PackageManifest manifest = PackageManifest.read(packageFolder);
    List<String> files = PackWalker.walk(packageFolder, manifest);
    Path target = outputDirectory.resolve(tarballName(manifest.name().value(), manifest.version()));
    TarballWriter.Written written = TarballWriter.write(packageFolder.toAbsolutePath().normalize(), files,
        manifest.bin().orElse(List.of()), target);
    long unpacked = 0;
    for (PackedFile entry : written.entries()) {
      unpacked += entry.size();
    }
    return new PackResult(manifest.name(), manifest.version(), target, written.size(), unpacked, written.shasum(),
        written.integrity(), listingOrder(written.entries()));
  }

  /** libnpmpack's file name: {@code @scope/name} and {@code 1.0.0} give {@code scope-name-1.0.0.tgz}. */
  static String tarballName(String name, String version) {
    return (name + "-" + version + ".tgz").replaceFirst("^@", "").replaceAll("[/\\\\]", "-");
  }

  /**
   * The order of {@code npm pack --json}'s {@code files}: paths whose first character has no
   * upper case (upper-case letters, digits, punctuation) first, then the others, each group
   * sorted with {@code Intl.Collator('en', {sensitivity: 'case', numeric: true})}; ties keep
   * tarball order.
   */
  static List<PackedFile> listingOrder(List<PackedFile> entries) {
    List<PackedFile> uppers = new ArrayList<>();
    List<PackedFile> others = new ArrayList<>();
    for (PackedFile entry : entries) {
      (isUpper(entry.path()) ? uppers : others).add(entry);
    }
    Comparator<PackedFile> byPath = Comparator.comparing(PackedFile::path, NpmCollator.LISTING);
    uppers.sort(byPath);
    others.sort(byPath);
    List<PackedFile> out = new ArrayList<>(uppers);
    out.addAll(others);
    return out;
  }

  private static boolean isUpper(String path) {
    String first = path.isEmpty() ? "" : path.substring(0, 1);
    return first.equals(first.toUpperCase(Locale.ROOT));
  }
}
