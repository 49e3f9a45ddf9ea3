package dev.npmauth.testkit.sigstore;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the fake Rekor log.
 *
 * @param index the log index
 * @param uuid Rekor's entry UUID (tree id and leaf hash, hex)
 * @param kind the entry kind, {@code dsse} or {@code intoto}
 * @param apiVersion the kind's version, {@code 0.0.1} or {@code 0.0.2}
 * @param body the canonicalized body (JSON) that is the Merkle leaf
 * @param integratedTime when the log integrated it (whole seconds)
 */
public record LogEntry(long index, String uuid, String kind, String apiVersion, String body,
    Instant integratedTime) {

  /**
   * Checks that no component is null.
   *
   * @param index the log index
   * @param uuid Rekor's entry UUID
   * @param kind the entry kind
   * @param apiVersion the kind's version
   * @param body the canonicalized body
   * @param integratedTime when the log integrated it
   */
  public LogEntry {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(integratedTime, "integratedTime");
  }
}
