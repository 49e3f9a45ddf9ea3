package dev.npmauth.impl.provenance;

import dev.npmauth.impl.provenance.Bundle.TlogEntry;
import java.nio.charset.StandardCharsets;

/** The payload a Rekor signed entry timestamp (inclusion promise) signs. */
final class SignedEntryTimestamps {
  private SignedEntryTimestamps() {
  }

  /**
   * Canonical JSON (sorted keys, no whitespace, integers as numbers) of
   * {@code {body, integratedTime, logID, logIndex}}: body is the standard base64 of the
   * canonicalized body, logID the lower-case hex of the log id. Base64 and hex need no escaping,
   * so the text is written directly.
   */
  static byte[] payload(TlogEntry e) {
    String json = "{\"body\":\"" + Bytes.toBase64(e.canonicalizedBody)
        + "\",\"integratedTime\":" + e.integratedTime
        + ",\"logID\":\"" + Bytes.hex(e.logId)
        + "\",\"logIndex\":" + e.logIndex + "}";
    return json.getBytes(StandardCharsets.US_ASCII);
  }
}
