package org.truce.log.merkle.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on files, and the file layout itself. */
class FileTileStoreTest extends TileStoreContract {
    @TempDir
    Path directory;

    @Override
    TileStore openStore() {
        return FileTileStore.open(directory.resolve("log"));
    }

    @Override
    TileStore openSameStoreAgain() {
        return FileTileStore.open(directory.resolve("log"));
    }

    @Test
    void filesFollowTheTlogTilesLayout() throws Exception {
        store.writeHashTile(0, 1_234_067, 7, hashes(7, 1));
        store.writeHashTile(1, 5, 256, hashes(256, 1));
        store.writeEntryBundle(1000, 3, new byte[] {0, 1, 1});
        store.publishCheckpoint(1, checkpoint(10, 1));
        Path log = directory.resolve("log");
        assertThat(log.resolve("tile/0/x001/x234/067.p/7")).isRegularFile();
        assertThat(log.resolve("tile/1/005")).isRegularFile();
        assertThat(log.resolve("tile/entries/x001/000.p/3")).isRegularFile();
        assertThat(Files.readAllBytes(log.resolve("checkpoint"))).isEqualTo(checkpoint(10, 1).note());
        assertThat(Files.readString(log.resolve("fencing-token"), StandardCharsets.US_ASCII)).isEqualTo("1\n");
        assertThat(log.resolve(".tmp")).isEmptyDirectory();
    }

    @Test
    void temporaryFilesLeftByACrashAreRemovedOnOpen() throws Exception {
        Path leftover = directory.resolve("log/.tmp/write-123.tmp");
        Files.write(leftover, new byte[] {1, 2, 3});
        try (TileStore reopened = openSameStoreAgain()) {
            assertThat(leftover).doesNotExist();
            assertThat(reopened.latestCheckpoint()).isEmpty();
        }
    }

    @Test
    void aDamagedCheckpointOrTokenFileIsReportedAsCorruption() throws Exception {
        Path log = directory.resolve("log");
        Files.writeString(log.resolve("checkpoint"), "not a note");
        assertThatThrownBy(() -> store.latestCheckpoint()).isInstanceOf(CorruptedStoreException.class)
                .hasMessageContaining("is not a signed checkpoint");
        Files.delete(log.resolve("checkpoint"));
        Files.writeString(log.resolve("fencing-token"), "seven\n");
        assertThatThrownBy(() -> store.publishCheckpoint(1, checkpoint(1, 1))).isInstanceOf(CorruptedStoreException.class)
                .hasMessageContaining("fencing token");
    }

    @Test
    void aClosedStoreRefusesCalls() {
        store.close();
        assertThatThrownBy(() -> store.readHashTile(0, 0, 1)).isInstanceOf(IllegalStateException.class);
    }
}
