package dev.npmauth.impl.provenance;

import java.security.MessageDigest;
import java.util.List;

/** RFC 6962 Merkle tree hashing and inclusion proof verification (RFC 9162 section 2.1.3.2). */
final class MerkleInclusion {
  private MerkleInclusion() {
  }

  static byte[] leafHash(byte[] leaf) {
    MessageDigest md = Bytes.messageDigest(dev.npmauth.provenance.HashAlgorithm.SHA2_256);
    md.update((byte) 0x00);
    md.update(leaf);
    return md.digest();
  }

  static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest md = Bytes.messageDigest(dev.npmauth.provenance.HashAlgorithm.SHA2_256);
    md.update((byte) 0x01);
    md.update(left);
    md.update(right);
    return md.digest();
  }

  /**
   * Computes the root an audit path leads to.
   *
   * @return the root, or null when the path cannot belong to a tree of this size (index out of
   *     range, too many or too few hashes, hashes of the wrong length)
   */
  static byte[] rootFromProof(long index, long size, byte[] leafHash, List<byte[]> proof) {
    if (index < 0 || size <= 0 || index >= size) {
      return null;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (p == null || p.length != 32 || sn == 0) {
        return null;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 ? r : null;
  }
}
