package dev.npmauth.impl.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleInclusionTest {

  /** RFC 6962 section 2.1 MTH, computed the slow recursive way. */
  private static byte[] mth(List<byte[]> leaves, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return FakeSigstore.leafHash(leaves.get(from));
    }
    int k = Integer.highestOneBit(n - 1);
    return FakeSigstore.nodeHash(mth(leaves, from, from + k), mth(leaves, from + k, to));
  }

  /** RFC 6962 section 2.1.1 PATH(m, D[from:to]). */
  private static List<byte[]> path(int m, List<byte[]> leaves, int from, int to) {
    int n = to - from;
    List<byte[]> out = new ArrayList<>();
    if (n == 1) {
      return out;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m < k) {
      out.addAll(path(m, leaves, from, from + k));
      out.add(mth(leaves, from + k, to));
    } else {
      out.addAll(path(m - k, leaves, from + k, to));
      out.add(mth(leaves, from, from + k));
    }
    return out;
  }

  private static List<byte[]> leaves(int n) {
    List<byte[]> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(("leaf " + i).getBytes(StandardCharsets.UTF_8));
    }
    return l;
  }

  @Test
  void everyLeafOfEveryTreeUpTo33ProvesInclusion() {
    for (int size = 1; size <= 33; size++) {
      List<byte[]> leaves = leaves(size);
      byte[] root = mth(leaves, 0, size);
      for (int i = 0; i < size; i++) {
        byte[] computed = MerkleInclusion.rootFromProof(i, size,
            MerkleInclusion.leafHash(leaves.get(i)), path(i, leaves, 0, size));
        assertThat(computed).as("leaf %d of %d", i, size).isEqualTo(root);
      }
    }
  }

  @Test
  void leafAndNodeHashesUseTheRfc6962Prefixes() {
    byte[] a = "a".getBytes(StandardCharsets.UTF_8);
    assertThat(MerkleInclusion.leafHash(a)).isEqualTo(FakeSigstore.sha256(new byte[] {0}, a));
    byte[] l = new byte[32];
    byte[] r = new byte[32];
    r[0] = 7;
    assertThat(MerkleInclusion.nodeHash(l, r)).isEqualTo(FakeSigstore.sha256(new byte[] {1}, l, r));
  }

  @Test
  void proofForAnotherIndexDoesNotLeadToTheRoot() {
    List<byte[]> leaves = leaves(13);
    byte[] root = mth(leaves, 0, 13);
    byte[] computed = MerkleInclusion.rootFromProof(6, 13, MerkleInclusion.leafHash(leaves.get(5)),
        path(5, leaves, 0, 13));
    assertThat(computed).isNotEqualTo(root);
  }

  @Test
  void wrongTreeSizeOrIndexIsRejected() {
    List<byte[]> leaves = leaves(13);
    byte[] root = mth(leaves, 0, 13);
    List<byte[]> p = path(12, leaves, 0, 13);
    byte[] leaf = MerkleInclusion.leafHash(leaves.get(12));
    // the last leaf of 13 has a shorter path than leaf 12 of a tree of 16
    assertThat(MerkleInclusion.rootFromProof(12, 16, leaf, p)).isNull();
    byte[] other = MerkleInclusion.rootFromProof(11, 13, leaf, p);
    assertThat(other == null || !java.util.Arrays.equals(other, root)).isTrue();
    assertThat(MerkleInclusion.rootFromProof(13, 13, leaf, p)).isNull();
    assertThat(MerkleInclusion.rootFromProof(-1, 13, leaf, p)).isNull();
    assertThat(MerkleInclusion.rootFromProof(0, 0, leaf, List.of())).isNull();
  }

  @Test
  void tooManyOrTooFewHashesAreRejected() {
    List<byte[]> leaves = leaves(8);
    byte[] root = mth(leaves, 0, 8);
    byte[] leaf = MerkleInclusion.leafHash(leaves.get(3));
    List<byte[]> p = path(3, leaves, 0, 8);
    List<byte[]> longer = new ArrayList<>(p);
    longer.add(new byte[32]);
    assertThat(MerkleInclusion.rootFromProof(3, 8, leaf, longer)).isNull();
    assertThat(MerkleInclusion.rootFromProof(3, 8, leaf, p.subList(0, 2))).isNull();
    assertThat(MerkleInclusion.rootFromProof(3, 8, leaf, p)).isEqualTo(root);
  }

  @Test
  void flippedProofHashChangesTheRoot() {
    List<byte[]> leaves = leaves(21);
    byte[] root = mth(leaves, 0, 21);
    List<byte[]> p = path(17, leaves, 0, 21);
    for (int h = 0; h < p.size(); h++) {
      List<byte[]> bad = new ArrayList<>(p);
      byte[] copy = bad.get(h).clone();
      copy[h % 32] ^= 0x01;
      bad.set(h, copy);
      assertThat(MerkleInclusion.rootFromProof(17, 21, MerkleInclusion.leafHash(leaves.get(17)), bad))
          .as("hash %d flipped", h).isNotEqualTo(root);
    }
  }

  @Test
  void hashOfWrongLengthIsRejected() {
    assertThat(MerkleInclusion.rootFromProof(0, 2, new byte[32], List.of(new byte[31]))).isNull();
  }
}
