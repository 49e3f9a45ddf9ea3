package dev.npmauth.provenance;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * A public key as DER {@code SubjectPublicKeyInfo} bytes, for verifying bundles signed with a
 * managed (non-Fulcio) key. The bytes are not decoded here: a key that cannot be decoded makes
 * verification fail with a {@link CheckName#PUBLIC_KEY} check instead of an exception.
 */
public final class PublicKeyMaterial {
  private final byte[] der;

  private PublicKeyMaterial(byte[] der) {
    this.der = der;
  }

  /**
   * Wraps DER {@code SubjectPublicKeyInfo} bytes. The array is copied.
   *
   * @param der the encoded key
   * @return the key material
   * @throws IllegalArgumentException if the array is empty
   */
  public static PublicKeyMaterial fromDer(byte[] der) {
    if (der.length == 0) {
      throw new IllegalArgumentException("an encoded public key must not be empty");
    }
    return new PublicKeyMaterial(der.clone());
  }

  /**
   * Reads a PEM {@code PUBLIC KEY} block (the form of {@code cosign.pub} or {@code key.pub}).
   *
   * @param pem the PEM text
   * @return the key material
   * @throws IllegalArgumentException if the text has no {@code -----BEGIN PUBLIC KEY-----} block
   *     or its body is not base64
   */
  public static PublicKeyMaterial fromPem(String pem) {
    String begin = "-----BEGIN PUBLIC KEY-----";
    String end = "-----END PUBLIC KEY-----";
    int b = pem.indexOf(begin);
    int e = pem.indexOf(end);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException("expected a PEM block '" + begin + "' ... '" + end + "'");
    }
    String body = pem.substring(b + begin.length(), e).replaceAll("\\s", "");
    try {
      return fromDer(Base64.getDecoder().decode(body));
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException("the PEM body is not valid base64", ex);
    }
  }

  /**
   * Wraps a decoded JCA key by its encoding.
   *
   * @param key the key; its {@link PublicKey#getEncoded()} must be X.509 (SPKI)
   * @return the key material
   * @throws IllegalArgumentException if the key has no X.509 encoding
   */
  public static PublicKeyMaterial of(PublicKey key) {
    if (!"X.509".equals(key.getFormat()) || key.getEncoded() == null) {
      throw new IllegalArgumentException("the key has no X.509 (SubjectPublicKeyInfo) encoding");
    }
    return fromDer(key.getEncoded());
  }

  /**
   * The DER bytes.
   *
   * @return a copy of the encoded {@code SubjectPublicKeyInfo}
   */
  public byte[] der() {
    return der.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKeyMaterial && Arrays.equals(der, ((PublicKeyMaterial) o).der);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(der);
  }

  @Override
  public String toString() {
    return "PublicKeyMaterial[" + der.length + " bytes DER]";
  }
}
