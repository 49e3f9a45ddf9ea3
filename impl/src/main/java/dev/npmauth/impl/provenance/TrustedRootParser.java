package dev.npmauth.impl.provenance;

import static dev.npmauth.impl.provenance.JsonTree.optArray;
import static dev.npmauth.impl.provenance.JsonTree.optObject;
import static dev.npmauth.impl.provenance.JsonTree.optString;
import static dev.npmauth.impl.provenance.JsonTree.reqBytes;
import static dev.npmauth.impl.provenance.JsonTree.reqObject;
import static dev.npmauth.impl.provenance.JsonTree.reqString;

import dev.npmauth.impl.provenance.Certificates.Cert;
import dev.npmauth.impl.provenance.JsonTree.ShapeException;
import dev.npmauth.impl.provenance.TrustedRootImpl.Authority;
import dev.npmauth.impl.provenance.TrustedRootImpl.LogKey;
import dev.npmauth.provenance.CertificateAuthorityInfo;
import dev.npmauth.provenance.HashAlgorithm;
import dev.npmauth.provenance.TrustedRootException;
import dev.npmauth.provenance.ValidityWindow;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads {@code trusted_root.json} (protobuf-specs {@code TrustedRoot}, JSON mapping). */
final class TrustedRootParser {
  private static final Pattern MEDIA_TYPE = Pattern.compile("application/vnd\\.dev\\.sigstore"
      + "\\.trustedroot(\\+json;version=0\\.\\d+|\\.v0\\.\\d+\\+json)");

  private TrustedRootParser() {
  }

  static TrustedRootImpl parse(byte[] json) {
    try {
      return read(JsonTree.parseObject(json));
    } catch (ShapeException e) {
      throw new TrustedRootException("invalid trusted root: " + e.getMessage(), e);
    }
  }

  private static TrustedRootImpl read(Map<String, Object> root) throws ShapeException {
    String mediaType = reqString(root, "mediaType", "$");
    if (!MEDIA_TYPE.matcher(mediaType).matches()) {
      throw new ShapeException("$.mediaType '" + mediaType + "' is not a trusted root media type");
    }
    List<LogKey> tlogs = logs(root, "tlogs");
    List<LogKey> ctlogs = logs(root, "ctlogs");
    List<Authority> cas = authorities(root, "certificateAuthorities");
    List<Authority> tsas = authorities(root, "timestampAuthorities");
    return new TrustedRootImpl(mediaType, tlogs, ctlogs, cas, tsas);
  }

  private static List<LogKey> logs(Map<String, Object> root, String field) throws ShapeException {
    List<Object> list = optArray(root, field, "$");
    List<LogKey> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      String path = "$." + field + "[" + i + "]";
      Map<String, Object> log = JsonTree.object(list.get(i), path);
      String baseUrl = reqString(log, "baseUrl", path);
      String hashName = optString(log, "hashAlgorithm", path);
      HashAlgorithm hash = hashName == null ? HashAlgorithm.SHA2_256
          : HashAlgorithm.fromSigstoreName(hashName).orElseThrow(
              () -> new ShapeException(
                  path + ".hashAlgorithm '" + hashName + "' is not supported"));
      Map<String, Object> pk = reqObject(log, "publicKey", path);
      String keyDetails = reqString(pk, "keyDetails", path + ".publicKey");
      byte[] raw = reqBytes(pk, "rawBytes", path + ".publicKey");
      PublicKey key;
      try {
        key = keyDetails.startsWith("PKCS1_") ? Crypto.decodePkcs1Rsa(raw) : Crypto.decodeSpki(raw);
      } catch (GeneralSecurityException e) {
        throw new ShapeException(path + ".publicKey.rawBytes: " + e.getMessage(), e);
      }
      ValidityWindow validFor = window(pk, path + ".publicKey");
      byte[] logId = reqBytes(reqObject(log, "logId", path), "keyId", path + ".logId");
      Map<String, Object> ckpt = optObject(log, "checkpointKeyId", path);
      byte[] checkpointKeyId = ckpt == null ? null
          : reqBytes(ckpt, "keyId", path + ".checkpointKeyId");
      out.add(new LogKey(baseUrl, hash, keyDetails, key, logId, checkpointKeyId, validFor));
    }
    return out;
  }

  private static List<Authority> authorities(Map<String, Object> root, String field)
      throws ShapeException {
    List<Object> list = optArray(root, field, "$");
    List<Authority> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      String path = "$." + field + "[" + i + "]";
      Map<String, Object> ca = JsonTree.object(list.get(i), path);
      String uri = Optional.ofNullable(optString(ca, "uri", path)).orElse("");
      Map<String, Object> subject = optObject(ca, "subject", path);
      Optional<String> org = Optional.empty();
      Optional<String> cn = Optional.empty();
      if (subject != null) {
        org = Optional.ofNullable(optString(subject, "organization", path + ".subject"));
        cn = Optional.ofNullable(optString(subject, "commonName", path + ".subject"));
      }
      Map<String, Object> chainObj = reqObject(ca, "certChain", path);
      List<Object> certs = optArray(chainObj, "certificates", path + ".certChain");
      if (certs == null || certs.isEmpty()) {
        throw new ShapeException(path + ".certChain.certificates is empty");
      }
      List<Cert> chain = new ArrayList<>();
      List<X509Certificate> jca = new ArrayList<>();
      for (int j = 0; j < certs.size(); j++) {
        String cpath = path + ".certChain.certificates[" + j + "]";
        byte[] der = reqBytes(JsonTree.object(certs.get(j), cpath), "rawBytes", cpath);
        try {
          Cert c = Certificates.parse(der);
          chain.add(c);
          jca.add(c.toJca());
        } catch (GeneralSecurityException e) {
          throw new ShapeException(cpath + ": " + e.getMessage(), e);
        }
      }
      ValidityWindow validFor = window(ca, path);
      out.add(new Authority(uri, chain, validFor,
          new CertificateAuthorityInfo(uri, org, cn, jca, validFor)));
    }
    return out;
  }

  /**
   * A {@code validFor} TimeRange. Its {@code start} is required (protobuf-specs marks only
   * {@code end} optional); a range without one makes the whole root invalid.
   */
  private static ValidityWindow window(Map<String, Object> parent, String path)
      throws ShapeException {
    Map<String, Object> vf = optObject(parent, "validFor", path);
    if (vf == null) {
      throw new ShapeException(path + ".validFor is missing; a validity window needs a start");
    }
    String start = optString(vf, "start", path + ".validFor");
    if (start == null) {
      throw new ShapeException(
          path + ".validFor.start is missing; a validity window needs a start");
    }
    String end = optString(vf, "end", path + ".validFor");
    Instant s = instant(start, path + ".validFor.start");
    Optional<Instant> e = end == null ? Optional.empty()
        : Optional.of(instant(end, path + ".validFor.end"));
    if (e.isPresent() && e.get().isBefore(s)) {
      throw new ShapeException(path + ".validFor ends before it starts");
    }
    return new ValidityWindow(s, e);
  }

  static Instant instant(String text, String path) throws ShapeException {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new ShapeException(path + " '" + text + "' is not an RFC 3339 time");
    }
  }
}
