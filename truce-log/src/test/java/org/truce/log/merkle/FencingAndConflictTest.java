package org.truce.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.merkle.sign.CheckpointSigner;
import org.truce.log.merkle.sign.SigningKeys;
import org.truce.log.merkle.testing.FaultyTileStore;
import org.truce.log.merkle.testing.LogDirectory;
import org.truce.log.merkle.testing.MemoryRecordLog;
import org.truce.log.merkle.testing.MemoryTileStore;
import org.truce.log.merkle.testing.TestEntries;
import org.truce.log.merkle.tiles.CheckpointConflictException;
import org.truce.log.merkle.tiles.FileTileStore;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.log.merkle.tiles.StaleFencingTokenException;
import org.truce.verify.merkle.MerkleTree;
import org.truce.verify.tiles.TileId;

/**
 * The log never signs a checkpoint inconsistent with one it signed before: a stale sequencer is
 * fenced out, a stored checkpoint that changed under the integrator or does not match the tiles
 * stops it, and an open refuses state that is not this log's.
 */
class FencingAndConflictTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final CheckpointSigner SIGNER = SigningKeys.generate(LogDirectory.ORIGIN).signer();
    /** A sequencer that only integrates when woken by its own appends (or at close). */
    private static final MerkleLog.Settings NO_POLLING = LogDirectory.FAST.withPollInterval(Duration.ofHours(1));

    @TempDir
    Path directory;

    @Test
    void aStaleSequencerCannotPublishOnceANewerOneHasClaimedTheStore() throws Exception {
        MemoryRecordLog sequence = new MemoryRecordLog();
        Path tiles = directory.resolve("tiles");
        try (MerkleLog stale = MerkleLog.open(sequence, FileTileStore.open(tiles), SIGNER, 1, LogDirectory.FAST)) {
            stale.appendAll(TestEntries.entries(0, 10));
            assertThat(stale.awaitIntegrated(10, WAIT)).isTrue();
            try (MerkleLog current = MerkleLog.open(sequence, FileTileStore.open(tiles), SIGNER, 2, NO_POLLING)) {
                awaitFencingToken(tiles, 2); // the new sequencer's first round claims the store
                stale.append(TestEntries.entry(10));
                assertThatThrownBy(() -> stale.awaitIntegrated(11, WAIT)).isInstanceOf(IntegrationFailedException.class)
                        .hasCauseInstanceOf(StaleFencingTokenException.class);
                current.append(TestEntries.entry(11));
                assertThat(current.awaitIntegrated(12, WAIT)).isTrue();
                assertThat(current.checkpoint().orElseThrow().rootHash()).isEqualTo(MerkleTree.root(TestEntries.leafHashes(12)));
            }
        }
    }

    private static void awaitFencingToken(Path tiles, long token) throws Exception {
        Path file = tiles.resolve(FileTileStore.FENCING_TOKEN_FILE);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!(Files.exists(file) && Files.readString(file, StandardCharsets.US_ASCII).equals(token + "\n"))) {
            assertThat(System.nanoTime()).as("token %d stored in time", token).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void aSequencerOpenedWithAnOlderTokenStopsAtItsFirstPublish() throws Exception {
        LogDirectory log = new LogDirectory(directory);
        try (MerkleLog current = log.open(5)) {
            current.appendAll(TestEntries.entries(0, 20));
            assertThat(current.awaitIntegrated(20, WAIT)).isTrue();
        }
        try (MerkleLog stale = log.open(4)) {
            stale.append(TestEntries.entry(20));
            assertThatThrownBy(() -> stale.awaitIntegrated(21, WAIT)).isInstanceOf(IntegrationFailedException.class)
                    .hasMessageContaining("fencing token 4 is stale");
            assertThat(stale.integratedSize()).isEqualTo(20);
        }
    }

    @Test
    void aCheckpointPublishedBehindTheIntegratorsBackStopsItWithoutSigning() throws Exception {
        MemoryRecordLog sequence = new MemoryRecordLog();
        FaultyTileStore store = new FaultyTileStore(new MemoryTileStore());
        try (MerkleLog log = MerkleLog.open(sequence, store, SIGNER, 1, NO_POLLING)) {
            log.appendAll(TestEntries.entries(0, 30));
            assertThat(log.awaitIntegrated(30, WAIT)).isTrue();
            // someone holding the key publishes a tree of 40 that forks from this one
            byte[] forkedRoot = MerkleTree.root(TestEntries.leafHashes(41).subList(1, 41));
            store.publishCheckpoint(1, SignedCheckpoint.parse(SIGNER.sign(40, forkedRoot)));
            log.appendAll(TestEntries.entries(30, 50));
            assertThatThrownBy(() -> log.awaitIntegrated(50, WAIT)).isInstanceOf(IntegrationFailedException.class)
                    .hasCauseInstanceOf(CheckpointConflictException.class)
                    .hasMessageContaining("changed under this sequencer");
        }
        assertThat(store.published()).extracting(SignedCheckpoint::size).doesNotContain(50L);
    }

    @Test
    void tilesThatDoNotGiveTheInMemoryRootStopTheIntegratorBeforeItSigns() throws Exception {
        FaultyTileStore store = new FaultyTileStore(new MemoryTileStore());
        try (MerkleLog log = MerkleLog.open(new MemoryRecordLog(), store, SIGNER, 1, NO_POLLING)) {
            log.appendAll(TestEntries.entries(0, 100));
            assertThat(log.awaitIntegrated(100, WAIT)).isTrue();
            store.corruptNextHashTileWrite();
            log.appendAll(TestEntries.entries(100, 300));
            assertThatThrownBy(() -> log.awaitIntegrated(300, WAIT)).isInstanceOf(IntegrationFailedException.class)
                    .hasCauseInstanceOf(LogIntegrityException.class);
            assertThat(store.latestCheckpoint().orElseThrow().size()).isEqualTo(100);
        }
    }

    @Test
    void openRefusesACheckpointThatIsNotSignedByThisLogsKey() {
        MemoryTileStore store = new MemoryTileStore();
        MemoryRecordLog sequence = new MemoryRecordLog();
        try (MerkleLog log = MerkleLog.open(sequence, store, SIGNER, 1, LogDirectory.FAST)) {
            log.append(TestEntries.entry(0));
        }
        CheckpointSigner otherKey = SigningKeys.generate(LogDirectory.ORIGIN).signer();
        assertThatThrownBy(() -> MerkleLog.open(sequence, store, otherKey, 2, LogDirectory.FAST))
                .isInstanceOf(LogIntegrityException.class).hasMessageContaining("not a checkpoint of this log");
        CheckpointSigner otherOrigin = SigningKeys.generate("other.example/log").signer();
        assertThatThrownBy(() -> MerkleLog.open(sequence, store, otherOrigin, 2, LogDirectory.FAST))
                .isInstanceOf(LogIntegrityException.class);
    }

    @Test
    void openRefusesASequenceShorterThanTheCheckpointOrDifferentFromItsTiles() {
        MemoryTileStore store = new MemoryTileStore();
        try (MerkleLog log = MerkleLog.open(new MemoryRecordLog(), store, SIGNER, 1, LogDirectory.FAST)) {
            log.appendAll(TestEntries.entries(0, 300));
        }
        MemoryRecordLog shorter = new MemoryRecordLog();
        shorter.appendAll(TestEntries.entries(0, 299));
        assertThatThrownBy(() -> MerkleLog.open(shorter, store, SIGNER, 1, LogDirectory.FAST))
                .isInstanceOf(LogIntegrityException.class).hasMessageContaining("holds 299 entries");
        MemoryRecordLog different = new MemoryRecordLog();
        different.appendAll(TestEntries.entries(0, 299));
        different.append(TestEntries.entry(1_000));
        assertThatThrownBy(() -> MerkleLog.open(different, store, SIGNER, 1, LogDirectory.FAST))
                .isInstanceOf(LogIntegrityException.class).hasMessageContaining("entry 299 of the sequenced log");
    }

    @Test
    void openRefusesPartialTilesThatDoNotGiveTheCheckpointsRoot() {
        MemoryTileStore store = new MemoryTileStore();
        MemoryRecordLog sequence = new MemoryRecordLog();
        try (MerkleLog log = MerkleLog.open(sequence, store, SIGNER, 1, LogDirectory.FAST)) {
            log.appendAll(TestEntries.entries(0, 300));
        }
        byte[] tile = store.readHashTile(1, 0, 1).orElseThrow();
        tile[0] ^= 1;
        store.tamper(TileId.hashes(1, 0, 1), tile);
        assertThatThrownBy(() -> MerkleLog.open(sequence, store, SIGNER, 1, LogDirectory.FAST))
                .isInstanceOf(LogIntegrityException.class).hasMessageContaining("do not give the root");
    }
}
