package dev.npmauth.testkit.internal.registry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The registry's time format: ISO-8601 UTC with milliseconds, e.g. {@code
 * 2025-01-02T03:04:05.000Z}.
 *
 * <p>Internal to the testkit; not API.
 */
public final class Times {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  public static String iso(Instant instant) {
    return FORMAT.format(instant);
  }
}
