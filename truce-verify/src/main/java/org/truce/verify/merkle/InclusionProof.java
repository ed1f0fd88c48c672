package org.truce.verify.merkle;

import java.util.List;

/**
 * InclusionProof verifies RFC 9162 §2.1.3.2 inclusion proofs (RFC 6962 audit paths): that a
 * leaf hash is at a given index in a tree of a given size and root.
 *
 * <p>The proof is decomposed as transparency-dev/merkle does: the {@code inner} hashes below the
 * point where the paths to the leaf and to the last leaf split, then the {@code border} hashes of
 * the left siblings above it. This lets the exact proof length be checked before any hashing.
 */
public final class InclusionProof {
  private InclusionProof() {}

  /**
   * Checks that {@code proof} proves {@code leafHash} at {@code index} in the tree of {@code size}
   * leaves whose root is {@code root}. Requires 0 <= index < size and exactly {@link
   * #expectedLength} proof hashes of 32 bytes each.
   *
   * @throws ProofException if a precondition fails
   * @throws RootMismatchException if the proof leads to a different root
   */
  public static void verify(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root)
      throws ProofException, RootMismatchException {
    Checks.requireHash("root", root);
    byte[] computed = rootFromProof(index, size, leafHash, proof);
    if (!Checks.equal(root, computed)) {
      throw new RootMismatchException("root", root, computed);
    }
  }

  /**
   * Returns the root of the tree of {@code size} leaves implied by the proof for {@code leafHash}
   * at {@code index}. Requires 0 <= index < size.
   *
   * @throws ProofException if a precondition fails
   */
  public static byte[] rootFromProof(long index, long size, byte[] leafHash, List<byte[]> proof)
      throws ProofException {
    requireIndex(index, size);
    Checks.requireHash("leaf hash", leafHash);
    int want = expectedLength(index, size);
    if (proof.size() != want) {
      throw new ProofException(String.format(
          "inclusion proof for index %d in tree of size %d needs %d hashes, got %d",
          index, size, want, proof.size()));
    }
    Checks.requireHashes(proof);
    int inner = innerLength(index, size);
    byte[] hash = chainInner(leafHash, proof.subList(0, inner), index);
    return chainBorderRight(hash, proof.subList(inner, proof.size()));
  }

  /** Returns the number of hashes in the inclusion proof for {@code index} in a tree of {@code size}. */
  public static int expectedLength(long index, long size) {
    int inner = innerLength(index, size);
    return inner + Long.bitCount(index >>> inner);
  }

  private static void requireIndex(long index, long size) throws ProofException {
    Checks.requireSize("tree size", size);
    Checks.requireSize("index", index);
    if (index >= size) {
      throw new ProofException(
          "index " + index + " is out of range for tree of size " + size + " (requires index < size)");
    }
  }

  /** Height of the subtree where the paths to {@code index} and to the last leaf meet. */
  static int innerLength(long index, long size) {
    return 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
  }

  /** Hashes {@code seed} with the inner proof, the side at each level taken from {@code index}. */
  static byte[] chainInner(byte[] seed, List<byte[]> proof, long index) {
    byte[] hash = seed;
    for (int i = 0; i < proof.size(); i++) {
      hash = ((index >>> i) & 1) == 0 ? Hashes.nodeHash(hash, proof.get(i)) : Hashes.nodeHash(proof.get(i), hash);
    }
    return hash;
  }

  /** Like {@link #chainInner}, but only the left siblings: the old tree has no right ones. */
  static byte[] chainInnerRight(byte[] seed, List<byte[]> proof, long index) {
    byte[] hash = seed;
    for (int i = 0; i < proof.size(); i++) {
      if (((index >>> i) & 1) == 1) {
        hash = Hashes.nodeHash(proof.get(i), hash);
      }
    }
    return hash;
  }

  /** Hashes {@code seed} with border hashes, each of which is a left sibling. */
  static byte[] chainBorderRight(byte[] seed, List<byte[]> proof) {
    byte[] hash = seed;
    for (byte[] sibling : proof) {
      hash = Hashes.nodeHash(sibling, hash);
    }
    return hash;
  }
}
