package dev.npmauth.testkit.internal.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one token may do. Never holds the token itself.
 *
 * <p>Internal to the testkit; not API.
 *
 * @param user the user the token acts as
 * @param kind admin, user (granular) or OIDC-exchanged
 * @param readOnly true when the token cannot write
 * @param packages the packages it is limited to; empty (with no scopes) means every package
 * @param expires when it stops working; null for never
 * @param bypass2fa whether it may skip two-factor authentication on writes
 * @param cidrs the address ranges it may be used from; empty means anywhere
 * @param permissions for OIDC tokens: createPackage and/or createStagedPackage
 * @param scopes the scopes (without {@code @}) whose packages it may act on, besides {@code
 *     packages}; empty (with no packages) means every package
 * @param noPackageAccess true for a granular token whose packages-and-scopes permission is {@code
 *     no-access}: it may act on no package at all
 */
public record TokenGrant(
    String user,
    Kind kind,
    boolean readOnly,
    Set<String> packages,
    Instant expires,
    boolean bypass2fa,
    List<Cidr> cidrs,
    Set<String> permissions,
    Set<String> scopes,
    boolean noPackageAccess) {

  /** Where a token came from. */
  public enum Kind {
    ADMIN,
    USER,
    OIDC
  }

  /** Copies the collections. */
  public TokenGrant {
    packages = Set.copyOf(packages);
    cidrs = List.copyOf(cidrs);
    permissions = Set.copyOf(permissions);
    scopes = Set.copyOf(scopes);
  }

  /** A grant without scope limits, with package access (the shape of every token before scopes). */
  public TokenGrant(
      String user,
      Kind kind,
      boolean readOnly,
      Set<String> packages,
      Instant expires,
      boolean bypass2fa,
      List<Cidr> cidrs,
      Set<String> permissions) {
    this(user, kind, readOnly, packages, expires, bypass2fa, cidrs, permissions, Set.of(), false);
  }

  /** True when the token may act on {@code packageName} at all. */
  public boolean covers(String packageName) {
    if (noPackageAccess) {
      return false;
    }
    if (packages.isEmpty() && scopes.isEmpty()) {
      return true;
    }
    if (packages.contains(packageName)) {
      return true;
    }
    return PackageNames.isScoped(packageName)
        && scopes.contains(packageName.substring(1, packageName.indexOf('/')));
  }

  /** The packages and scopes the token is limited to, for messages. */
  private String limits() {
    if (noPackageAccess) {
      return "no packages (its packages and scopes permission is no-access)";
    }
    StringBuilder out = new StringBuilder();
    if (!packages.isEmpty()) {
      out.append("packages ").append(packages);
    }
    if (!scopes.isEmpty()) {
      out.append(out.length() == 0 ? "" : " and ").append("scopes ");
      out.append(scopes.stream().sorted().map(s -> "@" + s).toList());
    }
    return out.toString();
  }

  /** True when the token may read a restricted package with these maintainers. */
  public boolean canRead(String packageName, List<String> maintainers) {
    switch (kind) {
      case ADMIN:
        return true;
      case OIDC:
        return covers(packageName);
      default:
        return covers(packageName) && maintainers.contains(user);
    }
  }

  /**
   * Why the token may not stage a publish of {@code packageName}, or empty when it may. Trusted
   * publishing tokens need the {@code createStagedPackage} permission.
   *
   * @param maintainers the package's maintainers, or null for a new package
   */
  public Optional<String> stageRefusal(String packageName, List<String> maintainers) {
    if (kind == Kind.OIDC) {
      if (!covers(packageName)) {
        return Optional.of(
            "this token was issued by trusted publishing for "
                + packages
                + " and cannot stage \""
                + packageName
                + "\"");
      }
      if (!permissions.contains("createStagedPackage")) {
        return Optional.of(
            "this trusted publishing token allows " + permissions + ", not createStagedPackage");
      }
      return Optional.empty();
    }
    return publishRefusal(packageName, maintainers);
  }

  /**
   * Why the token may not manage an existing package (dist-tags, approving or rejecting staged
   * versions), or empty when it may. Trusted publishing tokens never may.
   *
   * @param maintainers the package's maintainers
   */
  public Optional<String> manageRefusal(String packageName, List<String> maintainers) {
    if (kind == Kind.OIDC) {
      return Optional.of(
          "a trusted publishing token can only publish; it cannot manage \"" + packageName + "\"");
    }
    return publishRefusal(packageName, maintainers);
  }

  /**
   * Why the token may not publish {@code packageName}, or empty when it may.
   *
   * @param maintainers the package's maintainers, or null for a new package
   */
  public Optional<String> publishRefusal(String packageName, List<String> maintainers) {
    switch (kind) {
      case ADMIN:
        return Optional.empty();
      case OIDC:
        if (!covers(packageName)) {
          return Optional.of(
              "this token was issued by trusted publishing for "
                  + packages
                  + " and cannot publish \""
                  + packageName
                  + "\"");
        }
        if (!permissions.contains("createPackage")) {
          return Optional.of(
              "this trusted publishing token allows " + permissions + ", not createPackage");
        }
        return Optional.empty();
      default:
        if (readOnly) {
          return Optional.of("this token is read-only and cannot publish \"" + packageName + "\"");
        }
        if (!covers(packageName)) {
          return Optional.of(
              "this token is limited to " + limits() + " and cannot publish \"" + packageName + "\"");
        }
        if (maintainers != null && !maintainers.contains(user)) {
          return Optional.of(
              "You do not have permission to publish \""
                  + packageName
                  + "\". Are you logged in as the correct user?");
        }
        return Optional.empty();
    }
  }
}
