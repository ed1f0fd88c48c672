package org.truce.log.merkle;

import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.truce.log.LogUnavailableException;
import org.truce.log.RecordLog;
import org.truce.log.merkle.sign.CheckpointSigner;
import org.truce.log.merkle.tiles.CheckpointConflictException;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.log.merkle.tiles.StaleFencingTokenException;
import org.truce.log.merkle.tiles.TileStore;

/**
 * The integrator: the one thread that extends the Merkle tree with sequenced entries, writes the
 * tiles and publishes checkpoints, round after round. The steps of a round and what a crash at each
 * leaves behind are described on {@link MerkleLog}.
 *
 * <p>Failures are of two kinds. An IO failure (of the store or of reading the sequence) is
 * transient: the round's in-memory tree is thrown away, and after a pause (doubling from 100 ms to
 * 5 s) the tree is reloaded from the store by {@link Recovery}, the same code that runs at open,
 * and the round is tried again. Anything else (a conflict with the stored checkpoint, a stale
 * fencing token, a tile that would change, a failed consistency check) means that signing could
 * contradict an earlier checkpoint: the integrator stops for good and the failure is reported
 * through {@link Publication}.
 */
final class Integrator implements Runnable {
    private static final System.Logger LOG = System.getLogger(Integrator.class.getName());
    private static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final RecordLog sequencer;
    private final TileStore store;
    private final CheckpointSigner signer;
    private final long fencingToken;
    private final MerkleLog.Settings settings;
    private final Recovery recovery;
    private final Publication publication;
    private final WakeSignal signal = new WakeSignal();
    /** Held from I5 to I7 of a round, and while {@link #republish} replaces the latest checkpoint. */
    private final ReentrantLock publishing = new ReentrantLock();
    private TreeState tree; // null after a failed round, until reloaded
    private boolean claimed; // whether the stored checkpoint is known to carry this integrator's token
    private long lastRoundNanos;

    Integrator(RecordLog sequencer, TileStore store, CheckpointSigner signer, long fencingToken, MerkleLog.Settings settings,
            Publication publication, TreeState recovered) {
        this.sequencer = sequencer;
        this.store = store;
        this.signer = signer;
        this.fencingToken = fencingToken;
        this.settings = settings;
        this.recovery = new Recovery(store, sequencer, signer);
        this.publication = publication;
        this.tree = recovered;
    }

    /** Tells the integrator that entries were sequenced; never blocks on integration. */
    void wake() {
        signal.signal();
    }

    /** Asks the integrator to run one last round and stop. */
    void stop() {
        signal.stop();
    }

