package dev.npmauth.testkit.internal.routes;

import dev.npmauth.testkit.internal.oidc.CiRuns;
import dev.npmauth.testkit.internal.oidc.IdTokenVerifier;
import dev.npmauth.testkit.internal.oidc.IssuerKeys;
import dev.npmauth.testkit.internal.registry.Accounts;
import dev.npmauth.testkit.internal.registry.RegistryState;
import dev.npmauth.testkit.internal.registry.TarballStore;
import dev.npmauth.testkit.internal.registry.TokenStore;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What the route handlers share.
 *
 * <p>Internal to the testkit; not API.
 *
 * @param audience the audience ID tokens must carry: {@code npm:<registry host>}
 * @param tokenFactory makes new npm tokens (OIDC exchange)
 * @param accounts users, web logins and user tokens
 */
public record RouteContext(
    Clock clock,
    RegistryState state,
    TokenStore tokens,
    TarballStore tarballs,
    IssuerKeys keys,
    IdTokenVerifier verifier,
    CiRuns runs,
    String audience,
    Supplier<String> tokenFactory,
    Accounts accounts) {}
