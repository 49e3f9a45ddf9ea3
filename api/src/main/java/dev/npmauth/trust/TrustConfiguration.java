package dev.npmauth.trust;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A package's trusted publisher configuration as the registry returns it.
 *
 * @param id its id, to revoke it ({@code npm trust revoke --id}); empty if the registry gave none
 * @param claims what an ID token must match
 * @param permissions what the trusted publisher may do
 */
public record TrustConfiguration(Optional<String> id, TrustClaims claims, List<TrustPermission> permissions) {
  /**
   * Copies the list and checks that nothing is null.
   *
   * @throws NullPointerException if a component is null
   */
  public TrustConfiguration {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(claims, "claims");
    permissions = List.copyOf(permissions);
  }

  /**
   * One line: id, claims and permissions.
   *
   * @return for example {@code 0f3c… github acme/widgets release.yml [publish]}
   */
  public String describe() {
    return id.orElse("(no id)") + " " + claims.describe() + " "
        + permissions.stream().map(TrustPermission::label).toList();
  }
}
