package org.truce.verify.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * ProofBuilder builds inclusion and consistency proofs by the recursive definitions of RFC 6962
 * §2.1.1 (PATH) and §2.1.2 (PROOF), asking a {@link RangeHasher} for each subtree hash. Every
 * subtree it asks for starts at a multiple of a power of two at least as large as the subtree, so
 * a tile-backed hasher can answer from a few perfect nodes.
 */
public final class ProofBuilder {
  private ProofBuilder() {}

  /**
   * Returns PATH(index, D[size]), leaf side first.
   *
   * @throws IllegalArgumentException unless 0 <= index < size
   */
  public static List<byte[]> inclusion(long index, long size, RangeHasher tree) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("index " + index + " is out of range for tree of size " + size);
    }
    List<byte[]> proof = new ArrayList<>();
    path(index, 0, size, tree, proof);
    return proof;
  }

  /**
   * Returns PROOF(size1, D[size2]); empty when the sizes are equal.
   *
   * @throws IllegalArgumentException unless 0 < size1 <= size2
   */
  public static List<byte[]> consistency(long size1, long size2, RangeHasher tree) {
    if (size1 <= 0 || size1 > size2) {
      throw new IllegalArgumentException("need 0 < size1 <= size2, got " + size1 + " and " + size2);
    }
    List<byte[]> proof = new ArrayList<>();
    if (size1 < size2) {
      subproof(size1, 0, size2, true, tree, proof);
    }
    return proof;
  }

  // PATH(m, D[start:end]), with m an absolute index; appends bottom-up.
  private static void path(long index, long start, long end, RangeHasher tree, List<byte[]> out) {
    if (end - start == 1) {
      return;
    }
    long split = start + largestPowerOfTwoBelow(end - start);
    if (index < split) {
      path(index, start, split, tree, out);
      out.add(tree.rangeHash(split, end));
    } else {
      path(index, split, end, tree, out);
      out.add(tree.rangeHash(start, split));
    }
  }

  // SUBPROOF(m, D[start:end], complete), with m the absolute size of the old tree.
  private static void subproof(long oldSize, long start, long end, boolean complete, RangeHasher tree, List<byte[]> out) {
    if (oldSize == end) {
      if (!complete) {
        out.add(tree.rangeHash(start, end));
      }
      return;
    }
    long split = start + largestPowerOfTwoBelow(end - start);
    if (oldSize <= split) {
      subproof(oldSize, start, split, complete, tree, out);
      out.add(tree.rangeHash(split, end));
    } else {
      subproof(oldSize, split, end, false, tree, out);
      out.add(tree.rangeHash(start, split));
    }
  }

  /** Returns the largest power of two strictly less than {@code n}; requires n > 1. */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }
}
