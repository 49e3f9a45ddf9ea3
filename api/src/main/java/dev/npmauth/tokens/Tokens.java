package dev.npmauth.tokens;

import dev.npmauth.Credential;
import dev.npmauth.Secret;
import dev.npmauth.session.TwoFactor;
import java.util.List;

/**
 * The registry's token API ({@code /-/npm/v1/tokens}) for the user a credential belongs to.
 *
 * <pre>{@code
 * Tokens tokens = client.tokens();
 * CreatedToken created = tokens.create(session, TokenRequest.builder(password).name("ci")
 *     .packages("demo-pkg").packagesAndScopesPermission(TokenPermission.READ_WRITE).expiresInDays(30).build());
 * List<TokenInfo> all = tokens.list(session);
 * tokens.revoke(session, created.key().orElseThrow(), TwoFactor.none());
 * }</pre>
 */
public interface Tokens {

  /**
   * Creates a granular token: {@code POST /-/npm/v1/tokens} with the fields in the order npm
   * sends them ({@code name} always, {@code null} when not given; then {@code password},
   * {@code description}, {@code packages}, {@code packages_all}, {@code scopes}, {@code orgs},
   * {@code packages_and_scopes_permission}, {@code orgs_permission}, {@code expires},
   * {@code cidr_whitelist}, {@code bypass_2fa}, each only when set). Never retried.
   *
   * @param credential the user's session or token
   * @param request the token to create, already checked
   * @return the token, whose value the registry shows only now
   * @throws dev.npmauth.registry.OtpRequiredException when the account needs a one-time password
   *     and the request's {@link TwoFactor} gave none
   * @throws dev.npmauth.registry.RegistryException when the registry refuses (wrong password:
   *     401; a rule of its own: 400)
   */
  CreatedToken create(Credential credential, TokenRequest request);

  /**
   * Lists the user's tokens, following {@code urls.next} (absolute or relative to the registry)
   * until it is empty.
   *
   * @param credential the user's session or token
   * @return every token, in the registry's order
   * @throws dev.npmauth.registry.RegistryException when the registry refuses
   * @throws dev.npmauth.NpmAuthException when an answer is not a token list, or the pages loop
   */
  List<TokenInfo> list(Credential credential);

  /**
   * Revokes a token as {@code npm token revoke} does: lists the tokens; an id that starts exactly
   * one key stands for that key; one that starts several is refused; otherwise, when the id
   * starts with some token's listed prefix, it is taken as the token value itself and sent as is
   * (redacted from logs). Then {@code DELETE /-/npm/v1/tokens/token/<key or value>}.
   *
   * @param credential the user's session or token
   * @param id a key, a key prefix, or a token value
   * @param twoFactor the one-time password setting
   * @return what was revoked
   * @throws AmbiguousTokenIdException when the id starts several keys
   * @throws TokenNotFoundException when nothing matches
   * @throws dev.npmauth.registry.RegistryException when the registry refuses
   */
  TokenRevocation revoke(Credential credential, String id, TwoFactor twoFactor);

  /**
   * Revokes a token given by its value (for example one found in {@code .npmrc}), with the same
   * rules as {@link #revoke(Credential, String, TwoFactor)}.
   *
   * @param credential the user's session or token
   * @param token the token value
   * @param twoFactor the one-time password setting
   * @return what was revoked
   * @throws TokenNotFoundException when no listed token has the value's prefix
   * @throws dev.npmauth.registry.RegistryException when the registry refuses
   */
  TokenRevocation revoke(Credential credential, Secret token, TwoFactor twoFactor);

  /**
   * Lists the tokens and flags the risky ones ({@link TokenAudit#of}) at the client's clock.
   *
   * @param credential the user's session or token
   * @param policy what counts as expiring soon
   * @return the audit
   * @throws dev.npmauth.registry.RegistryException when the registry refuses
   */
  TokenAudit audit(Credential credential, AuditPolicy policy);

  /**
   * Rotates a token (see {@link RotationOptions}), resuming from the journal when a run was
   * interrupted.
   *
   * @param options what to rotate and how
   * @return what this run did
   * @throws TokenRotationException when it cannot go on safely
   * @throws dev.npmauth.registry.RegistryException when the registry refuses a step (the journal
   *     keeps what was done; run again)
   */
  RotationResult rotate(RotationOptions options);
}
