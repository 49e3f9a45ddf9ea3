package dev.npmauth.provenance.sign;

import dev.npmauth.NpmAuthException;
import java.util.Objects;
import java.util.Optional;

/**
 * Provenance generation failed. {@link #reason()} names the step and {@link #fix()} what to
 * change; when a Sigstore service refused, {@link #status()} and {@link #serviceMessage()} carry
 * its answer. Never holds an ID token.
 */
public final class ProvenanceException extends NpmAuthException {
  private static final long serialVersionUID = 1L;

  private final ProvenanceFailure reason;
  private final String detail;
  private final Integer status;
  private final String serviceMessage;

  /**
   * Creates the exception.
   *
   * @param reason why it failed
   * @param detail what was seen, free of secrets
   * @param status the service's HTTP status, or null
   * @param serviceMessage the service's message, or null
   * @param cause the underlying failure, or null
   */
  public ProvenanceException(ProvenanceFailure reason, String detail, Integer status, String serviceMessage,
      Throwable cause) {
    super(compose(reason, detail, status, serviceMessage), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.detail = Objects.requireNonNull(detail, "detail");
    this.status = status;
    this.serviceMessage = serviceMessage;
  }

  /**
   * Creates the exception without a service answer.
   *
   * @param reason why it failed
   * @param detail what was seen, free of secrets
   */
  public ProvenanceException(ProvenanceFailure reason, String detail) {
    this(reason, detail, null, null, null);
  }

  private static String compose(ProvenanceFailure reason, String detail, Integer status, String message) {
    StringBuilder s = new StringBuilder("provenance not generated (").append(reason).append("): ").append(detail);
    if (status != null) {
      s.append(" [answered ").append(status);
      if (message != null && !message.isBlank()) {
        s.append(": ").append(message);
      }
      s.append(']');
    }
    return s.append(". Fix: ").append(reason.fix()).toString();
  }

  /**
   * Why it failed.
   *
   * @return the reason
   */
  public ProvenanceFailure reason() {
    return reason;
  }

  /**
   * What was seen.
   *
   * @return the detail, free of secrets
   */
  public String detail() {
    return detail;
  }

  /**
   * The change that fixes it.
   *
   * @return advice for people
   */
  public String fix() {
    return reason.fix();
  }

  /**
   * The HTTP status of the service that refused.
   *
   * @return the status, if a service answered
   */
  public Optional<Integer> status() {
    return Optional.ofNullable(status);
  }

  /**
   * The message of the service that refused.
   *
   * @return the message, if it gave one
   */
  public Optional<String> serviceMessage() {
    return Optional.ofNullable(serviceMessage);
  }
}
