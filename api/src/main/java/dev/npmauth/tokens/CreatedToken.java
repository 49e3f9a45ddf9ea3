package dev.npmauth.tokens;

import dev.npmauth.Credential;
import dev.npmauth.CredentialKind;
import dev.npmauth.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A token the registry just created. The value is shown once: keep it ({@link SecretStore}).
 * {@link #toString()} shows the value redacted.
 *
 * <pre>{@code
 * CreatedToken created = client.tokens().create(session, request);
 * SecretStore.file(Path.of("/run/secrets/npm-token")).store(created.token());
 * client.whoami(created.credential());
 * }</pre>
 *
 * @param token the token
 * @param key its id, to revoke it, when the registry gives one
 * @param name its name, if any
 * @param created when it was created, if given
 * @param expires when it expires, if it does
 * @param readOnly whether the registry marks it read-only
 * @param cidrWhitelist the IPv4 ranges it may be used from
 */
public record CreatedToken(
    Secret token,
    Optional<String> key,
    Optional<String> name,
    Optional<Instant> created,
    Optional<Instant> expires,
    boolean readOnly,
    List<String> cidrWhitelist) {

  /**
   * Copies the list and checks that nothing is null.
   *
   * @throws NullPointerException if a component is null
   */
  public CreatedToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(expires, "expires");
    cidrWhitelist = List.copyOf(cidrWhitelist);
  }

  /**
   * The token as a credential of kind {@link CredentialKind#GRANULAR}, with its expiry.
   *
   * @return the credential
   */
  public Credential credential() {
    return new Credential(CredentialKind.GRANULAR, token, expires, Optional.empty());
  }
}
