package org.truce.verify.merkle;

/**
 * A RangeHasher gives MTH(D[start:end]), the root of the leaves with indexes in [start, end), of
 * one particular tree. {@link ProofBuilder} builds proofs from it.
 */
@FunctionalInterface
public interface RangeHasher {
  /** Returns MTH(D[start:end]); requires 0 <= start < end <= the tree's size. */
  byte[] rangeHash(long start, long end);
}
