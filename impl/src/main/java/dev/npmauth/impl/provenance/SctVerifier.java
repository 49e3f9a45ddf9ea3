package dev.npmauth.impl.provenance;

import dev.npmauth.impl.provenance.Certificates.Cert;
import dev.npmauth.impl.provenance.TrustedRootImpl.LogKey;
import dev.npmauth.provenance.HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * Signed certificate timestamps embedded in a leaf (RFC 6962 section 3.3): parses the TLS-encoded
 * list and verifies each SCT over the precertificate it was issued for.
 */
final class SctVerifier {
  static final String OID_SCT_LIST = "1.3.6.1.4.1.11129.2.4.2";

  private SctVerifier() {
  }

  /** One parsed SCT (v1). */
  static final class Sct {
    final int version;
    final byte[] logId;
    final long timestampMillis;
    final byte[] extensions;
    final int hashAlgorithm;
    final int signatureAlgorithm;
    final byte[] signature;

    Sct(int version, byte[] logId, long timestampMillis, byte[] extensions, int hashAlgorithm,
        int signatureAlgorithm, byte[] signature) {
      this.version = version;
      this.logId = logId;
      this.timestampMillis = timestampMillis;
      this.extensions = extensions;
      this.hashAlgorithm = hashAlgorithm;
      this.signatureAlgorithm = signatureAlgorithm;
      this.signature = signature;
    }
  }

  /** The outcome: null problem means at least one SCT verified. */
  static final class Outcome {
    final int verified;
    final int total;
    final String problem;

    Outcome(int verified, int total, String problem) {
      this.verified = verified;
      this.total = total;
      this.problem = problem;
    }
  }

  /** Verifies the leaf's SCTs; at least one must verify with a trusted CT log. */
  static Outcome verify(Cert leaf, Cert issuer, List<LogKey> ctlogs) {
    Extensions exts = leaf.holder.getExtensions();
    Extension ext = exts == null ? null
        : exts.getExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier(OID_SCT_LIST));
    if (ext == null) {
      return new Outcome(0, 0, "the signing certificate has no embedded SCT");
    }
    List<Sct> scts;
    try {
      scts = parseList(ASN1OctetString.getInstance(ext.getExtnValue().getOctets()).getOctets());
    } catch (RuntimeException | MalformedSct e) {
      return new Outcome(0, 0, "the embedded SCT list is malformed: " + e.getMessage());
    }
    if (scts.isEmpty()) {
      return new Outcome(0, 0, "the embedded SCT list is empty");
    }
    byte[] tbs;
    try {
      tbs = precertificateTbs(leaf, ext);
    } catch (IOException | RuntimeException e) {
      return new Outcome(0, scts.size(), "cannot rebuild the precertificate: " + e.getMessage());
    }
    byte[] issuerKeyHash;
    try {
      issuerKeyHash = Bytes.sha256(
          issuer.holder.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      return new Outcome(0, scts.size(), "cannot encode the issuer key");
    }
    int ok = 0;
    List<String> problems = new ArrayList<>();
    for (Sct sct : scts) {
      String p = verifyOne(sct, issuerKeyHash, tbs, ctlogs);
      if (p == null) {
        ok++;
      } else {
        problems.add(p);
      }
    }
    return new Outcome(ok, scts.size(), ok > 0 ? null : String.join("; ", problems));
  }

  private static String verifyOne(Sct sct, byte[] issuerKeyHash, byte[] tbs, List<LogKey> ctlogs) {
    if (sct.version != 0) {
      return "SCT version " + sct.version + " is not v1";
    }
    if (sct.hashAlgorithm != 4) {
      return "SCT hash algorithm " + sct.hashAlgorithm + " is not SHA-256";
    }
    Instant time = Instant.ofEpochMilli(sct.timestampMillis);
    byte[] signed = signedData(sct, issuerKeyHash, tbs);
    boolean logKnown = false;
    for (LogKey log : ctlogs) {
      if (!Bytes.equal(log.logId, sct.logId)) {
        continue;
      }
      logKnown = true;
      if (!log.validAt(time)) {
        continue;
      }
      Crypto.KeyKind kind = Crypto.kind(log.key);
      boolean algorithmFits = (sct.signatureAlgorithm == 3 && kind == Crypto.KeyKind.EC)
          || (sct.signatureAlgorithm == 1 && kind == Crypto.KeyKind.RSA);
      if (algorithmFits && log.verify(HashAlgorithm.SHA2_256, signed, sct.signature)) {
        return null;
      }
    }
    return logKnown ? "SCT from log " + Bytes.toBase64(sct.logId)
        + " does not verify with a key valid at " + time
        : "SCT from log " + Bytes.toBase64(sct.logId) + " is not from a trusted CT log";
  }

