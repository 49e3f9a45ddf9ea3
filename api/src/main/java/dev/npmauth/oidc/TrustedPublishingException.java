package dev.npmauth.oidc;

import dev.npmauth.NpmAuthException;
import java.util.Map;
import java.util.Optional;

/**
 * Trusted publishing failed. {@link #reason()} says why and {@link #fix()} what to change; when an
 * ID token was obtained, {@link #presentedIdentity()} shows the claims it presented, so they can be
 * compared with the package's trusted publisher settings. Never holds the token itself.
 */
public final class TrustedPublishingException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  private final TrustedPublishingFailure reason;
  private final String detail;
  private final transient PresentedIdentity presentedIdentity;
  private final Integer registryStatus;
  private final String registryMessage;

  /**
   * Creates the exception.
   *
   * @param reason why it failed
   * @param detail what was seen, free of secrets
   * @param presentedIdentity the claims of the ID token, or null when none was obtained
   * @param registryStatus the registry's HTTP status, or null
   * @param registryMessage the registry's message, or null
   * @param cause the underlying failure, or null
   */
  public TrustedPublishingException(
      TrustedPublishingFailure reason,
      String detail,
      PresentedIdentity presentedIdentity,
      Integer registryStatus,
      String registryMessage,
      Throwable cause) {
    super(compose(reason, detail, presentedIdentity, registryStatus, registryMessage), cause);
    this.reason = reason;
    this.detail = detail;
    this.presentedIdentity = presentedIdentity;
    this.registryStatus = registryStatus;
    this.registryMessage = registryMessage;
  }

  /**
   * Creates the exception without registry details.
   *
   * @param reason why it failed
   * @param detail what was seen, free of secrets
   */
  public TrustedPublishingException(TrustedPublishingFailure reason, String detail) {
    this(reason, detail, null, null, null, null);
  }

  private static String compose(TrustedPublishingFailure reason, String detail, PresentedIdentity identity,
      Integer status, String registryMessage) {
    StringBuilder message = new StringBuilder("trusted publishing unavailable (")
        .append(reason).append("): ").append(detail);
    if (status != null) {
      message.append(" [registry answered ").append(status)
          .append(registryMessage == null || registryMessage.isBlank() ? "" : ": " + registryMessage)
          .append(']');
    }
    if (identity != null) {
      message.append(". Presented by the ").append(identity.provider().displayName()).append(" ID token: ");
      boolean first = true;
      for (Map.Entry<String, String> claim : identity.matchingClaims().entrySet()) {
        message.append(first ? "" : ", ").append(claim.getKey()).append('=').append(claim.getValue());
        first = false;
      }
    }
    return message.append(". Fix: ").append(reason.fix()).toString();
  }

  /**
   * Why trusted publishing failed.
   *
   * @return the reason
   */
  public TrustedPublishingFailure reason() {
    return reason;
  }

  /**
   * What was seen, in one sentence, without the presented claims or the fix.
   *
   * @return for example {@code the ID token expired at 2026-01-01T00:00:00Z, 30 s ago}
   */
  public String detail() {
    return detail;
  }

  /**
   * What to change.
   *
   * @return the fix for {@link #reason()}
   */
  public String fix() {
    return reason.fix();
  }

  /**
   * The claims the ID token presented, when one was obtained.
   *
   * @return the identity
   */
  public Optional<PresentedIdentity> presentedIdentity() {
    return Optional.ofNullable(presentedIdentity);
  }

  /**
   * The registry's HTTP status, when the registry answered.
   *
   * @return the status
   */
  public Optional<Integer> registryStatus() {
    return Optional.ofNullable(registryStatus);
  }

  /**
   * The registry's message, when it gave one.
   *
   * @return the message
   */
  public Optional<String> registryMessage() {
    return Optional.ofNullable(registryMessage);
  }
}
