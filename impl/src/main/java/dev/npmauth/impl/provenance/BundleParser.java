package dev.npmauth.impl.provenance;

import static dev.npmauth.impl.provenance.JsonTree.optArray;
import static dev.npmauth.impl.provenance.JsonTree.optBytes;
import static dev.npmauth.impl.provenance.JsonTree.optInt64;
import static dev.npmauth.impl.provenance.JsonTree.optObject;
import static dev.npmauth.impl.provenance.JsonTree.optString;

import dev.npmauth.impl.provenance.Bundle.Dsse;
import dev.npmauth.impl.provenance.Bundle.DsseSignature;
import dev.npmauth.impl.provenance.Bundle.InclusionProof;
import dev.npmauth.impl.provenance.Bundle.MessageSignature;
import dev.npmauth.impl.provenance.Bundle.TlogEntry;
import dev.npmauth.impl.provenance.JsonTree.ShapeException;
import dev.npmauth.provenance.BundleParseException;
import dev.npmauth.provenance.HashAlgorithm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads bundle JSON (protobuf JSON mapping) into a {@link Bundle}. It rejects what cannot be
 * represented: invalid JSON, wrong types, invalid base64, bad or negative integers. Semantic rules
 * (versions, which fields must be present) are checked later, as their own check.
 */
final class BundleParser {
  private BundleParser() {
  }

  static Bundle parse(byte[] json) {
    try {
      return read(JsonTree.parseObject(json));
    } catch (ShapeException e) {
      throw new BundleParseException(e.getMessage(), e);
    }
  }

  /** Reads a bundle that is part of a larger, already parsed document. */
  static Bundle fromTree(Object tree, String path) {
    try {
      return read(JsonTree.object(tree, path));
    } catch (ShapeException e) {
      throw new BundleParseException(e.getMessage(), e);
    }
  }

  private static Bundle read(Map<String, Object> b) throws ShapeException {
    String mediaType = optString(b, "mediaType", "$");
    Map<String, Object> vm = optObject(b, "verificationMaterial", "$");
    List<byte[]> chain = null;
    byte[] certificate = null;
    String hint = null;
    List<TlogEntry> entries = null;
    List<byte[]> timestamps = new ArrayList<>();
    if (vm != null) {
      String p = "$.verificationMaterial";
      Map<String, Object> x509 = optObject(vm, "x509CertificateChain", p);
      if (x509 != null) {
        chain = new ArrayList<>();
        List<Object> certs = optArray(x509, "certificates", p + ".x509CertificateChain");
        if (certs != null) {
          for (int i = 0; i < certs.size(); i++) {
            String cp = p + ".x509CertificateChain.certificates[" + i + "]";
            byte[] raw = optBytes(JsonTree.object(certs.get(i), cp), "rawBytes", cp);
            chain.add(raw == null ? new byte[0] : raw);
          }
        }
      }
      Map<String, Object> cert = optObject(vm, "certificate", p);
      if (cert != null) {
        certificate = optBytes(cert, "rawBytes", p + ".certificate");
        if (certificate == null) {
          certificate = new byte[0];
        }
      }
      Map<String, Object> pk = optObject(vm, "publicKey", p);
      if (pk != null) {
        hint = optString(pk, "hint", p + ".publicKey");
        if (hint == null) {
          hint = "";
        }
      }
      List<Object> tl = optArray(vm, "tlogEntries", p);
      if (tl != null) {
        entries = new ArrayList<>();
        for (int i = 0; i < tl.size(); i++) {
          String ep = p + ".tlogEntries[" + i + "]";
          entries.add(entry(JsonTree.object(tl.get(i), ep), ep));
        }
      }
      Map<String, Object> tvd = optObject(vm, "timestampVerificationData", p);
      if (tvd != null) {
        List<Object> ts = optArray(tvd, "rfc3161Timestamps", p + ".timestampVerificationData");
        if (ts != null) {
          for (int i = 0; i < ts.size(); i++) {
            String tp = p + ".timestampVerificationData.rfc3161Timestamps[" + i + "]";
            byte[] raw = optBytes(JsonTree.object(ts.get(i), tp), "signedTimestamp", tp);
            timestamps.add(raw == null ? new byte[0] : raw);
          }
        }
      }
    }
    MessageSignature ms = null;
    Map<String, Object> m = optObject(b, "messageSignature", "$");
    if (m != null) {
      Map<String, Object> md = optObject(m, "messageDigest", "$.messageSignature");
      String algName = null;
      HashAlgorithm alg = null;
      byte[] digest = null;
      if (md != null) {
        algName = optString(md, "algorithm", "$.messageSignature.messageDigest");
        alg = algName == null ? HashAlgorithm.SHA2_256
            : HashAlgorithm.fromSigstoreName(algName).orElse(null);
        digest = optBytes(md, "digest", "$.messageSignature.messageDigest");
      }
      byte[] sig = optBytes(m, "signature", "$.messageSignature");
      ms = new MessageSignature(algName, alg, digest, sig);
    }
    Dsse dsse = null;
    Map<String, Object> d = optObject(b, "dsseEnvelope", "$");
    if (d != null) {
      byte[] payload = optBytes(d, "payload", "$.dsseEnvelope");
      String payloadType = optString(d, "payloadType", "$.dsseEnvelope");
      List<DsseSignature> sigs = new ArrayList<>();
      List<Object> list = optArray(d, "signatures", "$.dsseEnvelope");
      if (list != null) {
        for (int i = 0; i < list.size(); i++) {
          String sp = "$.dsseEnvelope.signatures[" + i + "]";
          Map<String, Object> s = JsonTree.object(list.get(i), sp);
          byte[] sig = optBytes(s, "sig", sp);
          sigs.add(new DsseSignature(sig == null ? new byte[0] : sig, optString(s, "keyid", sp)));
        }
      }
      dsse = new Dsse(payload, payloadType, sigs);
    }
    return new Bundle(mediaType, chain, certificate, hint, entries, timestamps, ms, dsse);
  }