  /** RFC 6962 digitally-signed struct for a precert_entry. */
  static byte[] signedData(Sct sct, byte[] issuerKeyHash, byte[] tbs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + tbs.length + sct.extensions.length);
    out.write(0); // sct_version v1
    out.write(0); // signature_type certificate_timestamp
    for (int i = 7; i >= 0; i--) {
      out.write((int) (sct.timestampMillis >>> (8 * i)) & 0xff);
    }
    out.write(0); // entry_type precert_entry (1), 2 bytes
    out.write(1);
    out.write(issuerKeyHash, 0, issuerKeyHash.length);
    out.write((tbs.length >>> 16) & 0xff);
    out.write((tbs.length >>> 8) & 0xff);
    out.write(tbs.length & 0xff);
    out.write(tbs, 0, tbs.length);
    out.write((sct.extensions.length >>> 8) & 0xff);
    out.write(sct.extensions.length & 0xff);
    out.write(sct.extensions, 0, sct.extensions.length);
    return out.toByteArray();
  }

  /** The leaf's TBSCertificate re-encoded without the SCT list extension, via BouncyCastle. */
  static byte[] precertificateTbs(Cert leaf, Extension sctExtension) throws IOException {
    ASN1Sequence tbs = ASN1Sequence.getInstance(
        leaf.holder.toASN1Structure().getTBSCertificate().toASN1Primitive());
    ASN1EncodableVector fields = new ASN1EncodableVector();
    for (ASN1Encodable field : tbs) {
      if (field instanceof ASN1TaggedObject && ((ASN1TaggedObject) field).getTagNo() == 3) {
        Extensions exts = Extensions.getInstance((ASN1TaggedObject) field, true);
        List<Extension> kept = new ArrayList<>();
        for (org.bouncycastle.asn1.ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
          if (!oid.equals(sctExtension.getExtnId())) {
            kept.add(exts.getExtension(oid));
          }
        }
        fields.add(new DERTaggedObject(true, 3, new Extensions(kept.toArray(new Extension[0]))));
      } else {
        fields.add(field);
      }
    }
    return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
  }

  /** Malformed TLS encoding. */
  static final class MalformedSct extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedSct(String message) {
      super(message);
    }
  }

  /** Parses a TLS {@code SignedCertificateTimestampList} (not ASN.1: RFC 6962 section 3.3). */
  static List<Sct> parseList(byte[] data) throws MalformedSct {
    Reader r = new Reader(data);
    int total = r.u16();
    if (total != data.length - 2) {
      throw new MalformedSct("list length " + total + " does not match " + (data.length - 2));
    }
    List<Sct> out = new ArrayList<>();
    while (r.remaining() > 0) {
      byte[] one = r.bytes(r.u16());
      Reader s = new Reader(one);
      int version = s.u8();
      byte[] logId = s.bytes(32);
      long ts = s.u64();
      byte[] ext = s.bytes(s.u16());
      int hash = s.u8();
      int sig = s.u8();
      byte[] signature = s.bytes(s.u16());
      if (s.remaining() != 0) {
        throw new MalformedSct("trailing bytes after an SCT");
      }
      out.add(new Sct(version, logId, ts, ext, hash, sig, signature));
    }
    return out;
  }

  private static final class Reader {
    private final byte[] data;
    private int pos;

    Reader(byte[] data) {
      this.data = data;
    }

    int remaining() {
      return data.length - pos;
    }

    int u8() throws MalformedSct {
      need(1);
      return data[pos++] & 0xff;
    }

    int u16() throws MalformedSct {
      return (u8() << 8) | u8();
    }

    long u64() throws MalformedSct {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | u8();
      }
      return v;
    }

    byte[] bytes(int n) throws MalformedSct {
      need(n);
      byte[] out = Arrays.copyOfRange(data, pos, pos + n);
      pos += n;
      return out;
    }

    private void need(int n) throws MalformedSct {
      if (n < 0 || pos + n > data.length) {
        throw new MalformedSct("truncated");
      }
    }
  }
}
