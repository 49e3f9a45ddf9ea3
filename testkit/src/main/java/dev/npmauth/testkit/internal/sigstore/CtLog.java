package dev.npmauth.testkit.internal.sigstore;

import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * A certificate transparency log that only signs: it hands out RFC 6962 signed certificate
 * timestamps (v1, precertificate entries) for the fake Fulcio to embed in its leaves. Its id is
 * SHA-256 of its public key's DER, as RFC 6962 section 3.2 defines the LogID.
 *
 * <p>Thread-safe (immutable). Internal to the testkit; not API.
 */
public final class CtLog {
  private final KeyPair key;
  private final byte[] logId;

  public CtLog(SecureRandom random) {
    this.key = SigningKeys.ecP256(random);
    this.logId = SigningKeys.sha256(key.getPublic().getEncoded());
  }

  /** The log's public key, DER {@code SubjectPublicKeyInfo}. */
  public byte[] publicKey() {
    return key.getPublic().getEncoded();
  }

  /** The RFC 6962 LogID. */
  public byte[] logId() {
    return logId.clone();
  }

  /**
   * A {@code SignedCertificateTimestampList} (the TLS structure, not yet wrapped in an OCTET
   * STRING) holding one SCT over a precertificate.
   *
   * @param issuerSpki the DER public key of the certificate that signs the leaf
   * @param tbs the leaf's TBSCertificate, DER, without the SCT extension
   * @param time the SCT timestamp (milliseconds are kept)
   */
  public byte[] sctList(byte[] issuerSpki, byte[] tbs, Instant time) {
    long millis = time.toEpochMilli();
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    signed.write(0); // version v1
    signed.write(0); // signature_type certificate_timestamp
    uint(signed, millis, 8);
    uint(signed, 1, 2); // entry_type precert_entry
    signed.writeBytes(SigningKeys.sha256(issuerSpki));
    uint(signed, tbs.length, 3);
    signed.writeBytes(tbs);
    uint(signed, 0, 2); // no CT extensions
    byte[] signature = SigningKeys.sign(key.getPrivate(), signed.toByteArray());

    ByteArrayOutputStream sct = new ByteArrayOutputStream();
    sct.write(0); // v1
    sct.writeBytes(logId);
    uint(sct, millis, 8);
    uint(sct, 0, 2); // extensions length
    sct.write(4); // hash sha256
    sct.write(3); // signature ecdsa
    uint(sct, signature.length, 2);
    sct.writeBytes(signature);
    byte[] one = sct.toByteArray();

    ByteArrayOutputStream list = new ByteArrayOutputStream();
    uint(list, one.length + 2, 2);
    uint(list, one.length, 2);
    list.writeBytes(one);
    return list.toByteArray();
  }

  private static void uint(ByteArrayOutputStream out, long value, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }
}
