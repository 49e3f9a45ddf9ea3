package dev.npmauth.testkit.internal.sigstore;

import static dev.npmauth.testkit.internal.sigstore.SigningKeys.b64;
import static dev.npmauth.testkit.internal.sigstore.SigningKeys.hex;
import static dev.npmauth.testkit.internal.sigstore.SigningKeys.sha256;

import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a proposed Rekor entry ({@code POST /api/v1/log/entries}) into the canonicalized body
 * Rekor logs, after checking every signature as Rekor does: {@code dsse} 0.0.1 (the kind npm and
 * sigstore-js use today: the envelope is hashed, its payload hashed, and only signatures and
 * verifiers kept) and {@code intoto} 0.0.2 (the older kind: envelope without payload, signature
 * and key base64-encoded twice over). Bodies are canonical JSON (keys sorted, no spaces).
 *
 * <p>Internal to the testkit; not API.
 */
public final class RekorEntries {
  private RekorEntries() {}

  /** A canonicalized body and its kind. */
  public record Canonical(String kind, String apiVersion, byte[] body) {}

  /**
   * Checks and canonicalizes a proposed entry.
   *
   * @throws HttpError 400 naming what is wrong with the proposal
   */
  public static Canonical canonicalize(Map<String, Object> proposed) {
    String kind = Json.asString(proposed.get("kind")).orElseThrow(() -> bad("the entry has no kind"));
    String apiVersion = Json.asString(proposed.get("apiVersion"))
        .orElseThrow(() -> bad("the entry has no apiVersion"));
    Map<String, Object> spec = Json.asObject(proposed.get("spec")).orElseThrow(() -> bad("the entry has no spec"));
    switch (kind + " " + apiVersion) {
      case "dsse 0.0.1":
        return dsse(spec);
      case "intoto 0.0.2":
        return intoto(spec);
      default:
        throw bad("entry kind " + kind + " " + apiVersion
            + " is not supported by this fake Rekor (it takes dsse 0.0.1 and intoto 0.0.2)");
    }
  }

  private static Canonical dsse(Map<String, Object> spec) {
    Map<String, Object> proposed = Json.asObject(spec.get("proposedContent"))
        .orElseThrow(() -> bad("a dsse entry needs spec.proposedContent"));
    String envelopeText = Json.asString(proposed.get("envelope"))
        .orElseThrow(() -> bad("spec.proposedContent.envelope must be the envelope JSON as a string"));
    List<String> verifiers = strings(proposed.get("verifiers"), "spec.proposedContent.verifiers");
    if (verifiers.isEmpty()) {
      throw bad("spec.proposedContent.verifiers is empty: give the signing certificate or key");
    }
    Map<String, Object> envelope;
    try {
      envelope = Json.asObject(Json.parse(envelopeText)).orElseThrow(() -> bad("the envelope is not a JSON object"));
    } catch (IOException e) {
      throw bad("the envelope is not JSON: " + e.getMessage());
    }
    String payloadType = Json.asString(envelope.get("payloadType")).orElseThrow(() -> bad("the envelope has no payloadType"));
    byte[] payload = base64(Json.asString(envelope.get("payload")).orElseThrow(() -> bad("the envelope has no payload")),
        "envelope.payload");
    List<Object> signatures = list(envelope.get("signatures"), "envelope.signatures");
    if (signatures.isEmpty()) {
      throw bad("the envelope has no signature");
    }
    List<byte[]> keys = new ArrayList<>();
    for (String v : verifiers) {
      keys.add(Pem.decode(new String(base64(v, "a verifier"), StandardCharsets.UTF_8)));
    }
    byte[] pae = pae(payloadType, payload);
    TreeMap<String, String> sigToVerifier = new TreeMap<>();
    for (Object s : signatures) {
      String sig = Json.asObject(s).flatMap(o -> Json.asString(o.get("sig")))
          .orElseThrow(() -> bad("an envelope signature has no sig"));
      byte[] sigBytes = base64(sig, "envelope.signatures[].sig");
      byte[] matching = null;
      for (byte[] der : keys) {
        if (Pem.verify(Pem.publicKey(der), pae, sigBytes)) {
          matching = der;
          break;
        }
      }
      if (matching == null) {
        throw bad("an envelope signature does not verify with any of the verifiers");
      }
      sigToVerifier.put(sig, b64(SigningKeys.pem(Pem.isCertificate(matching) ? "CERTIFICATE" : "PUBLIC KEY", matching)
          .getBytes(StandardCharsets.UTF_8)));
    }
    List<Object> canonicalSigs = new ArrayList<>();
    sigToVerifier.forEach((sig, verifier) -> canonicalSigs.add(sorted("signature", sig, "verifier", verifier)));
    Map<String, Object> canonicalSpec = sorted(
        "envelopeHash", sorted("algorithm", "sha256", "value", hex(sha256(envelopeText.getBytes(StandardCharsets.UTF_8)))),
        "payloadHash", sorted("algorithm", "sha256", "value", hex(sha256(payload))),
        "signatures", canonicalSigs);
    return new Canonical("dsse", "0.0.1",
        Json.bytes(sorted("apiVersion", "0.0.1", "kind", "dsse", "spec", canonicalSpec)));
  }

