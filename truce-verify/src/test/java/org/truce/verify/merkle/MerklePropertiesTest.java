package org.truce.verify.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.truce.verify.Hex;
import org.truce.verify.tiles.TileTree;
import org.truce.verify.testing.ReferenceTree;

/**
 * Property tests: trees of random sizes up to 10,000 leaves, built by the naive recursive
 * {@link ReferenceTree}, must agree with the verifier and the proof builder, and any corruption of
 * one hash, the index or a size must make verification fail.
 *
 * <p>One exception is inherent to RFC 9162 and is asserted rather than hidden: an inclusion or
 * consistency proof does not bind the tree size beyond its "shape" (how many hashes are chained
 * on which side). Two sizes with the same shape compute the same root from the same proof, so a
 * wrong size of the same shape is accepted against the same root. The size is bound by the
 * signed checkpoint, not by the proof. The properties check that every wrong size with a
 * different shape is rejected, and that same-shape sizes really do behave identically.
 */
class MerklePropertiesTest {
  private static final int MAX_SIZE = 10_000;
  private static final int EXAMPLES = 40;
  private static final List<byte[]> LEAVES = leaves(MAX_SIZE);

  private static List<byte[]> leaves(int count) {
    List<byte[]> leaves = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      leaves.add(ReferenceTree.leaf(ByteBuffer.allocate(12).putInt(0x7472).putLong(i).array()));
    }
    return leaves;
  }

  private static List<byte[]> tree(int size) {
    return LEAVES.subList(0, size);
  }

  @Test
  void root_agrees_with_the_reference_tree() {
    qt().withExamples(EXAMPLES).forAll(integers().between(0, MAX_SIZE)).checkAssert(size -> {
      byte[] expected = ReferenceTree.mth(tree(size));
      assertThat(Hex.encode(MerkleTree.root(tree(size)))).isEqualTo(Hex.encode(expected));
      assertThat(Hex.encode(TileTree.fromLeafHashes(tree(size)).root())).isEqualTo(Hex.encode(expected));
    });
  }

  @Test
  void reference_inclusion_proofs_verify_and_are_built_identically() {
    qt().withExamples(EXAMPLES).forAll(integers().between(1, MAX_SIZE), integers().allPositive()).checkAssert((size, pick) -> {
      int index = pick % size;
      List<byte[]> proof = ReferenceTree.path(index, tree(size));
      byte[] root = ReferenceTree.mth(tree(size));
      assertThat(verifiesInclusion(index, size, LEAVES.get(index), proof, root)).isTrue();
      assertThat(ProofBuilder.inclusion(index, size, TileTree.fromLeafHashes(tree(size))))
          .extracting(Hex::encode).containsExactlyElementsOf(hex(proof));
    });
  }

  @Test
  void reference_consistency_proofs_verify_and_are_built_identically() {
    qt().withExamples(EXAMPLES).forAll(integers().between(1, MAX_SIZE), integers().allPositive()).checkAssert((size2, pick) -> {
      int size1 = 1 + pick % size2;
      List<byte[]> proof = ReferenceTree.proof(size1, tree(size2));
      byte[] root1 = ReferenceTree.mth(tree(size1));
      byte[] root2 = ReferenceTree.mth(tree(size2));
      assertThat(verifiesConsistency(size1, size2, root1, root2, proof)).isTrue();
      assertThat(ProofBuilder.consistency(size1, size2, TileTree.fromLeafHashes(tree(size2))))
          .extracting(Hex::encode).containsExactlyElementsOf(hex(proof));
    });
  }

  @Test
  void any_corrupted_hash_fails_inclusion() {
    qt().withExamples(EXAMPLES).forAll(integers().between(1, MAX_SIZE), integers().allPositive(), integers().allPositive())
        .checkAssert((size, pick, corruption) -> {
          int index = pick % size;
          List<byte[]> proof = ReferenceTree.path(index, tree(size));
          byte[] root = ReferenceTree.mth(tree(size));
          byte[] leaf = LEAVES.get(index);
          int target = corruption % (proof.size() + 2); // a proof hash, the leaf, or the root
          int bit = (corruption / 7) % 256;
          if (target < proof.size()) {
            proof = new ArrayList<>(proof);
            proof.set(target, flip(proof.get(target), bit));
          } else if (target == proof.size()) {
            leaf = flip(leaf, bit);
          } else {
            root = flip(root, bit);
          }
          assertThat(verifiesInclusion(index, size, leaf, proof, root)).isFalse();
        });
  }

  @Test
  void any_corrupted_hash_fails_consistency() {
    qt().withExamples(EXAMPLES).forAll(integers().between(2, MAX_SIZE), integers().allPositive(), integers().allPositive())
        .checkAssert((size2, pick, corruption) -> {
          int size1 = 1 + pick % (size2 - 1); // size1 < size2, so the proof is not empty
          List<byte[]> proof = new ArrayList<>(ReferenceTree.proof(size1, tree(size2)));
          byte[] root1 = ReferenceTree.mth(tree(size1));
          byte[] root2 = ReferenceTree.mth(tree(size2));
          int target = corruption % (proof.size() + 2);
          int bit = (corruption / 7) % 256;
          if (target < proof.size()) {
            proof.set(target, flip(proof.get(target), bit));
          } else if (target == proof.size()) {
            root1 = flip(root1, bit);
          } else {
            root2 = flip(root2, bit);
          }
          assertThat(verifiesConsistency(size1, size2, root1, root2, proof)).isFalse();
        });
  }

  @Test
  void a_wrong_index_fails_inclusion() {
    qt().withExamples(EXAMPLES).forAll(integers().between(2, MAX_SIZE), integers().allPositive(), integers().allPositive())
        .checkAssert((size, pick, offset) -> {
          int index = pick % size;
          int wrong = (index + 1 + offset % (size - 1)) % size; // any other index in range
          List<byte[]> proof = ReferenceTree.path(index, tree(size));
          byte[] root = ReferenceTree.mth(tree(size));
          assertThat(wrong).isNotEqualTo(index);
          assertThat(verifiesInclusion(wrong, size, LEAVES.get(index), proof, root)).isFalse();
        });
  }

  @Test
  void a_wrong_size_fails_inclusion_unless_it_has_the_same_shape() {
    qt().withExamples(EXAMPLES).forAll(integers().between(1, MAX_SIZE), integers().allPositive(), integers().between(1, 2 * MAX_SIZE))
        .checkAssert((size, pick, other) -> {
          int index = pick % size;
          int wrong = other == size ? size + 1 : other;
          List<byte[]> proof = ReferenceTree.path(index, tree(size));
          byte[] root = ReferenceTree.mth(tree(size));
          boolean sameShape = wrong > index && inclusionShape(index, wrong) == inclusionShape(index, size);
          assertThat(verifiesInclusion(index, wrong, LEAVES.get(index), proof, root)).isEqualTo(sameShape);
        });
  }

  @Test
  void wrong_sizes_fail_consistency_unless_they_have_the_same_shape() {
    qt().withExamples(EXAMPLES).forAll(integers().between(2, MAX_SIZE), integers().allPositive(), integers().between(1, 2 * MAX_SIZE), integers().between(0, 1))
        .checkAssert((size2, pick, other, which) -> {
          int size1 = 1 + pick % (size2 - 1);
          List<byte[]> proof = ReferenceTree.proof(size1, tree(size2));
          byte[] root1 = ReferenceTree.mth(tree(size1));
          byte[] root2 = ReferenceTree.mth(tree(size2));
          long wrong1 = which == 0 ? (other == size1 ? size1 + 1 : other) : size1;
          long wrong2 = which == 1 ? (other == size2 ? size2 + 1 : other) : size2;
          boolean sameShape = 0 < wrong1 && wrong1 < wrong2 && consistencyShape(wrong1, wrong2).equals(consistencyShape(size1, size2));
          assertThat(verifiesConsistency(wrong1, wrong2, root1, root2, proof)).isEqualTo(sameShape);
        });
  }

  /** What the verifier's computation depends on, for inclusion: (inner, border). */
  private static long inclusionShape(long index, long size) {
    int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    return ((long) inner << 32) | Long.bitCount(index >>> inner);
  }

  /** For consistency: whether the old root seeds the chain, inner, border and the used mask bits. */
  private static List<Long> consistencyShape(long size1, long size2) {
    int shift = Long.numberOfTrailingZeros(size1);
    int fullInner = 64 - Long.numberOfLeadingZeros((size1 - 1) ^ (size2 - 1));
    int inner = fullInner - shift;
    long mask = ((size1 - 1) >>> shift) & ((1L << inner) - 1);
    return List.of(size1 == 1L << shift ? 1L : 0L, (long) inner, (long) Long.bitCount((size1 - 1) >>> fullInner), mask);
  }

  private static boolean verifiesInclusion(long index, long size, byte[] leaf, List<byte[]> proof, byte[] root) {
    return !MerkleProbesTest.fails(() -> InclusionProof.verify(index, size, leaf, proof, root));
  }

  private static boolean verifiesConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
    return !MerkleProbesTest.fails(() -> ConsistencyProof.verify(size1, size2, root1, root2, proof));
  }

  private static byte[] flip(byte[] hash, int bit) {
    byte[] copy = hash.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }

  private static List<String> hex(List<byte[]> hashes) {
    List<String> out = new ArrayList<>();
    for (byte[] hash : hashes) {
      out.add(Hex.encode(hash));
    }
    return out;
  }
}