  private static TlogEntry entry(Map<String, Object> e, String p) throws ShapeException {
    long logIndex = nonNegative(optInt64(e, "logIndex", p), p + ".logIndex");
    Map<String, Object> logId = optObject(e, "logId", p);
    byte[] id = logId == null ? null : optBytes(logId, "keyId", p + ".logId");
    Map<String, Object> kv = optObject(e, "kindVersion", p);
    String kind = kv == null ? null : optString(kv, "kind", p + ".kindVersion");
    String version = kv == null ? null : optString(kv, "version", p + ".kindVersion");
    Long integratedTime = optInt64(e, "integratedTime", p);
    if (integratedTime != null && integratedTime < 0) {
      throw new ShapeException(p + ".integratedTime is negative");
    }
    if (integratedTime != null && integratedTime > Instant.MAX.getEpochSecond()) {
      throw new ShapeException(p + ".integratedTime is " + integratedTime + " seconds, later than any"
          + " time can be (at most " + Instant.MAX.getEpochSecond() + ")");
    }
    Map<String, Object> promise = optObject(e, "inclusionPromise", p);
    byte[] set = null;
    if (promise != null) {
      set = optBytes(promise, "signedEntryTimestamp", p + ".inclusionPromise");
      if (set == null) {
        set = new byte[0];
      }
    }
    InclusionProof proof = null;
    Map<String, Object> ip = optObject(e, "inclusionProof", p);
    if (ip != null) {
      String pp = p + ".inclusionProof";
      long index = nonNegative(optInt64(ip, "logIndex", pp), pp + ".logIndex");
      long treeSize = nonNegative(optInt64(ip, "treeSize", pp), pp + ".treeSize");
      byte[] root = optBytes(ip, "rootHash", pp);
      List<byte[]> hashes = new ArrayList<>();
      List<Object> hs = optArray(ip, "hashes", pp);
      if (hs != null) {
        for (int i = 0; i < hs.size(); i++) {
          Object h = hs.get(i);
          if (!(h instanceof String)) {
            throw new ShapeException(pp + ".hashes[" + i + "] must be a base64 string");
          }
          try {
            hashes.add(Bytes.base64((String) h));
          } catch (IllegalArgumentException ex) {
            throw new ShapeException(pp + ".hashes[" + i + "] is not valid base64");
          }
        }
      }
      Map<String, Object> ckpt = optObject(ip, "checkpoint", pp);
      String envelope = ckpt == null ? null : optString(ckpt, "envelope", pp + ".checkpoint");
      proof = new InclusionProof(index, root, treeSize, hashes, envelope);
    }
    byte[] body = optBytes(e, "canonicalizedBody", p);
    return new TlogEntry(logIndex, id, kind, version, integratedTime, set, proof, body);
  }

  private static long nonNegative(Long value, String path) throws ShapeException {
    if (value == null) {
      return 0L;
    }
    if (value < 0) {
      throw new ShapeException(path + " is negative (" + value + ")");
    }
    return value;
  }
}
