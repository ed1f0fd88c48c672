package org.truce.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.LogUnavailableException;
import org.truce.log.file.FileRecordLog;
import org.truce.log.merkle.testing.FaultyTileStore;
import org.truce.log.merkle.testing.LogDirectory;
import org.truce.log.merkle.testing.TestEntries;
import org.truce.log.merkle.testing.Verification;
import org.truce.log.merkle.tiles.FileTileStore;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.verify.Hex;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.merkle.MerkleTree;
import org.truce.verify.tiles.EntryBundle;
import org.truce.verify.tiles.TileId;

/**
 * The Merkle log on files: what it publishes is verified by truce-verify with the verifier key,
 * it recovers its right edge across reopens, integrates what a crash left unintegrated, and every
 * checkpoint it ever published is consistent with every other.
 */
class MerkleLogTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private LogDirectory directory() {
        return new LogDirectory(dataDir);
    }

    private static byte[] root(long size) {
        return MerkleTree.root(TestEntries.leafHashes(size));
    }

    private Checkpoint audited(MerkleLog log, long size) throws Exception {
        assertThat(log.awaitIntegrated(size, WAIT)).isTrue();
        SignedCheckpoint published = log.checkpoint().orElseThrow();
        Checkpoint checkpoint = Verification.verifiedCheckpoint(published, directory().keys().verifierKey());
        try (FileTileStore tiles = FileTileStore.open(directory().tiles())) {
            assertThat(Hex.encode(Verification.audit(tiles, checkpoint).tree().root())).isEqualTo(Hex.encode(checkpoint.rootHash()));
        }
        return checkpoint;
    }

    @Test
    void whatTheLogPublishesIsVerifiedByTruceVerify() throws Exception {
        try (MerkleLog log = directory().open(1)) {
            log.appendAll(TestEntries.entries(0, 700));
            Checkpoint checkpoint = audited(log, 700);
            assertThat(checkpoint.size()).isEqualTo(700);
            assertThat(checkpoint.origin()).isEqualTo(LogDirectory.ORIGIN);
            assertThat(Hex.encode(checkpoint.rootHash())).isEqualTo(Hex.encode(root(700)));
            assertThat(log.verifierKey()).isEqualTo(directory().keys().verifierKey());
            for (long index : new long[] {0, 255, 256, 699}) {
                Verification.requireIncluded(log, index, TestEntries.entry(index), log.checkpoint().orElseThrow());
            }
        }
    }

    @Test
    void anEmptyLogPublishesTheEmptyTree() throws Exception {
        try (MerkleLog log = directory().open(1)) {
            Checkpoint checkpoint = audited(log, 0);
            assertThat(Hex.encode(checkpoint.rootHash())).isEqualTo(Hex.encode(Hashes.emptyRoot()));
            assertThat(log.integratedSize()).isZero();
        }
    }

    @Test
    void reopeningRecoversTheRightEdgeOfThreeTileLevelsAndContinues() throws Exception {
        long first = 65_536 + 256 + 7; // partial tiles at levels 0, 1 and 2
        appendInChunks(first, 1);
        try (MerkleLog log = directory().open(1)) {
            assertThat(log.integratedSize()).isEqualTo(first);
            assertThat(log.tile(2, 0, 1)).isPresent();
            for (long n = first; n < first + 1_000; n += 100) {
                log.appendAll(TestEntries.entries(n, n + 100));
            }
            Checkpoint checkpoint = audited(log, first + 1_000);
            assertThat(Hex.encode(checkpoint.rootHash())).isEqualTo(Hex.encode(root(first + 1_000)));
        }
    }

    private void appendInChunks(long size, long fencingToken) throws Exception {
        try (MerkleLog log = directory().open(fencingToken)) {
            for (long n = 0; n < size; n += 1_000) {
                log.appendAll(TestEntries.entries(n, Math.min(size, n + 1_000)));
            }
            assertThat(log.awaitIntegrated(size, WAIT)).isTrue();
        }
    }

    @Test
    void entriesSequencedButNotIntegratedBeforeACrashAreIntegratedOnOpen() throws Exception {
        try (MerkleLog log = directory().open(1)) {
            log.appendAll(TestEntries.entries(0, 100));
            audited(log, 100);
        }
        // The crash: entries were sequenced (durable) but the process died before integrating them.
        try (FileRecordLog sequencer = FileRecordLog.open(directory().sequence())) {
            sequencer.appendAll(TestEntries.entries(100, 400));
        }
        try (MerkleLog log = directory().open(1)) {
            assertThat(log.integratedSize()).isEqualTo(100);
            Checkpoint checkpoint = audited(log, 400);
            assertThat(Hex.encode(checkpoint.rootHash())).isEqualTo(Hex.encode(root(400)));
        }
    }

    @Test
    void aRoundThatDiedBeforePublishingIsRedoneWithTheSameTiles() throws Exception {
        try (MerkleLog log = directory().open(1)) {
            log.appendAll(TestEntries.entries(0, 200));
            audited(log, 200);
        }
        FaultyTileStore dying = new FaultyTileStore(FileTileStore.open(directory().tiles()));
        try (MerkleLog log = directory().open(dying, 1)) {
            assertThat(log.awaitIntegrated(200, WAIT)).isTrue();
            dying.failNextPublish(new IllegalStateException("the process dies here"));
            log.appendAll(TestEntries.entries(200, 900)); // writes full tiles 0/000..002 and partial ones, then dies
            assertThatThrownBy(() -> log.awaitIntegrated(900, WAIT)).isInstanceOf(IntegrationFailedException.class)
                    .hasRootCauseMessage("the process dies here");
            assertThat(log.integratedSize()).isEqualTo(200);
        }
        try (MerkleLog log = directory().open(1)) {
            Checkpoint checkpoint = audited(log, 900); // the rewritten tiles had the same bytes: no conflict
            assertThat(Hex.encode(checkpoint.rootHash())).isEqualTo(Hex.encode(root(900)));
        }
    }

    @Test
    void everyCheckpointPublishedAcrossReopensIsConsistentWithEveryOther() throws Exception {
        List<SignedCheckpoint> published = new ArrayList<>();
        long size = 0;
        for (int run = 0; run < 4; run++) {
            FaultyTileStore recording = new FaultyTileStore(FileTileStore.open(directory().tiles()));
            try (MerkleLog log = directory().open(recording, 1)) {
                for (int batch = 0; batch < 5; batch++) {
                    long more = 1 + (run * 37L + batch * 101L) % 300;
                    log.appendAll(TestEntries.entries(size, size + more));
                    size += more;
                    if (batch % 2 == 0) {
                        assertThat(log.awaitIntegrated(size, WAIT)).isTrue();
                    }
                }
                assertThat(log.awaitIntegrated(size, WAIT)).isTrue();
            }
            published.addAll(recording.published());
        }
        try (FileRecordLog sequencer = FileRecordLog.open(directory().sequence())) {
            sequencer.appendAll(TestEntries.entries(size, size + 10)); // and one crash before integration
            size += 10;
        }
        try (MerkleLog log = directory().open(1)) {
            assertThat(log.awaitIntegrated(size, WAIT)).isTrue();
            published.add(log.checkpoint().orElseThrow());
            assertThat(published).hasSizeGreaterThan(10);
            for (SignedCheckpoint checkpoint : published) {
                Verification.verifiedCheckpoint(checkpoint, log.verifierKey());
                assertThat(Hex.encode(checkpoint.rootHash())).isEqualTo(Hex.encode(root(checkpoint.size())));
            }
            Verification.requirePairwiseConsistent(published, log);
        }
    }

    @Test
    void transientStoreFailuresAreRetriedUntilIntegrationSucceeds() throws Exception {
        FaultyTileStore flaky = new FaultyTileStore(FileTileStore.open(directory().tiles()));
        try (MerkleLog log = directory().open(flaky, 1)) {
            assertThat(log.awaitIntegrated(0, WAIT)).isTrue();
            flaky.failNextWrites(2);
            log.appendAll(TestEntries.entries(0, 600));
            assertThat(log.awaitIntegrated(600, WAIT)).isTrue();
            flaky.failNextPublishAfterStoring(new UncheckedIOException(new IOException("lost the answer")));
            log.appendAll(TestEntries.entries(600, 650));
            assertThat(log.awaitIntegrated(650, WAIT)).isTrue();
            assertThat(log.integrationFailure()).isEmpty();
            audited(log, 650);
        }
    }

    @Test
    void entriesThatABundleCannotHoldAreRefusedBeforeTheyAreSequenced() {
        try (MerkleLog log = directory().open(1)) {
            assertThatThrownBy(() -> log.append(new byte[EntryBundle.MAX_ENTRY_SIZE + 1]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
            assertThatThrownBy(() -> log.appendAll(List.of(new byte[1], new byte[EntryBundle.MAX_ENTRY_SIZE + 1])))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(log.append(new byte[EntryBundle.MAX_ENTRY_SIZE])).isZero();
            assertThat(log.size()).isEqualTo(1);
        }
    }

    @Test
    void anOversizedEntryFoundInTheSequenceStopsIntegrationAndSaysWhy() throws Exception {
        try (FileRecordLog sequencer = FileRecordLog.open(directory().sequence())) {
            sequencer.append(new byte[1]);
            sequencer.append(new byte[EntryBundle.MAX_ENTRY_SIZE + 1]);
        }
        try (MerkleLog log = directory().open(1)) {
            assertThatThrownBy(() -> log.awaitIntegrated(2, WAIT)).isInstanceOf(IntegrationFailedException.class)
                    .hasMessageContaining("entry 1 is 65536 bytes");
            assertThat(log.integrationFailure()).containsInstanceOf(LogIntegrityException.class);
            assertThat(log.append(new byte[1])).as("appends are still sequenced").isEqualTo(2);
        }
    }

    @Test
    void tilesAreServedOnlyOnceACheckpointCoversThem() throws Exception {
        try (MerkleLog log = directory().open(1)) {
            log.appendAll(TestEntries.entries(0, 300));
            assertThat(log.awaitIntegrated(300, WAIT)).isTrue();
            assertThat(log.tile(0, 0, 256)).hasValueSatisfying(t -> assertThat(t).hasSize(256 * 32));
            assertThat(log.tile(0, 1, 44)).isPresent();
            assertThat(log.tile(1, 0, 1)).isPresent();
            assertThat(log.entryBundle(1, 44)).hasValueSatisfying(b -> assertThat(b.length).isGreaterThan(44 * 10));
            assertThat(log.resource(TileId.entries(0, 256))).isPresent();
            assertThat(log.tile(0, 1, 45)).isEmpty();
            assertThat(log.entryBundle(1, 256)).isEmpty();
            assertThat(log.tile(1, 0, 2)).isEmpty();
        }
    }

    @Test
    void aClosedLogRefusesAppendsAndCloseIsIdempotent() {
        MerkleLog log = directory().open(1);
        log.append(new byte[] {1});
        log.close();
        log.close();
        assertThatThrownBy(() -> log.append(new byte[] {2})).isInstanceOf(LogUnavailableException.class);
        try (MerkleLog reopened = directory().open(1)) {
            assertThat(reopened.integratedSize()).as("close integrates what was sequenced").isEqualTo(1);
        }
    }
}
