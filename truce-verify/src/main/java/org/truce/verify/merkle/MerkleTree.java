package org.truce.verify.merkle;

import java.util.List;

/** MerkleTree computes RFC 9162 tree hashes from lists of leaf hashes. */
public final class MerkleTree {
  private MerkleTree() {}

  /**
   * Returns MTH(D[n]) for the leaves whose hashes are given, in order.
   *
   * @throws IllegalArgumentException if a leaf hash is not 32 bytes
   */
  public static byte[] root(List<byte[]> leafHashes) {
    CompactRange range = new CompactRange();
    for (byte[] leafHash : leafHashes) {
      range.append(leafHash);
    }
    return range.root();
  }

  /** Returns the root of the perfect subtree over exactly 2^k leaf hashes, hashing pairwise. */
  public static byte[] perfectRoot(List<byte[]> leafHashes) {
    int count = leafHashes.size();
    if (count == 0 || Integer.bitCount(count) != 1) {
      throw new IllegalArgumentException("a perfect subtree needs 2^k leaves, got " + count);
    }
    return root(leafHashes);
  }
}
