package dev.npmauth.impl.provenance.sign;

import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.impl.json.Json;
import dev.npmauth.provenance.sign.ProvenanceException;
import dev.npmauth.provenance.sign.ProvenanceFailure;
import dev.npmauth.registry.RegistryUnreachableException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Rekor v1's {@code POST /api/v1/log/entries} with a {@code dsse} 0.0.1 entry (the envelope as
 * JSON text and the signing certificate, PEM, base64), as npm logs provenance. An entry that is
 * already logged (409) is fetched from the {@code Location} Rekor names. The answer must record
 * this envelope's signature and payload, and carry a signed entry timestamp and an inclusion proof
 * with a checkpoint; it becomes a bundle's {@code TransparencyLogEntry}.
 */
final class RekorClient {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final long MAX_BODY = 4L * 1024 * 1024;

  /** A logged entry, in bundle form. */
  record Logged(Map<String, Object> tlogEntry, long logIndex, Instant integratedTime) {}

  private final RegistryHttp http;
  private final URI baseUrl;

  RekorClient(RegistryHttp http, URI baseUrl) {
    this.http = http;
    this.baseUrl = baseUrl;
  }

  /**
   * Logs an envelope.
   *
   * @param envelopeJson the DSSE envelope as sent (its hash is part of the entry)
   * @param certificatePem the signing certificate
   * @param signature the envelope's signature bytes
   * @param payload the envelope's payload bytes
   * @throws ProvenanceException when Rekor refuses, does not answer, or answers another entry
   */
  Logged logDsse(String envelopeJson, String certificatePem, byte[] signature, byte[] payload) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("envelope", envelopeJson);
    content.put("verifiers", List.of(Base64.getEncoder().encodeToString(
        certificatePem.getBytes(StandardCharsets.UTF_8))));
    Map<String, Object> proposed = new LinkedHashMap<>();
    proposed.put("apiVersion", "0.0.1");
    proposed.put("kind", "dsse");
    proposed.put("spec", Map.of("proposedContent", content));
    HttpUrl url = HttpUrl.get(baseUrl + "/api/v1/log/entries");
    String body;
    int status;
    String location;
    try (Response response = http.call("POST", url)
        .header("Accept", "application/json")
        .body(RequestBody.create(Json.write(proposed), JSON))
        .retryable(true) // a repeat of a logged entry answers 409, handled below
        .raw()) {
      status = response.code();
      location = response.header("Location");
      body = read(response);
    } catch (IOException e) {
      throw new ProvenanceException(ProvenanceFailure.REKOR_UNREACHABLE,
          "Rekor at " + baseUrl + " broke off its answer (" + e.getMessage() + ")", null, null, e);
    } catch (RegistryUnreachableException e) {
      throw new ProvenanceException(ProvenanceFailure.REKOR_UNREACHABLE,
          "Rekor at " + baseUrl + " did not answer (" + e.getMessage() + ")", null, null, e);
    }
    if (status == 409 && location != null) {
      body = fetch(url.resolve(location));
    } else if (status != 201 && status != 200) {
      throw new ProvenanceException(ProvenanceFailure.REKOR_REFUSED,
          "Rekor at " + baseUrl + " refused the dsse entry", status, ServiceErrors.message(body), null);
    }
    return toBundleEntry(body, signature, payload);
  }

  private String fetch(HttpUrl entryUrl) {
    if (entryUrl == null) {
      throw unexpected("its 409 answer names no usable Location");
    }
    try (Response response = http.call("GET", entryUrl).header("Accept", "application/json").raw()) {
      String body = read(response);
      if (response.code() != 200) {
        throw new ProvenanceException(ProvenanceFailure.REKOR_REFUSED, "Rekor at " + baseUrl
            + " has the entry but would not show it", response.code(), ServiceErrors.message(body), null);
      }
      return body;
    } catch (IOException | RegistryUnreachableException e) {
      throw new ProvenanceException(ProvenanceFailure.REKOR_UNREACHABLE,
          "Rekor at " + baseUrl + " did not answer (" + e.getMessage() + ")", null, null, e);
    }
  }

  private static String read(Response response) throws IOException {
    if (response.body() == null) {
      return "";
    }
    var source = response.body().source();
    source.request(MAX_BODY + 1);
    if (source.getBuffer().size() > MAX_BODY) {
      throw new IOException("the answer is larger than " + MAX_BODY + " bytes");
    }
    return source.readUtf8();
  }

  @SuppressWarnings("unchecked")
  private Logged toBundleEntry(String text, byte[] signature, byte[] payload) {
    Map<String, Object> answer;
    try {
      answer = Json.readObject(text);
    } catch (IOException e) {
      throw unexpected("its answer is not a JSON object");
    }
    if (answer.size() != 1 || !(answer.values().iterator().next() instanceof Map)) {
      throw unexpected("its answer does not hold exactly one entry");
    }
    Map<String, Object> entry = (Map<String, Object>) answer.values().iterator().next();
    String bodyB64 = Json.string(entry, "body").orElseThrow(() -> unexpected("the entry has no body"));
    long logIndex = number(entry.get("logIndex"), "logIndex");
    long integratedTime = number(entry.get("integratedTime"), "integratedTime");
    if (integratedTime > Instant.MAX.getEpochSecond()) {
      throw unexpected("the entry's integratedTime, " + integratedTime + " seconds, is later than any time can be");
    }
    byte[] logId = hex(Json.string(entry, "logID").orElseThrow(() -> unexpected("the entry has no logID")), "logID");
    Map<String, Object> verification = Json.object(entry, "verification")
        .orElseThrow(() -> unexpected("the entry has no verification"));
    String set = Json.string(verification, "signedEntryTimestamp")
        .orElseThrow(() -> unexpected("the entry has no signed entry timestamp"));
    Map<String, Object> proof = Json.object(verification, "inclusionProof")
        .orElseThrow(() -> unexpected("the entry has no inclusion proof"));
    String checkpoint = Json.string(proof, "checkpoint")
        .orElseThrow(() -> unexpected("the inclusion proof has no checkpoint"));
    List<Object> hashes = new ArrayList<>();
    Object rawHashes = proof.get("hashes");
    if (!(rawHashes instanceof List<?> list)) {
      throw unexpected("the inclusion proof has no hashes");
    }
    for (Object h : list) {
      hashes.add(b64(hex(String.valueOf(h), "inclusionProof.hashes")));
    }
    byte[] body;
    try {
      body = Base64.getDecoder().decode(bodyB64);
    } catch (IllegalArgumentException e) {
      throw unexpected("the entry's body is not base64");
    }
    checkRecords(body, signature, payload);

    Map<String, Object> inclusionProof = new LinkedHashMap<>();
    inclusionProof.put("logIndex", String.valueOf(number(proof.get("logIndex"), "inclusionProof.logIndex")));
    inclusionProof.put("rootHash", b64(hex(Json.string(proof, "rootHash")
        .orElseThrow(() -> unexpected("the inclusion proof has no rootHash")), "rootHash")));
    inclusionProof.put("treeSize", String.valueOf(number(proof.get("treeSize"), "inclusionProof.treeSize")));
    inclusionProof.put("hashes", hashes);
    inclusionProof.put("checkpoint", Map.of("envelope", checkpoint));
    Map<String, Object> tlog = new LinkedHashMap<>();
    tlog.put("logIndex", String.valueOf(logIndex));
    tlog.put("logId", Map.of("keyId", b64(logId)));
    tlog.put("kindVersion", orderedKindVersion());
    tlog.put("integratedTime", String.valueOf(integratedTime));
    tlog.put("inclusionPromise", Map.of("signedEntryTimestamp", set));
    tlog.put("inclusionProof", inclusionProof);
    tlog.put("canonicalizedBody", bodyB64);
    return new Logged(tlog, logIndex, Instant.ofEpochSecond(integratedTime));
  }

  private static Map<String, Object> orderedKindVersion() {
    Map<String, Object> kv = new LinkedHashMap<>();
    kv.put("kind", "dsse");
    kv.put("version", "0.0.1");
    return kv;
  }

  /** The logged body must be a dsse 0.0.1 entry of this signature and payload. */
  @SuppressWarnings("unchecked")
  private void checkRecords(byte[] body, byte[] signature, byte[] payload) {
    Map<String, Object> json;
    try {
      json = Json.readObject(new String(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw unexpected("the entry's body is not JSON");
    }
    if (!"dsse".equals(json.get("kind")) || !"0.0.1".equals(json.get("apiVersion"))) {
      throw unexpected("it logged a " + json.get("kind") + " " + json.get("apiVersion") + " entry, not dsse 0.0.1");
    }
    Map<String, Object> spec = Json.object(json, "spec").orElseThrow(() -> unexpected("the entry has no spec"));
    String payloadHash = Json.object(spec, "payloadHash").flatMap(h -> Json.string(h, "value")).orElse("");
    if (!payloadHash.equalsIgnoreCase(HexFormat.of().formatHex(sha256(payload)))) {
      throw unexpected("the logged entry's payload hash is not this statement's");
    }
    Object sigs = spec.get("signatures");
    boolean found = false;
    if (sigs instanceof List<?> list) {
      for (Object s : list) {
        if (s instanceof Map<?, ?> m && m.get("signature") instanceof String b64) {
          try {
            found |= MessageDigest.isEqual(Base64.getDecoder().decode(b64), signature);
          } catch (IllegalArgumentException e) {
            // not this one
          }
        }
      }
    }
    if (!found) {
      throw unexpected("the logged entry does not hold this envelope's signature");
    }
  }

  private long number(Object value, String what) {
    if (value instanceof Long l && l >= 0) {
      return l;
    }
    if (value instanceof String s && s.matches("\\d{1,18}")) {
      return Long.parseLong(s);
    }
    throw unexpected("the entry's " + what + " is not a non-negative integer");
  }

  private byte[] hex(String text, String what) {
    try {
      return HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      throw unexpected(what + " is not hex");
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  private ProvenanceException unexpected(String what) {
    return new ProvenanceException(ProvenanceFailure.UNEXPECTED_RESPONSE, "Rekor at " + baseUrl + ": " + what);
  }
}
