package org.truce.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.truce.log.merkle.testing.ReferenceTree;
import org.truce.log.merkle.testing.TestEntries;
import org.truce.verify.Hex;
import org.truce.verify.merkle.Hashes;

class NodeHasherTest {
    private static final List<byte[]> LEAVES = TestEntries.leafHashes(TileNodes.WIDTH);

    private static byte[] tile() {
        byte[] tile = new byte[TileNodes.WIDTH * Hashes.SIZE];
        for (int i = 0; i < LEAVES.size(); i++) {
            System.arraycopy(LEAVES.get(i), 0, tile, i * Hashes.SIZE, Hashes.SIZE);
        }
        return tile;
    }

    @Test
    void aPairIsTheNodeHashOfItsTwoChildren() {
        byte[] tile = tile();
        byte[] into = new byte[3 * Hashes.SIZE];
        new NodeHasher().pair(tile, 6 * Hashes.SIZE, into, Hashes.SIZE);
        assertThat(Hex.encode(java.util.Arrays.copyOfRange(into, Hashes.SIZE, 2 * Hashes.SIZE)))
                .isEqualTo(Hex.encode(Hashes.nodeHash(LEAVES.get(6), LEAVES.get(7))));
        assertThat(into[0]).isZero();
        assertThat(into[2 * Hashes.SIZE]).isZero();
    }

    @Test
    void everyPerfectSubtreeOfATileIsTheReferenceRoot() {
        byte[] tile = tile();
        NodeHasher hasher = new NodeHasher(); // one hasher for all: its work area is reused
        for (int count = 1; count <= TileNodes.WIDTH; count *= 2) {
            for (int first = 0; first < TileNodes.WIDTH; first += count) {
                assertThat(Hex.encode(hasher.subtree(tile, first, count))).as("[%d, %d)", first, first + count)
                        .isEqualTo(Hex.encode(ReferenceTree.root(LEAVES.subList(first, first + count))));
            }
        }
        assertThat(Hex.encode(tile)).as("the tile is not changed").isEqualTo(Hex.encode(tile()));
    }

    @Test
    void anExpandedTileHoldsTheSameNodes() {
        byte[] tile = tile();
        TileNodes nodes = TileNodes.of(tile, new NodeHasher());
        NodeHasher hasher = new NodeHasher();
        for (int height = 0; height < TileNodes.HEIGHTS; height++) {
            for (int position = 0; position < TileNodes.WIDTH >> height; position++) {
                assertThat(Hex.encode(nodes.node(height, position)))
                        .isEqualTo(Hex.encode(hasher.subtree(tile, position << height, 1 << height)));
            }
        }
    }
}
