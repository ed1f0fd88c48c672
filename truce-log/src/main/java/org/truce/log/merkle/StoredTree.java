package org.truce.log.merkle;

import java.util.HashMap;
import java.util.Map;
import org.truce.log.merkle.tiles.TileStore;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.merkle.RangeHasher;
import org.truce.verify.tiles.TileId;
import org.truce.verify.tiles.TileLayout;

/**
 * A StoredTree answers {@link RangeHasher} queries from the tiles in a {@link TileStore}, for any
 * range of the tree of {@code storedSize} entries, whose tiles (full, and partial for that size)
 * must all be stored. Trees of smaller sizes are answered from the same tiles, since their nodes are
 * a subset: this is how proofs for any earlier size are built from the latest tiles.
 *
 * <p>Each perfect node of height h = 8L + r is one lookup in the tile of level L that holds it; a
 * range that is not a perfect node is split at its largest power of two, as RFC 6962 splits trees.
 * A proof asks for about 2 log2(size) nodes from a few tiles, so besides the shared cache each
 * StoredTree remembers the tiles it used itself: it is meant for one proof or check, on one thread.
 */
final class StoredTree implements RangeHasher {
    private final TileStore store;
    private final TileCache cache;
    private final long storedSize;
    private final Map<TileId, TileNodes> used = new HashMap<>();

    StoredTree(TileStore store, TileCache cache, long storedSize) {
        this.store = store;
        this.cache = cache;
        this.storedSize = storedSize;
    }

    /** Returns MTH(D[start:end]); requires 0 <= start < end <= the stored size. */
    @Override
    public byte[] rangeHash(long start, long end) {
        if (start < 0 || start >= end || end > storedSize) {
            throw new IllegalArgumentException("range [" + start + ", " + end + ") is not in a tree of size " + storedSize);
        }
        long count = end - start;
        if (Long.bitCount(count) == 1 && start % count == 0) {
            return node(Long.numberOfTrailingZeros(count), start / count);
        }
        long split = start + Long.highestOneBit(count - 1);
        return Hashes.nodeHash(rangeHash(start, split), rangeHash(split, end));
    }

    /** Returns the root of the whole stored tree (SHA-256("") if it is empty). */
    byte[] root() {
        return storedSize == 0 ? Hashes.emptyRoot() : rangeHash(0, storedSize);
    }

    /** Returns the perfect node of {@code height} at {@code index}: leaves [index·2^height, (index+1)·2^height). */
    private byte[] node(int height, long index) {
        int level = height / TileNodes.HEIGHTS;
        int heightInTile = height % TileNodes.HEIGHTS;
        long first = index << heightInTile; // position of its first hash at the tile level
        TileNodes tile = tile(level, first / TileId.FULL_WIDTH);
        return tile.node(heightInTile, (int) (first % TileId.FULL_WIDTH) >>> heightInTile);
    }

    private TileNodes tile(int level, long index) {
        TileId tile = TileId.hashes(level, index, TileLayout.width(level, index, storedSize));
        return used.computeIfAbsent(tile, t -> cache.get(t, () -> TileNodes.of(read(t))));
    }

    private byte[] read(TileId tile) {
        byte[] bytes = store.read(tile).orElseThrow(() -> new LogIntegrityException(
                tile.path() + " is missing from the tile store, but the tree of size " + storedSize + " needs it"));
        if (bytes.length != tile.width() * Hashes.SIZE) {
            throw new LogIntegrityException("stored tile " + tile.path() + " is " + bytes.length + " bytes, want "
                    + tile.width() * Hashes.SIZE);
        }
        return bytes;
    }
}
