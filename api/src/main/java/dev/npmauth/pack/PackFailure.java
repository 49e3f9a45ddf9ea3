package dev.npmauth.pack;

/** Why a package folder could not be packed; see {@link PackException#reason()}. */
public enum PackFailure {
  /** The folder does not exist, is not a folder, or has no {@code package.json}. */
  MISSING_MANIFEST,
  /** {@code package.json} is not a JSON object, or a field npm reads has a shape npm cannot use. */
  INVALID_MANIFEST,
  /** The {@code name} field is missing or is not a valid npm package name. */
  INVALID_NAME,
  /** The {@code version} field is missing or is not a valid semantic version (2.0.0). */
  INVALID_VERSION,
  /**
   * The package asks for something this packer does not do: bundled dependencies
   * ({@code bundleDependencies}) or a workspaces root ({@code workspaces}).
   */
  UNSUPPORTED,
  /**
   * A pattern in {@code files}, {@code .npmignore} or {@code .gitignore} cannot be compiled (for
   * example {@code *()}); npm fails on the same patterns.
   */
  INVALID_PATTERN,
  /** A file or folder of the package could not be read, or the tarball could not be written. */
  IO_ERROR
}
