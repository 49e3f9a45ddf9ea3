package dev.npmauth.samples.cli;

/**
 * {@code <name>@<version>} from the command line.
 *
 * @param name the package name
 * @param version the version, or null when none was given
 */
record PackageSpec(String name, String version) {

  static PackageSpec parse(String text) {
    int at = text.lastIndexOf('@');
    if (at <= 0) {
      return new PackageSpec(text, null);
    }
    return new PackageSpec(text.substring(0, at), text.substring(at + 1));
  }
}