    @Override
    public void run() {
        try {
            loop();
            publication.stopped();
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "the Merkle log integrator stopped; entries are still sequenced, but no"
                    + " further checkpoint will be signed until the log is reopened", t);
            publication.failed(t);
        }
    }

    private void loop() throws InterruptedException {
        int failures = 0;
        while (true) {
            boolean last = signal.stopping();
            try {
                if (tree == null) {
                    reload();
                }
                if (!claimed || sequencer.size() > tree.size()) {
                    round();
                }
                failures = 0;
            } catch (UncheckedIOException | LogUnavailableException e) {
                tree = null;
                if (last) {
                    throw e;
                }
                failures++;
                long pauseNanos = Math.min(MAX_RETRY_NANOS, FIRST_RETRY_NANOS << Math.min(failures - 1, 16));
                LOG.log(System.Logger.Level.WARNING, "integration round failed (failure {0} in a row); reloading from the"
                        + " tile store and retrying in {1} ms", failures, TimeUnit.NANOSECONDS.toMillis(pauseNanos), e);
                signal.pause(pauseNanos);
                continue;
            }
            if (last) {
                return;
            }
            signal.awaitSignal(settings.pollInterval().toNanos());
            signal.pause(lastRoundNanos + settings.roundInterval().toNanos() - System.nanoTime());
        }
    }

    /** Rebuilds the tree from the store after a failed round; the stored checkpoint must extend ours. */
    private void reload() {
        tree = recovery.load(publication.latest());
        claimed = false; // the failed publish may or may not have stored our token: publish again
        tree.checkpoint().filter(c -> c.size() > publication.integratedSize()).ifPresent(publication::published);
    }

    /**
     * One round: integrate every entry sequenced so far, write the tiles, check them, sign and
     * publish. Steps I1 to I7 of {@link MerkleLog}.
     */
    private void round() {
        lastRoundNanos = System.nanoTime();
        Optional<SignedCheckpoint> previous = tree.checkpoint();
        long previousSize = tree.size();
        sequencer.scan(previousSize, (index, entry) -> tree.append(index, entry, store)); // I1
        tree.writePartialTiles(store, previousSize); // I2
        long size = tree.size();
        byte[] root = tree.root();
        StoredTree tiles = new StoredTree(store, TileCache.none(), size); // I3: read back from the store, not a cache
        TreeChecks.requireRoot(tiles, size, root, "the tree computed in memory");
        previous.ifPresent(older -> TreeChecks.requireExtends(tiles, older, size, root));
        SignedCheckpoint next = SignedCheckpoint.parse(signer.sign(size, root)); // I4
        publishing.lock();
        try {
            requireStoredCheckpointIs(previous); // I5
            store.publishCheckpoint(fencingToken, next); // I6
            tree.published(next);
            claimed = true;
            publication.published(next); // I7
        } finally {
            publishing.unlock();
        }
    }

    /**
     * Replaces the latest checkpoint, if it is of {@code treeSize} and the store still holds it, by
     * {@code change} of it, which must be a note of the same tree (the same checkpoint with more
     * signature lines). The store's compare-and-swap accepts the same tree again; a round cannot
     * publish in between. Returns false if a newer checkpoint was published meanwhile, or another
     * sequencer holds the store (the integrator finds out by itself).
     *
     * @throws IllegalArgumentException if {@code change} returns another tree
     * @throws java.io.UncheckedIOException if the store failed; the stored checkpoint is then either
     *     one, both of the same tree
     */
    boolean republish(long treeSize, UnaryOperator<SignedCheckpoint> change) {
        publishing.lock();
        try {
            Optional<SignedCheckpoint> latest = publication.latest();
            if (latest.isEmpty() || latest.get().size() != treeSize) {
                return false;
            }
            Optional<SignedCheckpoint> stored = store.latestCheckpoint();
            if (stored.isEmpty() || !stored.get().sameTree(latest.get())) {
                return false;
            }
            SignedCheckpoint next = change.apply(stored.get());
            if (!next.sameTree(stored.get())) {
                throw new IllegalArgumentException("a republished checkpoint must commit to the same tree");
            }
            if (next.equals(stored.get())) {
                return true;
            }
            store.publishCheckpoint(fencingToken, next);
            publication.published(next);
            return true;
        } catch (CheckpointConflictException | StaleFencingTokenException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot republish the checkpoint of size " + treeSize + ": " + e.getMessage());
            return false;
        } finally {
            publishing.unlock();
        }
    }

    /** The store must still hold the checkpoint this tree extends; otherwise someone else publishes. */
    private void requireStoredCheckpointIs(Optional<SignedCheckpoint> expected) {
        Optional<SignedCheckpoint> stored = store.latestCheckpoint();
        boolean same = expected.isEmpty() ? stored.isEmpty() : stored.isPresent() && stored.get().sameTree(expected.get());
        if (!same) {
            throw new CheckpointConflictException("the stored checkpoint changed under this sequencer (expected "
                    + expected.map(c -> "size " + c.size()).orElse("none") + ", found "
                    + stored.map(c -> "size " + c.size()).orElse("none") + "): another sequencer is publishing");
        }
    }
}
