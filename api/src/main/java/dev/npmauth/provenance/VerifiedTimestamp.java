package dev.npmauth.provenance;

import java.time.Instant;
import java.util.Objects;

/**
 * A signing time that was verified: a Rekor integrated time whose signed entry timestamp
 * verified, or the time of an RFC 3161 timestamp that verified against a trusted authority.
 *
 * @param source where the time comes from
 * @param time the instant
 * @param authority the log's base URL or the timestamp authority's URI
 */
public record VerifiedTimestamp(Source source, Instant time, String authority) {

  /** Where a verified time comes from. */
  public enum Source {
    /** A Rekor integrated time backed by a verified signed entry timestamp. */
    TRANSPARENCY_LOG,
    /** An RFC 3161 timestamp from a trusted timestamp authority. */
    TIMESTAMP_AUTHORITY
  }

  /**
   * Checks that no component is null.
   *
   * @param source where the time comes from
   * @param time the instant
   * @param authority the log's base URL or the timestamp authority's URI
   */
  public VerifiedTimestamp {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(authority, "authority");
  }
}
