package dev.npmauth.testkit.internal.routes;

import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.http.PercentDecoding;
import dev.npmauth.testkit.internal.http.Request;
import dev.npmauth.testkit.internal.registry.PackageNames;
import java.util.Optional;

/**
 * Package names in request paths. npm escapes a scoped name's slash as {@code %2f}
 * ({@code /@acme%2fwidgets}); the fake also accepts the unescaped form ({@code /@acme/widgets}).
 *
 * <p>Internal to the testkit; not API.
 */
final class PackagePaths {
  /** A path regex group matching one package name, escaped or not. */
  static final String NAME = "(?<name>@[^/]+/[^/]+|[^/]+)";

  private PackagePaths() {}

  /** The decoded name, or empty when it is not a valid package name. */
  static Optional<String> name(Request request) {
    String decoded = PercentDecoding.decode(request.pathGroup("name"), false);
    return PackageNames.isValid(decoded) ? Optional.of(decoded) : Optional.empty();
  }

  /**
   * The decoded name.
   *
   * @throws HttpError 400 naming what is wrong with it
   */
  static String requireName(Request request) {
    String decoded = PercentDecoding.decode(request.pathGroup("name"), false);
    try {
      return PackageNames.check(decoded);
    } catch (IllegalArgumentException e) {
      throw HttpError.of(400, e.getMessage());
    }
  }
}
