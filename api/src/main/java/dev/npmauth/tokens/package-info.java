/**
 * Granular access tokens: create them with every field the registry takes (checked before
 * sending), list them (every page), revoke them by key, key prefix or value, audit them for risky
 * settings, and rotate one before it expires without ever leaving the caller without a working
 * token.
 *
 * <pre>{@code
 * Tokens tokens = client.tokens();
 * CreatedToken ci = tokens.create(session, TokenRequest.builder(password)
 *     .name("ci-publish").packages("@acme/widgets").packagesAndScopesPermission(TokenPermission.READ_WRITE)
 *     .expiresInDays(30).cidr("192.0.2.0/24").bypass2fa().build());
 * System.out.print(tokens.audit(session, AuditPolicy.defaults()).renderTable());
 * }</pre>
 */
package dev.npmauth.tokens;
