package org.truce.verify.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.truce.verify.Hex;
import org.truce.verify.VerificationException;
import org.truce.verify.tiles.TileTree;
import org.truce.verify.testing.ReferenceTree;

/** Every precondition is checked before hashing, and every failure says what was expected and what was found. */
class ProofErrorsTest {
  private final List<byte[]> leaves = leaves(8);
  private final TileTree tree = TileTree.fromLeafHashes(leaves);

  private static List<byte[]> leaves(int count) {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      leaves.add(Hashes.leafHash(new byte[] {(byte) i}));
    }
    return leaves;
  }

  @Test
  void inclusion_proof_of_the_wrong_length_says_how_many_hashes_it_needs() {
    List<byte[]> proof = new ArrayList<>(ProofBuilder.inclusion(5, 8, tree));
    proof.add(leaves.get(0));
    assertThatThrownBy(() -> InclusionProof.verify(5, 8, leaves.get(5), proof, tree.root()))
        .isInstanceOf(ProofException.class)
        .hasMessage("inclusion proof for index 5 in tree of size 8 needs 3 hashes, got 4");
  }

  @Test
  void index_must_be_below_size() {
    assertThatThrownBy(() -> InclusionProof.verify(8, 8, leaves.get(0), List.of(), tree.root()))
        .isInstanceOf(ProofException.class)
        .hasMessage("index 8 is out of range for tree of size 8 (requires index < size)");
    assertThatThrownBy(() -> InclusionProof.verify(-1, 8, leaves.get(0), List.of(), tree.root()))
        .hasMessage("index 18446744073709551615 exceeds 2^63-1");
  }

  @Test
  void hashes_must_be_32_bytes() {
    List<byte[]> proof = new ArrayList<>(ProofBuilder.inclusion(0, 8, tree));
    proof.set(1, new byte[31]);
    assertThatThrownBy(() -> InclusionProof.verify(0, 8, leaves.get(0), proof, tree.root()))
        .hasMessage("proof hash 1 is 31 bytes, want 32");
    assertThatThrownBy(() -> InclusionProof.verify(0, 1, new byte[0], List.of(), tree.root()))
        .hasMessage("leaf hash is 0 bytes, want 32");
    assertThatThrownBy(() -> InclusionProof.verify(0, 1, leaves.get(0), List.of(), new byte[33]))
        .hasMessage("root is 33 bytes, want 32");
  }

  @Test
  void root_mismatch_names_both_roots() {
    byte[] wrong = leaves.get(7);
    assertThatThrownBy(() -> InclusionProof.verify(3, 8, leaves.get(3), ProofBuilder.inclusion(3, 8, tree), wrong))
        .isInstanceOfSatisfying(RootMismatchException.class, e -> {
          assertThat(e.expected()).isEqualTo(wrong);
          assertThat(e.computed()).isEqualTo(tree.root());
        })
        .hasMessage("root mismatch: expected " + Hex.encode(wrong) + ", computed " + Hex.encode(tree.root()));
  }

  @Test
  void root_from_inclusion_proof_is_the_tree_root() throws VerificationException {
    for (int index = 0; index < 8; index++) {
      assertThat(InclusionProof.rootFromProof(index, 8, leaves.get(index), ProofBuilder.inclusion(index, 8, tree)))
          .isEqualTo(ReferenceTree.mth(leaves));
    }
  }

  @Test
  void consistency_sizes_must_be_ordered_and_non_zero() {
    byte[] root = tree.root();
    assertThatThrownBy(() -> ConsistencyProof.verify(5, 3, root, root, List.of()))
        .isInstanceOf(ProofException.class).hasMessage("new tree size 3 is smaller than old tree size 5");
    assertThatThrownBy(() -> ConsistencyProof.verify(0, 3, root, root, List.of()))
        .isInstanceOf(ProofException.class).hasMessage("consistency with an empty old tree (size 0) cannot be proven");
  }

  @Test
  void consistency_proof_of_the_wrong_length_says_how_many_hashes_it_needs() {
    TileTree tree7 = TileTree.fromLeafHashes(leaves.subList(0, 7));
    List<byte[]> proof = ProofBuilder.consistency(3, 7, tree7);
    assertThat(ConsistencyProof.expectedLength(3, 7)).isEqualTo(4);
    assertThatThrownBy(() -> ConsistencyProof.verify(3, 7, tree7.rangeHash(0, 3), tree7.root(), proof.subList(0, 3)))
        .hasMessage("consistency proof from size 3 to size 7 needs 4 hashes, got 3");
    assertThatThrownBy(() -> ConsistencyProof.verify(4, 4, tree.rangeHash(0, 4), tree.rangeHash(0, 4), proof))
        .hasMessage("consistency proof from size 4 to size 4 needs 0 hashes, got 4");
  }

  @Test
  void consistency_with_a_different_old_tree_names_the_old_root() {
    TileTree other = TileTree.fromLeafHashes(leaves(9).subList(1, 9));
    List<byte[]> proof = ProofBuilder.consistency(3, 8, tree);
    byte[] wrongOld = other.rangeHash(0, 3);
    assertThatThrownBy(() -> ConsistencyProof.verify(3, 8, wrongOld, tree.root(), proof))
        .isInstanceOf(RootMismatchException.class)
        .hasMessageStartingWith("old root mismatch: expected " + Hex.encode(wrongOld) + ", computed ");
  }

  @Test
  void new_root_from_consistency_proof_is_the_new_tree_root() throws VerificationException {
    for (int size1 = 1; size1 <= 8; size1++) {
      byte[] root1 = tree.rangeHash(0, size1);
      assertThat(ConsistencyProof.newRootFromProof(size1, 8, root1, ProofBuilder.consistency(size1, 8, tree)))
          .isEqualTo(tree.root());
    }
  }

  @Test
  void compact_range_reports_every_completed_node() {
    CompactRange range = new CompactRange();
    List<String> visited = new ArrayList<>();
    for (byte[] leaf : leaves.subList(0, 4)) {
      range.append(leaf, (level, index, hash) -> visited.add(level + "/" + index));
    }
    assertThat(visited).containsExactly("0/0", "0/1", "1/0", "0/2", "0/3", "1/1", "2/0");
    assertThat(range.size()).isEqualTo(4);
    assertThat(range.root()).isEqualTo(tree.rangeHash(0, 4));
  }
}
