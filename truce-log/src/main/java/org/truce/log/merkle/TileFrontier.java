package org.truce.log.merkle;

import java.util.ArrayList;
import java.util.List;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.merkle.MerkleTree;
import org.truce.verify.tiles.TileId;
import org.truce.verify.tiles.TileLayout;

/**
 * A TileFrontier is the right edge of the tree held as the hashes of the last, partial tile at each
 * tile level: for a tree of size N, level L holds the hashes
 * {@code floor(N / 256^L) mod 256} of the perfect subtrees of height 8L that are not yet in a full
 * tile. That is exactly what the partial tiles of a checkpoint of size N contain, so the frontier
 * is rebuilt at open by reading one tile per level, and it is the same data the round writes out:
 * recovery and normal operation share one representation.
 *
 * <p>It is a compact range in tile form. Every right-edge node of height h = 8L + r lies in level
 * L's partial tile (its 2^r hashes end where the level's complete subtrees of height h end), and
 * the root follows from the partial tiles alone (see {@link #root}). All hashing goes through
 * truce-verify's {@link MerkleTree}, the one definition of the tree hash.
 *
 * <p>Not thread-safe: owned by the integrator thread.
 */
final class TileFrontier {
    private final List<List<byte[]>> levels = new ArrayList<>();
    private long size;

    /** Receives each full hash tile as the frontier completes it. */
    @FunctionalInterface
    interface FullTileSink {
        void fullTile(int level, long index, List<byte[]> hashes);
    }

    /** Reads the partial tile {@code (level, index)} of {@code width} hashes. */
    @FunctionalInterface
    interface PartialTileReader {
        List<byte[]> read(int level, long index, int width);
    }

    private TileFrontier() {}

    static TileFrontier empty() {
        return new TileFrontier();
    }

    /** Rebuilds the frontier of the tree of {@code treeSize} from its partial tiles. */
    static TileFrontier load(long treeSize, PartialTileReader partialTiles) {
        TileFrontier frontier = new TileFrontier();
        for (int level = 0; level < TileLayout.levelCount(treeSize); level++) {
            long hashCount = TileLayout.hashCount(level, treeSize);
            int width = (int) (hashCount % TileId.FULL_WIDTH);
            List<byte[]> hashes = width == 0 ? List.of() : partialTiles.read(level, hashCount / TileId.FULL_WIDTH, width);
            if (hashes.size() != width) {
                throw new IllegalStateException("partial tile " + level + "/" + hashCount / TileId.FULL_WIDTH + " has "
                        + hashes.size() + " hashes, want " + width);
            }
            frontier.levels.add(new ArrayList<>(hashes));
        }
        frontier.size = treeSize;
        return frontier;
    }

    long size() {
        return size;
    }

    /**
     * Appends one leaf hash. Each tile it fills is passed to {@code sink} and its perfect root moves
     * up a level, as a leaf's completed nodes move up a compact range.
     */
    void append(byte[] leafHash, FullTileSink sink) {
        if (leafHash.length != Hashes.SIZE) {
            throw new IllegalArgumentException("leaf hash is " + leafHash.length + " bytes, want " + Hashes.SIZE);
        }
        size++;
        byte[] hash = leafHash;
        for (int level = 0; ; level++) {
            List<byte[]> tile = level(level);
            tile.add(hash);
            if (tile.size() < TileId.FULL_WIDTH) {
                return;
            }
            sink.fullTile(level, TileLayout.hashCount(level, size) / TileId.FULL_WIDTH - 1, List.copyOf(tile));
            hash = MerkleTree.perfectRoot(tile);
            tile.clear();
        }
    }

    /** Returns the hashes of the partial tile at {@code level} (empty if the level has none). */
    List<byte[]> partialTile(int level) {
        return level < levels.size() ? List.copyOf(levels.get(level)) : List.of();
    }

    /**
     * Returns the root hash of the tree.
     *
     * <p>The root of a tree of n + 1 leaves is the fold of the right edge of the first n with the
     * last leaf, because the last leaf's inclusion path is exactly that edge. So hashing a level's
     * partial tile as a tree with the root of everything below it appended as one more leaf gives
     * the root of everything from that level down; going up the levels gives the whole root.
     */
    byte[] root() {
        byte[] below = null;
        for (List<byte[]> tile : levels) {
            if (tile.isEmpty()) {
                continue;
            }
            List<byte[]> leaves = new ArrayList<>(tile);
            if (below != null) {
                leaves.add(below);
            }
            below = MerkleTree.root(leaves);
        }
        return below == null ? Hashes.emptyRoot() : below;
    }

    private List<byte[]> level(int level) {
        while (levels.size() <= level) {
            levels.add(new ArrayList<>(TileId.FULL_WIDTH));
        }
        return levels.get(level);
    }
}
