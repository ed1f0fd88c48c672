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
 * <p>Each perfect node of height h = 8L + r is the root of the 2^r hashes of the tile of level L
 * that hold it; a range that is not a perfect node is split at its largest power of two, as RFC
 * 6962 splits trees. A proof asks for about 2 log2(size) nodes from a few tiles, so each StoredTree
 * reads each tile it needs once and keeps it: it is meant for one proof or check, on one thread.
 *
 * <p>With a {@link TileCache}, a tile is expanded once into all its inner nodes ({@link TileNodes},
 * 255 node hashes for a full tile) and kept for later proofs, so a node is a lookup. Without one,
 * nothing outlives the StoredTree, and a node is hashed from the tile's bytes when asked for
 * (2^r - 1 node hashes, at most 127): an inclusion proof asks one node of each height of a tile,
 * which is 247 node hashes for a full tile instead of 255, with no expansion kept.
 */
final class StoredTree implements RangeHasher {
    private final TileStore store;
    private final TileCache cache;
    private final long storedSize;
    private final Map<TileId, TileNodes> expanded = new HashMap<>(); // with a cache
    private final Map<TileId, byte[]> read = new HashMap<>(); // without one: the tiles' bytes
    private final NodeHasher hasher = new NodeHasher();

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
        TileId tile = tileId(level, first / TileId.FULL_WIDTH);
        int position = (int) (first % TileId.FULL_WIDTH);
        if (!cache.isOff()) {
            return expanded(tile).node(heightInTile, position >>> heightInTile);
        }
        int count = 1 << heightInTile;
        if (position + count > tile.width()) {
            throw new IllegalArgumentException("a tile of width " + tile.width() + " has no node of height " + heightInTile
                    + " at position " + (position >>> heightInTile));
        }
        return hasher.subtree(bytes(tile), position, count);
    }

    private TileId tileId(int level, long index) {
        return TileId.hashes(level, index, TileLayout.width(level, index, storedSize));
    }

    private TileNodes expanded(TileId tile) {
        TileNodes nodes = expanded.get(tile);
        if (nodes == null) {
            nodes = cache.get(tile, () -> TileNodes.of(readStored(tile), hasher));
            expanded.put(tile, nodes);
        }
        return nodes;
    }

    private byte[] bytes(TileId tile) {
        byte[] bytes = read.get(tile);
        if (bytes == null) {
            bytes = readStored(tile);
            read.put(tile, bytes);
        }
        return bytes;
    }

    private byte[] readStored(TileId tile) {
        byte[] bytes = store.read(tile).orElseThrow(() -> new LogIntegrityException(
                tile.path() + " is missing from the tile store, but the tree of size " + storedSize + " needs it"));
        if (bytes.length != tile.width() * Hashes.SIZE) {
            throw new LogIntegrityException("stored tile " + tile.path() + " is " + bytes.length + " bytes, want "
                    + tile.width() * Hashes.SIZE);
        }
        return bytes;
    }
}
