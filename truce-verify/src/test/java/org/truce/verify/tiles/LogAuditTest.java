package org.truce.verify.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.checkpoint.CheckpointVerifier;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.merkle.RootMismatchException;
import org.truce.verify.testing.TestLog;
import org.truce.verify.testing.TestSigner;
import org.truce.verify.testing.ReferenceTree;

/** The audit over logs with several tile levels, full and partial tiles, and planted faults. */
class LogAuditTest {
  private final TestSigner signer = TestSigner.random("test.example/log", 42);

  @TempDir
  Path dir;

  private Checkpoint write(int size) throws Exception {
    byte[] note = TestLog.write(dir, TestLog.entries(size), signer);
    return CheckpointVerifier.forLog(signer.noteKey()).verify(note).checkpoint();
  }

  private LogAudit.Result audit(Checkpoint checkpoint) throws Exception {
    return LogAudit.audit(new TileFetcher(new DirectoryTileSource(dir)), checkpoint);
  }

  @Test
  void a_log_with_a_level_1_tile_audits_and_matches_the_reference_root() throws Exception {
    Checkpoint checkpoint = write(600);
    LogAudit.Result result = audit(checkpoint);
    assertThat(result.resourcesRead()).isEqualTo(3 * 2 + 1); // 3 bundles, 3 level-0 tiles, tile/1/000.p/2
    List<byte[]> leaves = new java.util.ArrayList<>();
    TestLog.entries(600).forEach(e -> leaves.add(ReferenceTree.leaf(e)));
    assertThat(result.tree().root()).isEqualTo(ReferenceTree.mth(leaves));
    assertThat(Files.exists(dir.resolve("tile/1/000.p/2"))).isTrue();
  }

  @Test
  void a_missing_partial_tile_falls_back_to_the_full_tile() throws Exception {
    Checkpoint old = write(300);
    write(512);
    // The log grew to 512 and deleted the partial level-0 tile and bundle of size 300, which it
    // may once the full ones exist; the audit of size 300 then reads the full ones.
    Files.delete(dir.resolve("tile/0/001.p/44"));
    Files.delete(dir.resolve("tile/entries/001.p/44"));
    LogAudit.Result result = audit(old);
    assertThat(result.tree().size()).isEqualTo(300);
    assertThat(result.resourcesRead()).isEqualTo(2 + 2 * 2 + 1); // two tiles read twice (partial, then full)
  }

  @Test
  void an_entry_that_does_not_match_its_tile_is_named() throws Exception {
    Checkpoint checkpoint = write(300);
    Path bundle = dir.resolve("tile/entries/001.p/44");
    byte[] data = Files.readAllBytes(bundle);
    data[data.length - 1] ^= 1; // last byte of the last entry: entry 299
    Files.write(bundle, data);
    assertThatThrownBy(() -> audit(checkpoint))
        .isInstanceOfSatisfying(EntryMismatchException.class, e -> assertThat(e.index()).isEqualTo(299))
        .hasMessageStartingWith("entry 299 does not match its tile: tile/entries/001.p/44 gives leaf hash ");
  }

  @Test
  void a_wrong_higher_level_tile_is_found() throws Exception {
    Checkpoint checkpoint = write(600);
    Path tile = dir.resolve("tile/1/000.p/2");
    byte[] data = Files.readAllBytes(tile);
    data[40] ^= 1; // inside hash 1
    Files.write(tile, data);
    assertThatThrownBy(() -> audit(checkpoint))
        .isInstanceOf(TileMismatchException.class)
        .hasMessageStartingWith("tile tile/1/000.p/2 hash 1 mismatch: computed from entries ");
  }

  @Test
  void a_checkpoint_whose_root_the_entries_do_not_give_is_rejected() throws Exception {
    Checkpoint checkpoint = write(20);
    Checkpoint lying = Checkpoint.of(checkpoint.origin(), 20, Hashes.leafHash(new byte[0]));
    assertThatThrownBy(() -> audit(lying))
        .isInstanceOf(RootMismatchException.class)
        .hasMessageStartingWith("checkpoint root mismatch: expected " + org.truce.verify.Hex.encode(lying.rootHash()));
  }

  @Test
  void malformed_bundles_and_tiles_are_format_errors() throws Exception {
    Checkpoint checkpoint = write(3);
    Files.write(dir.resolve("tile/entries/000.p/3"), new byte[] {0, 5, 'a'});
    assertThatThrownBy(() -> audit(checkpoint))
        .isInstanceOf(TileFormatException.class).hasMessage("tile/entries/000.p/3: entry 0 claims 5 bytes, only 1 remain");
    write(3);
    Files.write(dir.resolve("tile/0/000.p/3"), new byte[95]);
    assertThatThrownBy(() -> audit(checkpoint))
        .isInstanceOf(TileFormatException.class).hasMessage("tile tile/0/000.p/3 is 95 bytes, want 96 (3 hashes)");
  }

  @Test
  void a_missing_tile_is_an_io_error() throws Exception {
    Checkpoint checkpoint = write(3);
    Files.delete(dir.resolve("tile/0/000.p/3"));
    assertThatThrownBy(() -> audit(checkpoint)).isInstanceOf(IOException.class).hasMessage("not found: tile/0/000.p/3 nor tile/0/000");
  }

  @Test
  void bundles_reject_trailing_bytes_and_oversized_entries() {
    byte[] bundle = EntryBundle.encode(List.of(new byte[] {1}, new byte[0]));
    assertThatThrownBy(() -> EntryBundle.parse(TileId.entries(0, 1), bundle))
        .hasMessage("tile/entries/000.p/1: want exactly 1 entries, got 1 and 2 trailing bytes");
    assertThatThrownBy(() -> EntryBundle.encode(List.of(new byte[65536]))).isInstanceOf(IllegalArgumentException.class);
  }
}
