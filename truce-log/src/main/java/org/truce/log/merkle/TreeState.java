package org.truce.log.merkle;

import java.util.Optional;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.log.merkle.tiles.TileStore;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.tiles.EntryBundle;
import org.truce.verify.tiles.TileHashes;
import org.truce.verify.tiles.TileId;
import org.truce.verify.tiles.TileLayout;

/**
 * The integrator's in-memory tree: the right edge ({@link TileFrontier}), the partial entry bundle
 * ({@link BundleBuffer}) and the last checkpoint known to be stored. It grows one entry at a time,
 * writing each full tile and bundle the moment it is complete; the partial ones are written once
 * per round by {@link #writePartialTiles}. Not thread-safe: owned by the integrator thread.
 */
final class TreeState {
    private final TileFrontier frontier;
    private final BundleBuffer bundle;
    private SignedCheckpoint checkpoint; // null until the store holds one

    TreeState(TileFrontier frontier, BundleBuffer bundle, SignedCheckpoint checkpoint) {
        if (checkpoint != null && checkpoint.size() != frontier.size()) {
            throw new IllegalArgumentException("frontier of size " + frontier.size() + " for checkpoint of size " + checkpoint.size());
        }
        this.frontier = frontier;
        this.bundle = bundle;
        this.checkpoint = checkpoint;
    }

    static TreeState empty() {
        return new TreeState(TileFrontier.empty(), BundleBuffer.of(java.util.List.of()), null);
    }

    long size() {
        return frontier.size();
    }

    byte[] root() {
        return frontier.root();
    }

    /** Returns the last checkpoint this tree is known to extend, as stored. */
    Optional<SignedCheckpoint> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }

    /** Records that {@code published} (of this tree's current size) is now the stored checkpoint. */
    void published(SignedCheckpoint published) {
        if (published.size() != size()) {
            throw new IllegalArgumentException("checkpoint of size " + published.size() + " for a tree of size " + size());
        }
        checkpoint = published;
    }

    /**
     * Appends the entry sequenced at {@code index}, writing any bundle and hash tiles it completes.
     *
     * @throws LogIntegrityException if {@code index} is not the next index, or the entry cannot be
     *     put in a bundle (more than 65,535 bytes)
     */
    void append(long index, byte[] entry, TileStore store) {
        if (index != size()) {
            throw new LogIntegrityException("the sequenced log gave entry " + index + " where entry " + size() + " was next");
        }
        if (entry.length > EntryBundle.MAX_ENTRY_SIZE) {
            throw new LogIntegrityException("entry " + index + " is " + entry.length + " bytes; a tlog-tiles bundle holds"
                    + " entries of at most " + EntryBundle.MAX_ENTRY_SIZE + " bytes, so it cannot be integrated");
        }
        bundle.add(index, entry, (bundleIndex, bytes) -> store.writeEntryBundle(bundleIndex, TileId.FULL_WIDTH, bytes));
        frontier.append(Hashes.leafHash(entry),
                (level, tileIndex, hashes) -> store.writeHashTile(level, tileIndex, TileId.FULL_WIDTH, TileHashes.encode(hashes)));
    }

    /**
     * Writes the partial bundle and the partial hash tiles of the current size that a tree of
     * {@code previousSize} did not already have. A level whose hash count did not change has the
     * same partial tile as before, which is stored already.
     */
    void writePartialTiles(TileStore store, long previousSize) {
        long size = size();
        if (bundle.width() > 0 && size != previousSize) {
            store.writeEntryBundle(size / TileId.FULL_WIDTH, bundle.width(), bundle.encodePartial());
        }
        for (int level = 0; level < TileLayout.levelCount(size); level++) {
            long hashCount = TileLayout.hashCount(level, size);
            int width = (int) (hashCount % TileId.FULL_WIDTH);
            if (width > 0 && hashCount != TileLayout.hashCount(level, previousSize)) {
                store.writeHashTile(level, hashCount / TileId.FULL_WIDTH, width, TileHashes.encode(frontier.partialTile(level)));
            }
        }
    }
}
