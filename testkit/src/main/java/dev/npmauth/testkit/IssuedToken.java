package dev.npmauth.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the fake registry knows about a token a user holds (a granular token, a login session, or
 * one made with {@link FakeRegistry#createToken(TokenSpec)}), for assertions. It never holds the
 * token itself.
 *
 * <pre>{@code
 * assertThat(registry.tokensOf("alice"))
 *     .singleElement()
 *     .satisfies(t -> assertThat(t.packages()).containsExactly("demo-pkg"));
 * }</pre>
 *
 * @param key the id the token API lists and revokes it by
 * @param user the user it acts as
 * @param origin {@code granular} (made through the token API), {@code session} (a login) or
 *     {@code testkit} (made by the test)
 * @param name its name, if it was given one
 * @param description its description, if it was given one
 * @param readOnly whether it can only read
 * @param noPackageAccess whether its packages-and-scopes permission is {@code no-access}
 * @param packages the packages it is limited to
 * @param scopes the scopes (without {@code @}) it is limited to; with no packages either, it acts
 *     on every package
 * @param orgs the organizations it was given
 * @param orgsPermission its organizations permission, if it was given one
 * @param cidrs the IPv4 ranges it may be used from; empty for anywhere
 * @param bypass2fa whether it skips two-factor authentication on writes
 * @param created when it was made
 * @param expires when it stops working, if ever
 */
public record IssuedToken(
    String key,
    String user,
    String origin,
    Optional<String> name,
    Optional<String> description,
    boolean readOnly,
    boolean noPackageAccess,
    Set<String> packages,
    Set<String> scopes,
    Set<String> orgs,
    Optional<String> orgsPermission,
    List<String> cidrs,
    boolean bypass2fa,
    Instant created,
    Optional<Instant> expires) {

  /** Copies the collections. */
  public IssuedToken {
    packages = Set.copyOf(packages);
    scopes = Set.copyOf(scopes);
    orgs = Set.copyOf(orgs);
    cidrs = List.copyOf(cidrs);
  }
}
