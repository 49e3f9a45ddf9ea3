package dev.npmauth.testkit.internal.registry;

import java.net.URI;

/**
 * What the account routes share: users, web logins in progress, the issuer of user tokens, the
 * rules, and the registry URL (for login and paging URLs).
 *
 * <p>Internal to the testkit; not API.
 */
public record Accounts(
    Users users, LoginSessions logins, UserTokens issuer, AccountSettings settings, URI baseUrl) {}
