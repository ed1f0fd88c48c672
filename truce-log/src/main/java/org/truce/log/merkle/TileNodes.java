package org.truce.log.merkle;

import java.util.Arrays;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.tiles.TileId;

/**
 * TileNodes are all the perfect nodes inside one hash tile: its hashes (height 0 within the tile)
 * and every complete pair above them, up to height 7. A tile of level L and index n covers nodes of
 * heights 8L to 8L+7; having them all at hand makes any node a lookup instead of up to 127 hashes,
 * which is what makes proofs cheap. Each height is one flat array: about 16 KiB for a full tile.
 * Immutable.
 */
final class TileNodes {
    static final int HEIGHTS = 8;
    /** The number of hashes in a full tile. */
    static final int WIDTH = TileId.FULL_WIDTH;

    /** nodes[h]: the nodes of height h (within the tile), 32 bytes each, in order. */
    private final byte[][] nodes;

    private TileNodes(byte[][] nodes) {
        this.nodes = nodes;
    }

    /**
     * Expands a tile's bytes: {@code width × 32} bytes of hashes.
     *
     * @throws IllegalArgumentException if the length is not a positive multiple of 32
     */
    static TileNodes of(byte[] tile, NodeHasher hasher) {
        if (tile.length == 0 || tile.length % Hashes.SIZE != 0) {
            throw new IllegalArgumentException("a tile of " + tile.length + " bytes is not a whole number of hashes");
        }
        byte[][] nodes = new byte[HEIGHTS][];
        nodes[0] = tile.clone();
        for (int height = 1; height < HEIGHTS; height++) {
            byte[] below = nodes[height - 1];
            int count = below.length / Hashes.SIZE / 2;
            byte[] level = new byte[count * Hashes.SIZE];
            for (int k = 0; k < count; k++) {
                hasher.pair(below, 2 * k * Hashes.SIZE, level, k * Hashes.SIZE);
            }
            nodes[height] = level;
        }
        return new TileNodes(nodes);
    }

    private static byte[] hash(byte[] level, int position) {
        return Arrays.copyOfRange(level, position * Hashes.SIZE, (position + 1) * Hashes.SIZE);
    }

    /** Returns the number of hashes in the tile. */
    int width() {
        return nodes[0].length / Hashes.SIZE;
    }

    /**
     * Returns the node of {@code height} (0 to 7) at {@code position} within the tile.
     *
     * @throws IllegalArgumentException if the tile does not hold that complete node
     */
    byte[] node(int height, int position) {
        if (height < 0 || height >= HEIGHTS || position < 0 || position >= nodes[height].length / Hashes.SIZE) {
            throw new IllegalArgumentException("a tile of width " + width() + " has no node of height " + height
                    + " at position " + position);
        }
        return hash(nodes[height], position);
    }
}
