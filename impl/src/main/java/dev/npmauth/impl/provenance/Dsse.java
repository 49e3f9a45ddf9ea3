package dev.npmauth.impl.provenance;

import java.nio.charset.StandardCharsets;

/** DSSE helpers. */
final class Dsse {
  static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

  private Dsse() {
  }

  /**
   * The DSSE pre-authentication encoding:
   * {@code "DSSEv1" SP len(type) SP type SP len(payload) SP payload}, lengths in decimal ASCII
   * bytes.
   */
  static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    byte[] head = ("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] mid = (" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + type.length + mid.length + payload.length];
    int o = 0;
    System.arraycopy(head, 0, out, o, head.length);
    o += head.length;
    System.arraycopy(type, 0, out, o, type.length);
    o += type.length;
    System.arraycopy(mid, 0, out, o, mid.length);
    o += mid.length;
    System.arraycopy(payload, 0, out, o, payload.length);
    return out;
  }
}
