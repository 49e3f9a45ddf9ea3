package dev.npmauth.credentials;

import dev.npmauth.NpmAuthException;
import dev.npmauth.PackageName;
import java.util.List;

/** No source of the credential chain gave a credential; the message says why for each one. */
public final class NoCredentialException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  private final transient List<SourceAttempt> attempts;

  /**
   * Creates the exception.
   *
   * @param packageName the package a credential was wanted for
   * @param attempts every source tried and why it gave nothing
   */
  public NoCredentialException(PackageName packageName, List<SourceAttempt> attempts) {
    super(compose(packageName, attempts));
    this.attempts = List.copyOf(attempts);
  }

  private static String compose(PackageName packageName, List<SourceAttempt> attempts) {
    StringBuilder message = new StringBuilder("no credential to publish ").append(packageName).append(':');
    for (SourceAttempt attempt : attempts) {
      message.append("\n  ").append(attempt.source().description()).append(": ").append(attempt.detail());
      attempt.trustedPublishingFailure().ifPresent(f -> message.append("\n    fix: ").append(f.fix()));
    }
    message.append("\nConfigure trusted publishing for this package, or set NPM_TOKEN to a granular access token.");
    return message.toString();
  }

  /**
   * Every source tried, in order, and why it gave nothing.
   *
   * @return the attempts
   */
  public List<SourceAttempt> attempts() {
    return attempts;
  }
}
