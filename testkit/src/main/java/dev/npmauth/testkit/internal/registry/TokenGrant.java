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
 * @param packages the packages it is limited to; empty means every package
 * @param expires when it stops working; null for never
 * @param bypass2fa whether it may skip two-factor authentication on writes
 * @param cidrs the address ranges it may be used from; empty means anywhere
 * @param permissions for OIDC tokens: createPackage and/or createStagedPackage
 */
public record TokenGrant(
    String user,
    Kind kind,
    boolean readOnly,
    Set<String> packages,
    Instant expires,
    boolean bypass2fa,
    List<Cidr> cidrs,
    Set<String> permissions) {

  /** Where a token came from. */
  public enum Kind {
    ADMIN,
    USER,
    OIDC
  }

  /** True when the token may act on {@code packageName} at all. */
  public boolean covers(String packageName) {
    return packages.isEmpty() || packages.contains(packageName);
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
              "this token is limited to packages "
                  + packages
                  + " and cannot publish \""
                  + packageName
                  + "\"");
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
