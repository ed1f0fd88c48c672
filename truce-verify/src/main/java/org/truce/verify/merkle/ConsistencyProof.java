package org.truce.verify.merkle;

import java.util.List;

/**
 * ConsistencyProof verifies RFC 9162 §2.1.4.2 consistency proofs: that the tree of {@code size1}
 * leaves with root {@code root1} is a prefix of the tree of {@code size2} leaves with root {@code
 * root2}.
 *
 * <p>Edge cases follow transparency-dev/merkle, whose probes encode them:
 *
 * <ul>
 *   <li>{@code size1 == 0} is always an error: a proof cannot show anything about an empty tree.
 *       Protocols that treat "old size 0" as trivially consistent (tlog-witness) must handle it
 *       before calling this class.
 *   <li>{@code size1 == size2} needs an empty proof and equal roots.
 *   <li>{@code size1 > size2} is an error.
 * </ul>
 */
public final class ConsistencyProof {
  private ConsistencyProof() {}

  /**
   * Checks the consistency proof between the two trees. Requires 0 < size1 <= size2, 32-byte
   * roots and exactly {@link #expectedLength} proof hashes.
   *
   * @throws ProofException if a precondition fails
   * @throws RootMismatchException if the proof does not lead to both roots
   */
  public static void verify(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof)
      throws ProofException, RootMismatchException {
    Checks.requireHash("new root", root2);
    byte[] computed = newRootFromProof(size1, size2, root1, proof);
    if (!Checks.equal(root2, computed)) {
      throw new RootMismatchException("new root", root2, computed);
    }
  }

  /**
   * Checks that the proof reproduces {@code root1} and returns the root of the tree of {@code
   * size2} leaves that it implies. Requires 0 < size1 <= size2.
   *
   * @throws ProofException if a precondition fails
   * @throws RootMismatchException if the proof does not lead to {@code root1}
   */
  public static byte[] newRootFromProof(long size1, long size2, byte[] root1, List<byte[]> proof)
      throws ProofException, RootMismatchException {
    requireSizes(size1, size2);
    Checks.requireHash("old root", root1);
    int want = expectedLength(size1, size2);
    if (proof.size() != want) {
      throw new ProofException(String.format(
          "consistency proof from size %d to size %d needs %d hashes, got %d",
          size1, size2, want, proof.size()));
    }
    Checks.requireHashes(proof);
    return size1 == size2 ? sameSize(root1) : chain(size1, size2, root1, proof);
  }

  /**
   * Returns the number of hashes in the consistency proof between the sizes. Requires 0 < size1
   * <= size2.
   */
  public static int expectedLength(long size1, long size2) {
    if (size1 == size2) {
      return 0;
    }
    int shift = Long.numberOfTrailingZeros(size1);
    int inner = InclusionProof.innerLength(size1 - 1, size2) - shift;
    int border = Long.bitCount((size1 - 1) >>> InclusionProof.innerLength(size1 - 1, size2));
    // The proof starts with the root of the largest perfect subtree of the old tree that is on
    // the path, unless that subtree is the whole old tree, whose root the verifier already has.
    int seed = size1 == 1L << shift ? 0 : 1;
    return seed + inner + border;
  }

  private static byte[] sameSize(byte[] root1) {
    return root1.clone();
  }

  private static byte[] chain(long size1, long size2, byte[] root1, List<byte[]> proof)
      throws RootMismatchException {
    int shift = Long.numberOfTrailingZeros(size1);
    int inner = InclusionProof.innerLength(size1 - 1, size2) - shift;
    boolean oldTreeIsPerfect = size1 == 1L << shift;
    byte[] seed = oldTreeIsPerfect ? root1 : proof.get(0);
    List<byte[]> rest = proof.subList(oldTreeIsPerfect ? 0 : 1, proof.size());
    List<byte[]> innerPart = rest.subList(0, inner);
    List<byte[]> borderPart = rest.subList(inner, rest.size());
    long mask = (size1 - 1) >>> shift;
    byte[] hash1 = InclusionProof.chainBorderRight(InclusionProof.chainInnerRight(seed, innerPart, mask), borderPart);
    if (!Checks.equal(root1, hash1)) {
      throw new RootMismatchException("old root", root1, hash1);
    }
    return InclusionProof.chainBorderRight(InclusionProof.chainInner(seed, innerPart, mask), borderPart);
  }

  private static void requireSizes(long size1, long size2) throws ProofException {
    Checks.requireSize("old tree size", size1);
    Checks.requireSize("new tree size", size2);
    if (size2 < size1) {
      throw new ProofException("new tree size " + size2 + " is smaller than old tree size " + size1);
    }
    if (size1 == 0) {
      throw new ProofException("consistency with an empty old tree (size 0) cannot be proven");
    }
  }
}
