package org.truce.verify.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.truce.verify.Hex;
import org.truce.verify.VerificationException;
import org.truce.verify.testing.Json;
import org.truce.verify.testing.Vectors;

/**
 * Checks hashing against the 8-leaf RFC 6962 reference tree (tlog/rfc6962-reference-tree.json)
 * and proof generation and verification against every proof of that tree
 * (tlog/derived-rfc6962-proofs.json).
 */
class ReferenceVectorsTest {
  private final Json.Node tree = Vectors.json("rfc6962-reference-tree.json");
  private final Json.Node derived = Vectors.json("derived-rfc6962-proofs.json");

  private List<byte[]> leafHashes() {
    List<byte[]> hashes = new ArrayList<>();
    for (String input : tree.get("leaf_inputs_hex").strings()) {
      hashes.add(Hashes.leafHash(Hex.decode(input)));
    }
    return hashes;
  }

  @Test
  void node_hashes_match_at_every_level() {
    List<byte[]> level = leafHashes();
    for (Json.Node expected : tree.get("node_hashes_hex_by_level").list()) {
      assertThat(level).extracting(Hex::encode).containsExactlyElementsOf(expected.strings());
      List<byte[]> above = new ArrayList<>();
      for (int i = 0; i + 1 < level.size(); i += 2) {
        above.add(Hashes.nodeHash(level.get(i), level.get(i + 1)));
      }
      level = above;
    }
  }

  @Test
  void roots_match_for_every_size() {
    List<byte[]> leaves = leafHashes();
    List<String> roots = tree.get("root_hashes_hex_by_tree_size").strings();
    assertThat(roots).hasSize(9);
    for (int size = 0; size <= 8; size++) {
      assertThat(Hex.encode(MerkleTree.root(leaves.subList(0, size)))).as("size %d", size).isEqualTo(roots.get(size));
    }
    assertThat(Hex.encode(Hashes.emptyRoot())).isEqualTo(roots.get(0)).startsWith("e3b0c442");
  }

  @Test
  void extra_record_hash_is_the_leaf_hash_of_hello_world() {
    Json.Node record = tree.get("extra_record_hash");
    byte[] input = record.get("input_utf8").str().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(java.util.Base64.getEncoder().encodeToString(Hashes.leafHash(input)))
        .isEqualTo(record.get("leaf_hash_base64").str());
  }

  @Test
  void every_inclusion_proof_is_generated_byte_for_byte_and_verifies() throws VerificationException {
    List<Json.Node> cases = derived.get("inclusion").list();
    assertThat(cases).hasSize(36);
    for (Json.Node c : cases) {
      long index = c.get("leafIdx").uint64();
      long size = c.get("treeSize").uint64();
      List<byte[]> proof = ProofBuilder.inclusion(index, size, treeOf((int) size));
      assertThat(proof).extracting(Hex::encode).as("PATH(%d, D[%d])", index, size).containsExactlyElementsOf(c.get("proof").strings());
      InclusionProof.verify(index, size, Hex.decode(c.get("leafHash").str()), proof, Hex.decode(c.get("root").str()));
    }
  }

  @Test
  void every_consistency_proof_is_generated_byte_for_byte_and_verifies() throws VerificationException {
    List<Json.Node> cases = derived.get("consistency").list();
    assertThat(cases).hasSize(36);
    for (Json.Node c : cases) {
      long size1 = c.get("size1").uint64();
      long size2 = c.get("size2").uint64();
      List<byte[]> proof = ProofBuilder.consistency(size1, size2, treeOf((int) size2));
      assertThat(proof).extracting(Hex::encode).as("PROOF(%d, D[%d])", size1, size2).containsExactlyElementsOf(c.get("proof").strings());
      ConsistencyProof.verify(size1, size2, Hex.decode(c.get("root1").str()), Hex.decode(c.get("root2").str()), proof);
    }
  }

  @Test
  void rfc6962_example_proof_3_of_7_is_c_d_g_l() {
    // RFC 6962 §2.1.3: leaves d0..d6 under a..f and j; PROOF(3, D[7]) = [c, d, g, l].
    List<byte[]> leaves = leafHashes().subList(0, 7);
    byte[] c = leaves.get(2);
    byte[] d = leaves.get(3);
    byte[] g = Hashes.nodeHash(leaves.get(0), leaves.get(1));
    byte[] l = Hashes.nodeHash(Hashes.nodeHash(leaves.get(4), leaves.get(5)), leaves.get(6));
    assertThat(ProofBuilder.consistency(3, 7, treeOf(7))).extracting(Hex::encode)
        .containsExactly(Hex.encode(c), Hex.encode(d), Hex.encode(g), Hex.encode(l));
  }

  private RangeHasher treeOf(int size) {
    List<byte[]> leaves = leafHashes().subList(0, size);
    return (start, end) -> MerkleTree.root(leaves.subList((int) start, (int) end));
  }
}
