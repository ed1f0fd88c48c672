package org.truce.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.merkle.testing.LogDirectory;
import org.truce.log.merkle.testing.TestEntries;
import org.truce.log.merkle.testing.Verification;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.tiles.DirectoryTileSource;
import org.truce.verify.tiles.EntryMismatchException;
import org.truce.verify.tiles.LogAudit;
import org.truce.verify.tiles.TileFetcher;
import org.truce.verify.tiles.TileMismatchException;

/** Damage to the published files on disk is found by truce-verify's audit of the directory. */
class TamperingTest {
    @TempDir
    Path dataDir;

    private Checkpoint publish(long size) throws Exception {
        LogDirectory directory = new LogDirectory(dataDir);
        try (MerkleLog log = directory.open(1)) {
            log.appendAll(TestEntries.entries(0, size));
            assertThat(log.awaitIntegrated(size, Duration.ofSeconds(10))).isTrue();
            return Verification.verifiedCheckpoint(log.checkpoint().orElseThrow(), log.verifierKey());
        }
    }

    private LogAudit.Result audit(Checkpoint checkpoint) throws Exception {
        return LogAudit.audit(new TileFetcher(new DirectoryTileSource(dataDir.resolve("tiles"))), checkpoint);
    }

    /** Returns the offset in a bundle of the first byte of entry {@code position}'s content. */
    private static int contentOffset(byte[] bundle, int position) {
        int offset = 0;
        for (int i = 0; i < position; i++) {
            offset += 2 + (((bundle[offset] & 0xff) << 8) | (bundle[offset + 1] & 0xff));
        }
        return offset + 2;
    }

    @Test
    void oneAlteredByteOfAnEntryBundleIsFoundAndTheEntryNamed() throws Exception {
        Checkpoint checkpoint = publish(600);
        assertThat(audit(checkpoint).tree().size()).isEqualTo(600);
        Path bundle = dataDir.resolve("tiles/tile/entries/001");
        byte[] bytes = Files.readAllBytes(bundle);
        bytes[contentOffset(bytes, 300 - 256) + 3] ^= 0x20;
        Files.write(bundle, bytes);
        assertThatThrownBy(() -> audit(checkpoint)).isInstanceOfSatisfying(EntryMismatchException.class,
                e -> assertThat(e.index()).isEqualTo(300)).hasMessageContaining("entry 300 does not match its tile");
    }

    @Test
    void anAlteredEntryInThePartialBundleIsFoundToo() throws Exception {
        Checkpoint checkpoint = publish(600);
        Path bundle = dataDir.resolve("tiles/tile/entries/002.p/88");
        byte[] bytes = Files.readAllBytes(bundle);
        bytes[contentOffset(bytes, 87)] ^= 1;
        Files.write(bundle, bytes);
        assertThatThrownBy(() -> audit(checkpoint)).isInstanceOfSatisfying(EntryMismatchException.class,
                e -> assertThat(e.index()).isEqualTo(599));
    }

    @Test
    void anAlteredHigherLevelTileIsFound() throws Exception {
        Checkpoint checkpoint = publish(600);
        Path tile = dataDir.resolve("tiles/tile/1/000.p/2");
        byte[] bytes = Files.readAllBytes(tile);
        bytes[40] ^= 1;
        Files.write(tile, bytes);
        assertThatThrownBy(() -> audit(checkpoint)).isInstanceOf(TileMismatchException.class)
                .hasMessageContaining("tile/1/000.p/2 hash 1 mismatch");
    }
}
