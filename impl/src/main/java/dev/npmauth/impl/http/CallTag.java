package dev.npmauth.impl.http;

import dev.npmauth.Secret;
import java.util.List;

/**
 * What the interceptors need to know about one call: the npm command it belongs to, the
 * credential to send and the only origin it may be sent to, whether it may be retried, and the
 * secrets that must be redacted from logs (including any in the URL).
 *
 * @param npmCommand the {@code npm-command} header value, or null
 * @param authorization the {@code Authorization} header value, or null
 * @param authorizationOrigin the origin ({@code scheme://host:port}) the header may go to
 * @param otp the one-time password for {@code npm-otp}, or null
 * @param retryable whether the call may be repeated after a failure
 * @param secretsInUrl secret values that appear in the URL and must be redacted in logs
 */
public record CallTag(
    String npmCommand,
    Secret authorization,
    String authorizationOrigin,
    Secret otp,
    boolean retryable,
    List<String> secretsInUrl) {

  /** Copies the list. */
  public CallTag {
    secretsInUrl = List.copyOf(secretsInUrl);
  }
}
