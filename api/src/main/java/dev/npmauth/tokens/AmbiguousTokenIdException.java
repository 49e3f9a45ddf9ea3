package dev.npmauth.tokens;

import dev.npmauth.NpmAuthException;
import java.util.List;

/**
 * A key prefix given to {@link Tokens#revoke} starts more than one key. npm refuses the same way:
 * a token may have been created since the list was read. Give more of the key.
 */
public final class AmbiguousTokenIdException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  private final String prefix;
  private final List<String> matchingKeys;

  /**
   * Creates the exception.
   *
   * @param prefix the prefix given
   * @param matchingKeys the keys it starts
   */
  public AmbiguousTokenIdException(String prefix, List<String> matchingKeys) {
    super("token id \"" + prefix + "\" is ambiguous: it starts " + matchingKeys.size() + " keys " + matchingKeys
        + " (a token may have been created since the list was read); give more of the key");
    this.prefix = prefix;
    this.matchingKeys = List.copyOf(matchingKeys);
  }

  /**
   * The prefix given.
   *
   * @return the prefix
   */
  public String prefix() {
    return prefix;
  }

  /**
   * The keys it starts.
   *
   * @return the keys
   */
  public List<String> matchingKeys() {
    return matchingKeys;
  }
}