  private static Canonical intoto(Map<String, Object> spec) {
    Map<String, Object> content = Json.asObject(spec.get("content"))
        .orElseThrow(() -> bad("an intoto entry needs spec.content"));
    Map<String, Object> envelope = Json.asObject(content.get("envelope"))
        .orElseThrow(() -> bad("an intoto entry needs spec.content.envelope"));
    String payloadType = Json.asString(envelope.get("payloadType")).orElseThrow(() -> bad("the envelope has no payloadType"));
    String payloadOnce = new String(base64(Json.asString(envelope.get("payload"))
        .orElseThrow(() -> bad("the intoto envelope needs its payload (base64 of the base64 payload)")),
        "envelope.payload"), StandardCharsets.US_ASCII);
    byte[] payload = base64(payloadOnce, "envelope.payload (inner)");
    List<Object> signatures = list(envelope.get("signatures"), "envelope.signatures");
    if (signatures.size() != 1) {
      throw bad("an intoto entry records exactly one signature, got " + signatures.size());
    }
    Map<String, Object> s = Json.asObject(signatures.get(0)).orElseThrow(() -> bad("envelope.signatures[0] is not an object"));
    String sigTwice = Json.asString(s.get("sig")).orElseThrow(() -> bad("envelope.signatures[0].sig is missing"));
    String sigOnce = new String(base64(sigTwice, "signatures[0].sig"), StandardCharsets.US_ASCII);
    byte[] sig = base64(sigOnce, "signatures[0].sig (inner)");
    String publicKey = Json.asString(s.get("publicKey")).orElseThrow(() -> bad("envelope.signatures[0].publicKey is missing"));
    String pemText = new String(base64(publicKey, "signatures[0].publicKey"), StandardCharsets.UTF_8);
    byte[] der = Pem.decode(pemText);
    if (!Pem.verify(Pem.publicKey(der), pae(payloadType, payload), sig)) {
      throw bad("the envelope signature does not verify with signatures[0].publicKey");
    }
    String payloadHash = hex(sha256(payload));
    Json.asObject(content.get("payloadHash")).flatMap(h -> Json.asString(h.get("value"))).ifPresent(v -> {
      if (!v.equalsIgnoreCase(payloadHash)) {
        throw bad("spec.content.payloadHash is not the SHA-256 of the payload");
      }
    });
    String keyid = Json.asString(s.get("keyid")).orElse("");
    // As sigstore-js computes it: canonical JSON of the envelope with single-encoded payload and
    // signature, the PEM key, and the keyid only when not empty.
    Map<String, Object> hashed = new TreeMap<>();
    hashed.put("payloadType", payloadType);
    hashed.put("payload", payloadOnce);
    Map<String, Object> hashedSig = new TreeMap<>();
    hashedSig.put("sig", sigOnce);
    hashedSig.put("publicKey", pemText);
    if (!keyid.isEmpty()) {
      hashedSig.put("keyid", keyid);
    }
    hashed.put("signatures", List.of(hashedSig));
    String envelopeHash = Json.asObject(content.get("hash")).flatMap(h -> Json.asString(h.get("value")))
        .orElse(hex(sha256(Json.bytes(hashed))));
    Map<String, Object> canonicalSig = new TreeMap<>();
    if (!keyid.isEmpty()) {
      canonicalSig.put("keyid", keyid);
    }
    canonicalSig.put("publicKey", publicKey);
    canonicalSig.put("sig", sigTwice);
    Map<String, Object> canonicalContent = sorted(
        "envelope", sorted("payloadType", payloadType, "signatures", List.of(canonicalSig)),
        "hash", sorted("algorithm", "sha256", "value", envelopeHash),
        "payloadHash", sorted("algorithm", "sha256", "value", payloadHash));
    return new Canonical("intoto", "0.0.2", Json.bytes(sorted("apiVersion", "0.0.2", "kind", "intoto",
        "spec", sorted("content", canonicalContent))));
  }

  /** DSSE's pre-authentication encoding. */
  static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
        .getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + payload.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(payload, 0, out, head.length, payload.length);
    return out;
  }

  private static Map<String, Object> sorted(Object... keysAndValues) {
    return new TreeMap<>(Json.object(keysAndValues));
  }

  private static List<Object> list(Object value, String what) {
    if (!(value instanceof List)) {
      throw bad(what + " must be an array");
    }
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) value;
    return list;
  }

  private static List<String> strings(Object value, String what) {
    List<String> out = new ArrayList<>();
    for (Object o : list(value, what)) {
      out.add(Json.asString(o).orElseThrow(() -> bad(what + " must hold strings")));
    }
    return out;
  }

  static byte[] base64(String text, String what) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw bad(what + " is not base64");
    }
  }

  private static HttpError bad(String message) {
    return SigstoreErrors.rekor(400, message);
  }
}
