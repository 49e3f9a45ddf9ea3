package dev.npmauth.testkit.internal.registry;

import java.time.Instant;
import java.util.Set;

/**
 * What the registry shows about a token in {@code GET /-/npm/v1/tokens}, besides its rights
 * (which live in its {@link TokenGrant}). Never holds the token itself; {@code displayPrefix} is
 * the first few characters npm shows.
 *
 * <p>Internal to the testkit; not API.
 *
 * @param key the token's id (hex), used to revoke it
 * @param displayPrefix the first characters of the token, as the list shows them
 * @param name the name given at creation, or null
 * @param description the description given at creation, or null
 * @param created when it was made (registry clock)
 * @param origin how it was made: {@code granular} (token API), {@code session} (a login) or
 *     {@code testkit} (made by the test)
 * @param packagesPermission {@code read-only}, {@code read-write}, {@code no-access}, or null
 * @param orgsPermission the same for organizations, or null
 * @param orgs the organizations it was limited to
 * @param packagesAll whether it was created with {@code packages_all}
 */
public record TokenRecord(
    String key,
    String displayPrefix,
    String name,
    String description,
    Instant created,
    String origin,
    String packagesPermission,
    String orgsPermission,
    Set<String> orgs,
    boolean packagesAll) {

  /** Copies the set. */
  public TokenRecord {
    orgs = Set.copyOf(orgs);
  }

  /** How many characters of a token the list shows. */
  public static final int DISPLAY_PREFIX_LENGTH = 6;

  /** The first characters of a token, as the list shows them. */
  public static String prefixOf(String token) {
    return token.substring(0, Math.min(DISPLAY_PREFIX_LENGTH, token.length()));
  }
}
