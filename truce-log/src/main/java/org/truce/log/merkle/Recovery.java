package org.truce.log.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.truce.log.RecordLog;
import org.truce.log.merkle.sign.CheckpointSigner;
import org.truce.log.merkle.tiles.CheckpointConflictException;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.log.merkle.tiles.TileStore;
import org.truce.verify.VerificationException;
import org.truce.verify.checkpoint.CheckpointVerifier;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.note.VerifierKey;
import org.truce.verify.tiles.TileFormatException;
import org.truce.verify.tiles.TileHashes;
import org.truce.verify.tiles.TileId;

/**
 * Recovery rebuilds the integrator's tree from the store's latest checkpoint: the partial tile of
 * each level (the right edge) and the entries of the partial bundle. It runs at open and again
 * after any failed round, so that the path that recovers from a crash is exercised by ordinary
 * operation too.
 *
 * <p>Everything it loads is checked before it is trusted: the checkpoint must be signed by this
 * log's key, the tiles must give its root, the sequenced log must hold at least its entries, the
 * partial bundle's entries must hash to the level-0 tile, and (after a failed round) the stored
 * checkpoint must extend the last one this process published.
 */
final class Recovery {
    private final TileStore store;
    private final RecordLog sequencer;
    private final CheckpointSigner signer;

    Recovery(TileStore store, RecordLog sequencer, CheckpointSigner signer) {
        this.store = store;
        this.sequencer = sequencer;
        this.signer = signer;
    }

    /**
     * Loads the tree of the stored checkpoint. {@code lastPublished} is the last checkpoint this
     * process published or loaded (empty at open); the stored one must extend it. A stored
     * checkpoint larger than it is accepted after a consistency check: it is the checkpoint of a
     * publish whose outcome was unknown.
     *
     * @throws LogIntegrityException if the store or the sequenced log fails a check
     * @throws CheckpointConflictException if the stored checkpoint does not extend {@code lastPublished}
     */
    TreeState load(Optional<SignedCheckpoint> lastPublished) {
        Optional<SignedCheckpoint> stored = store.latestCheckpoint();
        if (stored.isEmpty()) {
            if (lastPublished.isPresent()) {
                throw new CheckpointConflictException("the stored checkpoint is gone; this log had published size "
                        + lastPublished.get().size());
            }
            return TreeState.empty();
        }
        SignedCheckpoint checkpoint = stored.get();
        requireSignedByThisLog(checkpoint);
        if (sequencer.size() < checkpoint.size()) {
            throw new LogIntegrityException("the sequenced log holds " + sequencer.size() + " entries, but the stored"
                    + " checkpoint commits to " + checkpoint.size() + ": is this the log's own sequence?");
        }
        TileFrontier frontier = TileFrontier.load(checkpoint.size(), this::readPartialTile);
        if (!MessageDigest.isEqual(frontier.root(), checkpoint.rootHash())) {
            throw new LogIntegrityException("the stored partial tiles of size " + checkpoint.size()
                    + " do not give the root of the stored checkpoint");
        }
        StoredTree tiles = new StoredTree(store, TileCache.none(), checkpoint.size());
        lastPublished.ifPresent(last -> TreeChecks.requireExtends(tiles, last, checkpoint.size(), checkpoint.rootHash()));
        return new TreeState(frontier, loadPartialBundle(checkpoint.size(), frontier.partialTile(0)), checkpoint);
    }

    private void requireSignedByThisLog(SignedCheckpoint checkpoint) {
        try {
            CheckpointVerifier.forLog(VerifierKey.parse(signer.verifierKey())).verify(checkpoint.note());
        } catch (VerificationException e) {
            throw new LogIntegrityException("the stored checkpoint is not a checkpoint of this log (key "
                    + signer.verifierKey() + "): " + e.getMessage(), e);
        }
    }

    private List<byte[]> readPartialTile(int level, long index, int width) {
        TileId tile = TileId.hashes(level, index, width);
        byte[] bytes = store.read(tile).orElseThrow(() -> new LogIntegrityException(
                "the stored checkpoint needs " + tile.path() + ", which is missing"));
        try {
            return TileHashes.parse(tile, bytes);
        } catch (TileFormatException e) {
            throw new LogIntegrityException("stored " + e.getMessage(), e);
        }
    }

    /** Reads the partial bundle's entries from the sequenced log, checking each against the level-0 tile. */
    private BundleBuffer loadPartialBundle(long treeSize, List<byte[]> levelZeroHashes) {
        long first = treeSize - treeSize % TileId.FULL_WIDTH;
        List<byte[]> entries = new ArrayList<>();
        for (long index = first; index < treeSize; index++) {
            byte[] entry = sequencer.read(index);
            byte[] tileHash = levelZeroHashes.get((int) (index - first));
            if (!MessageDigest.isEqual(Hashes.leafHash(entry), tileHash)) {
                throw new LogIntegrityException("entry " + index + " of the sequenced log does not match its hash in the"
                        + " stored level-0 tile: the sequence and the published tree differ");
            }
            entries.add(entry);
        }
        return BundleBuffer.of(entries);
    }
}
