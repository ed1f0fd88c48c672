package org.truce.log.merkle.testing;

import java.nio.file.Path;
import java.time.Duration;
import org.truce.log.file.FileRecordLog;
import org.truce.log.merkle.MerkleLog;
import org.truce.log.merkle.sign.SigningKeys;
import org.truce.log.merkle.tiles.FileTileStore;
import org.truce.log.merkle.tiles.TileStore;

/**
 * A log kept in one data directory as Truce's embedded store would keep it: the sequence in {@code
 * sequence/}, the tiles in {@code tiles/}, the key in the directory itself.
 */
public final class LogDirectory {
    /** Rounds as fast as they can go, polling often: tests wait on integration. */
    public static final MerkleLog.Settings FAST = new MerkleLog.Settings(Duration.ZERO, Duration.ofMillis(20), 64);
    public static final String ORIGIN = "test.example/log";

    private final Path dataDir;

    public LogDirectory(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path sequence() {
        return dataDir.resolve("sequence");
    }

    public Path tiles() {
        return dataDir.resolve("tiles");
    }

    public SigningKeys keys() {
        return SigningKeys.loadOrCreate(dataDir, ORIGIN);
    }

    public MerkleLog open(long fencingToken) {
        return open(FileTileStore.open(tiles()), fencingToken);
    }

    /** Opens the log over {@code store}, which must be (or wrap) the store in {@link #tiles()}. */
    public MerkleLog open(TileStore store, long fencingToken) {
        FileRecordLog sequencer = FileRecordLog.open(sequence());
        try {
            return MerkleLog.open(sequencer, store, keys().signer(), fencingToken, FAST);
        } catch (RuntimeException e) {
            sequencer.close(); // open failed: the sequencer and the store are still ours
            store.close();
            throw e;
        }
    }
}
