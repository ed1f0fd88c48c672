package org.truce.log.merkle.testing;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.truce.log.merkle.MerkleLog;
import org.truce.log.merkle.tiles.FileTileStore;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.log.merkle.tiles.TileStore;
import org.truce.log.testing.ChildMain;

/**
 * Child process for the Merkle log's SIGKILL test: appends numbered entries from several virtual
 * threads until killed, printing {@code "<index> <number>"} for every acknowledged append and
 * {@code "checkpoint <base64 note>"} for every checkpoint once its publish returned (so it is
 * durable).
 *
 * <p>Arguments: data directory, first entry number, thread count, fencing token. It ends by itself
 * when the test goes away ({@link ChildMain}).
 */
public final class CrashingMerkleAppender {
    private CrashingMerkleAppender() {}

    public static void main(String[] args) throws Exception {
        LogDirectory directory = new LogDirectory(Path.of(args[0]));
        AtomicLong nextNumber = new AtomicLong(Long.parseLong(args[1]));
        int threads = Integer.parseInt(args[2]);
        long fencingToken = Long.parseLong(args[3]);
        ChildMain.run(out -> {
            TileStore store = new Announcing(FileTileStore.open(directory.tiles()), out);
            MerkleLog log = MerkleLog.open(org.truce.log.file.FileRecordLog.open(directory.sequence()), store,
                    directory.keys().signer(), fencingToken,
                    new MerkleLog.Settings(Duration.ofMillis(5), Duration.ofMillis(20), 16));
            for (int t = 0; t < threads; t++) {
                Thread.ofVirtual().start(() -> {
                    while (true) {
                        long n = nextNumber.getAndIncrement();
                        long index = log.append(TestEntries.entry(n));
                        out.println(index + " " + n); // println is one synchronized write: lines never interleave
                    }
                });
            }
        });
    }

    /** Prints each checkpoint after the store has durably published it. */
    private static final class Announcing implements TileStore {
        private final TileStore store;
        private final PrintStream out;

        Announcing(TileStore store, PrintStream out) {
            this.store = store;
            this.out = out;
        }

        @Override
        public void publishCheckpoint(long fencingToken, SignedCheckpoint checkpoint) {
            store.publishCheckpoint(fencingToken, checkpoint);
            out.println("checkpoint " + Base64.getEncoder().encodeToString(checkpoint.note()));
        }

        @Override
        public void writeHashTile(int level, long index, int width, byte[] hashes) {
            store.writeHashTile(level, index, width, hashes);
        }

        @Override
        public void writeEntryBundle(long index, int width, byte[] bundle) {
            store.writeEntryBundle(index, width, bundle);
        }

        @Override
        public java.util.Optional<byte[]> readHashTile(int level, long index, int width) {
            return store.readHashTile(level, index, width);
        }

        @Override
        public java.util.Optional<byte[]> readEntryBundle(long index, int width) {
            return store.readEntryBundle(index, width);
        }

        @Override
        public java.util.Optional<SignedCheckpoint> latestCheckpoint() {
            return store.latestCheckpoint();
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
