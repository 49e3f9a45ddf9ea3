package dev.npmauth.testkit.internal.sigstore;

import static dev.npmauth.testkit.internal.sigstore.SigningKeys.b64;

import dev.npmauth.testkit.internal.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of a {@code trusted_root.json} document (Sigstore's {@code TrustedRoot}, media type
 * version 0.1) as the fakes write them: transparency and CT log entries (an ECDSA P-256 key, its
 * log id SHA-256 of the key's DER) and certificate or timestamp authority entries (a chain of DER
 * certificates), each valid from a start time and open-ended.
 *
 * <p>Internal to the testkit; not API.
 */
public final class TrustedRootJson {
  public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.trustedroot+json;version=0.1";

  private TrustedRootJson() {}

  /** The document, its lists in the order given. */
  public static Map<String, Object> document(List<Object> tlogs, List<Object> certificateAuthorities,
      List<Object> ctlogs, List<Object> timestampAuthorities) {
    return Json.object(
        "mediaType", MEDIA_TYPE,
        "tlogs", tlogs,
        "certificateAuthorities", certificateAuthorities,
        "ctlogs", ctlogs,
        "timestampAuthorities", timestampAuthorities);
  }

  /** A {@code tlogs[]} or {@code ctlogs[]} entry for a log with an ECDSA P-256 key. */
  public static Map<String, Object> log(String baseUrl, byte[] spki, Instant start) {
    return Json.object(
        "baseUrl", baseUrl,
        "hashAlgorithm", "SHA2_256",
        "publicKey", Json.object(
            "rawBytes", b64(spki),
            "keyDetails", "PKIX_ECDSA_P256_SHA_256",
            "validFor", Json.object("start", start.toString())),
        "logId", Json.object("keyId", b64(SigningKeys.sha256(spki))));
  }

  /**
   * A {@code certificateAuthorities[]} or {@code timestampAuthorities[]} entry.
   *
   * @param chain DER certificates, the issuing one first, the root last
   */
  public static Map<String, Object> authority(String organization, String commonName, String uri,
      List<byte[]> chain, Instant start) {
    List<Object> certs = new ArrayList<>();
    for (byte[] der : chain) {
      certs.add(Json.object("rawBytes", b64(der)));
    }
    return Json.object(
        "subject", Json.object("organization", organization, "commonName", commonName),
        "uri", uri,
        "certChain", Json.object("certificates", certs),
        "validFor", Json.object("start", start.toString()));
  }
}
