package dev.npmauth.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A token as {@code GET /-/npm/v1/tokens} lists it. The list never holds the token itself, only
 * the first characters ({@link #tokenPrefix()}). Registries show different details: fields a
 * registry leaves out are empty (Verdaccio, for example, shows no granular rights).
 *
 * <pre>{@code
 * for (TokenInfo t : client.tokens().list(session)) {
 *   System.out.println(t.key() + " " + t.name().orElse("-") + (t.canWrite() ? " read-write" : " read-only"));
 * }
 * }</pre>
 *
 * @param key the token's id, used to revoke it
 * @param tokenPrefix the first characters of the token, as the registry shows them
 * @param name its name, if any
 * @param description its description, if any
 * @param created when it was created, if shown
 * @param expires when it expires, if it does and the registry shows it
 * @param readOnly whether the registry marks it read-only
 * @param cidrWhitelist the IPv4 ranges it may be used from; empty for anywhere
 * @param packages the packages it is limited to
 * @param packagesAll whether it covers every package
 * @param scopes the scopes it is limited to
 * @param orgs the organizations it may manage
 * @param packagesAndScopesPermission its permission on packages and scopes, if shown
 * @param orgsPermission its permission on organizations, if shown
 * @param bypass2fa whether it skips two-factor authentication on writes
 */
public record TokenInfo(
    String key,
    String tokenPrefix,
    Optional<String> name,
    Optional<String> description,
    Optional<Instant> created,
    Optional<Instant> expires,
    boolean readOnly,
    List<String> cidrWhitelist,
    List<String> packages,
    boolean packagesAll,
    List<String> scopes,
    List<String> orgs,
    Optional<TokenPermission> packagesAndScopesPermission,
    Optional<TokenPermission> orgsPermission,
    boolean bypass2fa) {

  /**
   * Copies the lists and checks that nothing is null.
   *
   * @throws NullPointerException if a component is null
   */
  public TokenInfo {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(tokenPrefix, "tokenPrefix");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(packagesAndScopesPermission, "packagesAndScopesPermission");
    Objects.requireNonNull(orgsPermission, "orgsPermission");
    cidrWhitelist = List.copyOf(cidrWhitelist);
    packages = List.copyOf(packages);
    scopes = List.copyOf(scopes);
    orgs = List.copyOf(orgs);
  }

  /**
   * Whether the token may write: its packages-and-scopes or organizations permission is {@code
   * read-write}, or, when the registry shows no permission, it is not marked read-only.
   *
   * @return true for a token with write rights
   */
  public boolean canWrite() {
    if (orgsPermission.orElse(null) == TokenPermission.READ_WRITE) {
      return true;
    }
    return packagesAndScopesPermission.map(p -> p == TokenPermission.READ_WRITE).orElse(!readOnly);
  }

  /**
   * Whether the token acts on every package: {@code packages_all}, or no package or scope limit
   * (a token without granular rights shown acts on everything its user may).
   *
   * @return true when no package limit applies
   */
  public boolean coversAllPackages() {
    if (packagesAndScopesPermission.orElse(null) == TokenPermission.NO_ACCESS) {
      return false;
    }
    return packagesAll || (packages.isEmpty() && scopes.isEmpty());
  }

  /**
   * Whether the registry showed the token's granular rights (a permission), so that a
   * replacement can be given the same ones.
   *
   * @return true when the rights are known
   */
  public boolean rightsShown() {
    return packagesAndScopesPermission.isPresent() || orgsPermission.isPresent();
  }

  /**
   * How long the token still lives.
   *
   * @param now the current instant
   * @return the time left (negative once expired); empty when it never expires or the registry
   *     does not say
   */
  public Optional<Duration> remaining(Instant now) {
    return expires.map(at -> Duration.between(now, at));
  }

  /**
   * The display ids npm derives: for each key, its shortest prefix of at least six characters that
   * no other key starts with (the whole key when none is unique).
   *
   * @param tokens the listed tokens
   * @return key to display id
   */
  public static Map<String, String> shortIds(List<TokenInfo> tokens) {
    Map<String, String> ids = new HashMap<>();
    for (TokenInfo token : tokens) {
      String id = token.key();
      for (int length = 6; length < token.key().length(); length++) {
        String prefix = token.key().substring(0, length);
        boolean shared = tokens.stream().anyMatch(o -> o != token && o.key().startsWith(prefix));
        if (!shared) {
          id = prefix;
          break;
        }
      }
      ids.put(token.key(), id);
    }
    return ids;
  }
}
