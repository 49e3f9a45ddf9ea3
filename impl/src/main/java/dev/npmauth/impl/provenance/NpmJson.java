package dev.npmauth.impl.provenance;

import static dev.npmauth.impl.provenance.JsonTree.optArray;
import static dev.npmauth.impl.provenance.JsonTree.optObject;
import static dev.npmauth.impl.provenance.JsonTree.optString;
import static dev.npmauth.impl.provenance.JsonTree.reqString;

import dev.npmauth.impl.provenance.JsonTree.ShapeException;
import dev.npmauth.provenance.NpmPackageVersion;
import dev.npmauth.provenance.RegistryKey;
import dev.npmauth.provenance.RegistryKeys;
import dev.npmauth.provenance.RegistrySignature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the npm registry documents verification needs. */
final class NpmJson {
  private NpmJson() {
  }

  /** {@code /-/npm/v1/keys} or the TUF {@code keys.json} target. */
  static RegistryKeys registryKeys(byte[] json) {
    try {
      Map<String, Object> doc = JsonTree.parseObject(json);
      List<Object> list = optArray(doc, "keys", "$");
      if (list == null) {
        throw new ShapeException("$.keys is missing");
      }
      List<RegistryKey> keys = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String p = "$.keys[" + i + "]";
        Map<String, Object> k = JsonTree.object(list.get(i), p);
        if (k.containsKey("keyid")) {
          String expires = optString(k, "expires", p);
          keys.add(new RegistryKey(reqString(k, "keyid", p), reqString(k, "keytype", p),
              reqString(k, "scheme", p), reqString(k, "key", p),
              expires == null ? Optional.empty() : Optional.of(time(expires, p + ".expires")),
              Optional.empty()));
        } else {
          Map<String, Object> pk = JsonTree.reqObject(k, "publicKey", p);
          String details = Optional.ofNullable(optString(pk, "keyDetails", p + ".publicKey"))
              .orElse("PKIX_ECDSA_P256_SHA_256");
          String type = "PKIX_ECDSA_P256_SHA_256".equals(details) ? "ecdsa-sha2-nistp256" : details;
          Map<String, Object> vf = optObject(pk, "validFor", p + ".publicKey");
          String end = vf == null ? null : optString(vf, "end", p + ".publicKey.validFor");
          keys.add(new RegistryKey(reqString(k, "keyId", p), type, type,
              reqString(pk, "rawBytes", p + ".publicKey"),
              end == null ? Optional.empty() : Optional.of(time(end, p + ".validFor.end")),
              Optional.ofNullable(optString(k, "keyUsage", p))));
        }
      }
      return new RegistryKeys(keys);
    } catch (ShapeException e) {
      throw new IllegalArgumentException("not a registry keys document: " + e.getMessage(), e);
    }
  }

  /** A version manifest. */
  static NpmPackageVersion packageVersion(byte[] json) {
    try {
      Map<String, Object> m = JsonTree.parseObject(json);
      String name = reqString(m, "name", "$");
      String version = reqString(m, "version", "$");
      Map<String, Object> dist = JsonTree.reqObject(m, "dist", "$");
      String integrity = optString(dist, "integrity", "$.dist");
      if (integrity == null) {
        String shasum = optString(dist, "shasum", "$.dist");
        byte[] sha1 = shasum == null ? null : Bytes.fromHex(shasum);
        if (sha1 == null) {
          throw new ShapeException("$.dist.integrity is missing");
        }
        integrity = "sha1-" + Base64.getEncoder().encodeToString(sha1);
      }
      List<RegistrySignature> signatures = new ArrayList<>();
      List<Object> sigs = optArray(dist, "signatures", "$.dist");
      if (sigs != null) {
        for (int i = 0; i < sigs.size(); i++) {
          String p = "$.dist.signatures[" + i + "]";
          Map<String, Object> s = JsonTree.object(sigs.get(i), p);
          signatures.add(new RegistrySignature(reqString(s, "keyid", p), reqString(s, "sig", p)));
        }
      }
      String time = optString(m, "_time", "$");
      return new NpmPackageVersion(name, version, integrity, signatures,
          time == null ? Optional.empty() : Optional.of(time(time, "$._time")),
          Optional.ofNullable(repository(m)));
    } catch (ShapeException e) {
      throw new IllegalArgumentException("not a package version manifest: " + e.getMessage(), e);
    }
  }

  private static String repository(Map<String, Object> m) throws ShapeException {
    Object repo = m.get("repository");
    if (repo instanceof String) {
      return (String) repo;
    }
    if (repo instanceof Map) {
      return optString(JsonTree.object(repo, "$.repository"), "url", "$.repository");
    }
    return null;
  }

  static Instant time(String text, String path) throws ShapeException {
    return TrustedRootParser.instant(text, path);
  }
}
