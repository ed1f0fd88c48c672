package org.truce.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.truce.log.merkle.testing.ReferenceTree;
import org.truce.log.merkle.testing.TestEntries;
import org.truce.verify.Hex;
import org.truce.verify.merkle.CompactRange;
import org.truce.verify.merkle.MerkleTree;
import org.truce.verify.tiles.TileId;
import org.truce.verify.tiles.TileLayout;
import org.truce.verify.tiles.TileTree;

/**
 * The tile frontier against independent trees for random sizes up to 70,000 (three tile levels):
 * truce-verify's CompactRange (whose visitor reports every completed node), its TileTree, and the
 * naive recursive reference; and a frontier reloaded from partial tiles against one built leaf by
 * leaf.
 */
class TileFrontierProperties {
    private static final int MAX_SIZE = 70_000;
    private static final List<byte[]> LEAVES = TestEntries.leafHashes(MAX_SIZE);

    @Test
    void fullAndPartialTilesHoldExactlyTheCompactRangesNodesOfHeightsDivisibleByEight() {
        qt().withExamples(15).forAll(integers().between(0, MAX_SIZE)).checkAssert(size -> {
            Map<String, String> fromRange = new HashMap<>();
            CompactRange range = new CompactRange();
            for (byte[] leaf : LEAVES.subList(0, size)) {
                range.append(leaf, (height, index, hash) -> {
                    if (height % 8 == 0) {
                        fromRange.put(height / 8 + "/" + index, Hex.encode(hash));
                    }
                });
            }
            Map<String, String> fromTiles = new HashMap<>();
            TileFrontier frontier = grow(size, (level, tileIndex, hashes) -> {
                for (int i = 0; i < hashes.size(); i++) {
                    fromTiles.put(level + "/" + (tileIndex * TileId.FULL_WIDTH + i), Hex.encode(hashes.get(i)));
                }
            });
            for (int level = 0; level < TileLayout.levelCount(size); level++) {
                long first = TileLayout.hashCount(level, size) / TileId.FULL_WIDTH * TileId.FULL_WIDTH;
                List<byte[]> partial = frontier.partialTile(level);
                for (int i = 0; i < partial.size(); i++) {
                    fromTiles.put(level + "/" + (first + i), Hex.encode(partial.get(i)));
                }
            }
            assertThat(fromTiles).isEqualTo(fromRange);
            assertThat(Hex.encode(frontier.root())).isEqualTo(Hex.encode(range.root()));
        });
    }

    @Test
    void rootAndPartialTilesAgreeWithTheReferenceAndTileTree() {
        qt().withExamples(40).forAll(integers().between(0, 10_000)).checkAssert(size -> {
            TileFrontier frontier = grow(size, (level, index, hashes) -> {});
            List<byte[]> leaves = LEAVES.subList(0, size);
            assertThat(Hex.encode(frontier.root())).isEqualTo(Hex.encode(ReferenceTree.root(leaves)))
                    .isEqualTo(Hex.encode(MerkleTree.root(leaves)));
            TileTree tree = TileTree.fromLeafHashes(leaves);
            for (TileId tile : TileLayout.hashTiles(size)) {
                if (tile.isPartial()) {
                    assertThat(frontier.partialTile(tile.level())).extracting(Hex::encode)
                            .containsExactlyElementsOf(tree.tileHashes(tile).stream().map(Hex::encode).toList());
                }
            }
        });
    }

    @Test
    void aFrontierReloadedFromPartialTilesContinuesExactlyLikeTheOriginal() {
        qt().withExamples(30).forAll(integers().between(0, MAX_SIZE - 1000), integers().between(1, 1000)).checkAssert((size, more) -> {
            TileTree tree = TileTree.fromLeafHashes(LEAVES.subList(0, size));
            TileFrontier reloaded = TileFrontier.load(size, (level, index, width) -> tree.tileHashes(TileId.hashes(level, index, width)));
            assertThat(reloaded.size()).isEqualTo((long) size);
            List<String> fullTiles = new ArrayList<>();
            for (byte[] leaf : LEAVES.subList(size, size + more)) {
                reloaded.append(leaf, (level, index, hashes) -> fullTiles.add(level + "/" + index));
            }
            assertThat(Hex.encode(reloaded.root())).isEqualTo(Hex.encode(MerkleTree.root(LEAVES.subList(0, size + more))));
            long expectedFullTiles = 0;
            for (int level = 0; level < 3; level++) {
                expectedFullTiles += TileLayout.hashCount(level, size + more) / 256 - TileLayout.hashCount(level, size) / 256;
            }
            assertThat(fullTiles).hasSize((int) expectedFullTiles);
        });
    }

    private static TileFrontier grow(int size, TileFrontier.FullTileSink sink) {
        TileFrontier frontier = TileFrontier.empty();
        for (byte[] leaf : LEAVES.subList(0, size)) {
            frontier.append(leaf, sink);
        }
        return frontier;
    }
}
