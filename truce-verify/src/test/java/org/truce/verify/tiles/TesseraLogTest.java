package org.truce.verify.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.truce.verify.VerificationException;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.checkpoint.CheckpointVerifier;
import org.truce.verify.merkle.ConsistencyProof;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.merkle.InclusionProof;
import org.truce.verify.merkle.MerkleTree;
import org.truce.verify.merkle.ProofBuilder;
import org.truce.verify.note.SignedNote;
import org.truce.verify.note.VerifierKey;
import org.truce.verify.testing.TesseraLog;
import org.truce.verify.testing.TestSigner;
import org.truce.verify.testing.Vectors;

/**
 * The real Tessera test log (tlog/tessera-log): 15 entries, a checkpoint for every size 0..15,
 * partial tiles and bundles. Everything is checked from the published bytes.
 */
class TesseraLogTest {
  private final Path log = Vectors.directory("tessera-log");

  private Checkpoint checkpoint(int size) throws VerificationException {
    return CheckpointVerifier.forLog(VerifierKey.parse(TesseraLog.VKEY)).verify(Vectors.bytes("tessera-log/checkpoint." + size)).checkpoint();
  }

  @Test
  void every_checkpoint_verifies_and_re_signs_byte_for_byte() throws VerificationException {
    TestSigner signer = TestSigner.fromSkey(TesseraLog.SKEY);
    assertThat(signer.noteKey().encode()).isEqualTo(TesseraLog.VKEY);
    for (int size = 0; size <= 15; size++) {
      byte[] note = Vectors.bytes("tessera-log/checkpoint." + size);
      Checkpoint checkpoint = checkpoint(size);
      assertThat(checkpoint.size()).isEqualTo(size);
      assertThat(SignedNote.of(checkpoint.body(), List.of(signer.signNote(checkpoint.body()))).toBytes()).isEqualTo(note);
    }
    assertThat(Vectors.bytes("tessera-log/checkpoint")).isEqualTo(Vectors.bytes("tessera-log/checkpoint.15"));
    assertThat(checkpoint(0).rootHash()).isEqualTo(Hashes.emptyRoot());
  }

  @Test
  void bundles_hold_the_entries_and_tiles_their_leaf_hashes() throws Exception {
    TileFetcher fetcher = new TileFetcher(new DirectoryTileSource(log));
    for (int width = 1; width <= 15; width++) {
      List<byte[]> entries = fetcher.entries(TileId.entries(0, width));
      List<String> text = new ArrayList<>();
      entries.forEach(e -> text.add(new String(e, StandardCharsets.US_ASCII)));
      assertThat(text).containsExactlyElementsOf(TesseraLog.ENTRIES.subList(0, width));
      List<byte[]> hashes = fetcher.hashes(TileId.hashes(0, 0, width));
      for (int i = 0; i < width; i++) {
        assertThat(hashes.get(i)).isEqualTo(Hashes.leafHash(entries.get(i)));
      }
    }
  }

  @Test
  void roots_from_tiles_and_from_entry_bundles_match_every_checkpoint() throws Exception {
    TileFetcher fetcher = new TileFetcher(new DirectoryTileSource(log));
    for (int size = 1; size <= 15; size++) {
      assertThat(TileTree.read(fetcher, size).root()).as("size %d from tiles", size).isEqualTo(checkpoint(size).rootHash());
      List<byte[]> leaves = new ArrayList<>();
      fetcher.entries(TileId.entries(0, size)).forEach(e -> leaves.add(Hashes.leafHash(e)));
      assertThat(MerkleTree.root(leaves)).as("size %d from entries", size).isEqualTo(checkpoint(size).rootHash());
    }
    assertThat(TileTree.read(fetcher, 0).root()).isEqualTo(checkpoint(0).rootHash());
  }

  @Test
  void every_checkpoint_passes_the_full_audit() throws Exception {
    for (int size = 0; size <= 15; size++) {
      LogAudit.Result result = LogAudit.audit(new TileFetcher(new DirectoryTileSource(log)), checkpoint(size));
      assertThat(result.tree().size()).isEqualTo(size);
      assertThat(result.resourcesRead()).isEqualTo(size == 0 ? 0 : 2);
    }
  }

  @Test
  void every_pair_of_checkpoints_is_consistent_and_every_entry_included() throws Exception {
    TileTree tree = TileTree.read(new TileFetcher(new DirectoryTileSource(log)), 15);
    for (int size2 = 1; size2 <= 15; size2++) {
      Checkpoint newer = checkpoint(size2);
      for (int size1 = 1; size1 <= size2; size1++) {
        ConsistencyProof.verify(size1, size2, checkpoint(size1).rootHash(), newer.rootHash(), ProofBuilder.consistency(size1, size2, tree));
      }
      for (int index = 0; index < size2; index++) {
        byte[] leaf = Hashes.leafHash(TesseraLog.ENTRIES.get(index).getBytes(StandardCharsets.US_ASCII));
        InclusionProof.verify(index, size2, leaf, ProofBuilder.inclusion(index, size2, tree), newer.rootHash());
      }
    }
  }
}
