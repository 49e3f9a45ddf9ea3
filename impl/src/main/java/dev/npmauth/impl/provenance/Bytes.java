package dev.npmauth.impl.provenance;

import dev.npmauth.provenance.HashAlgorithm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Byte helpers: hex, strict base64 as protobuf JSON writes it, digests. */
final class Bytes {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Bytes() {
  }

  static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /** Lower- or upper-case hex; null when the text is not hex of even length. */
  static byte[] fromHex(String text) {
    if (text.length() % 2 != 0) {
      return null;
    }
    byte[] out = new byte[text.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(text.charAt(2 * i), 16);
      int lo = Character.digit(text.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /**
   * Decodes base64 the way protobuf JSON parsers accept it: the standard or the URL-safe
   * alphabet, with or without padding. Line breaks are skipped, as Go's and Python's decoders do
   * (producers that ran {@code base64} without {@code -w0} leave them); any other character
   * outside the alphabet is an error.
   *
   * @throws IllegalArgumentException if the text is not base64
   */
  static byte[] base64(String input) {
    String text = input;
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      text = text.replace("\r", "").replace("\n", "");
    }
    boolean url = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
    if (url && (text.indexOf('+') >= 0 || text.indexOf('/') >= 0)) {
      throw new IllegalArgumentException("mixes the standard and URL-safe base64 alphabets");
    }
    int len = text.length();
    int pad = 0;
    while (pad < len && text.charAt(len - 1 - pad) == '=') {
      pad++;
    }
    int data = len - pad;
    if (pad > 2 || (pad > 0 && len % 4 != 0) || data % 4 == 1) {
      throw new IllegalArgumentException("has an impossible length or padding");
    }
    return (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
  }

  static String toBase64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static byte[] digest(HashAlgorithm algorithm, byte[]... parts) {
    MessageDigest md = messageDigest(algorithm);
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  static byte[] sha256(byte[]... parts) {
    return digest(HashAlgorithm.SHA2_256, parts);
  }

  static MessageDigest messageDigest(HashAlgorithm algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.jcaName());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm.jcaName(), e);
    }
  }

  static boolean equal(byte[] a, byte[] b) {
    return a != null && b != null && MessageDigest.isEqual(a, b);
  }

  static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
