package dev.npmauth.credentials;

import dev.npmauth.Credential;
import java.util.List;
import java.util.Objects;

/**
 * The credential a chain chose, which source gave it, and why the sources before it were not
 * used.
 *
 * @param credential the credential
 * @param source the source that gave it
 * @param attempts every source tried, in order, ending with the one used
 */
public record ResolvedCredential(Credential credential, CredentialSource source, List<SourceAttempt> attempts) {

  /** Copies the list. */
  public ResolvedCredential {
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(source, "source");
    attempts = List.copyOf(attempts);
  }

  /**
   * One line per source tried, for a log or a console. Free of secrets.
   *
   * @return for example {@code using environment variable NPM_TOKEN (...); not used trusted
   *     publishing (OIDC): not in a supported CI}
   */
  public String explain() {
    StringBuilder out = new StringBuilder("credential: ").append(source.description());
    for (SourceAttempt attempt : attempts) {
      out.append("\n  ").append(attempt);
    }
    return out.toString();
  }
}
