package dev.npmauth.testkit.internal.registry;

import java.time.Duration;

/**
 * The fake registry's account and token rules that a test may change.
 *
 * <p>Internal to the testkit; not API.
 *
 * @param maxWriteTokenLifetime the longest lifetime a token with write rights may be given
 * @param defaultWriteTokenLifetime the lifetime of a write token created without {@code expires}
 * @param tokenPageSize how many tokens one page of {@code GET /-/npm/v1/tokens} holds
 * @param loginRetryAfter the {@code Retry-After} of a pending web login's done URL
 */
public record AccountSettings(
    Duration maxWriteTokenLifetime,
    Duration defaultWriteTokenLifetime,
    int tokenPageSize,
    Duration loginRetryAfter) {}
