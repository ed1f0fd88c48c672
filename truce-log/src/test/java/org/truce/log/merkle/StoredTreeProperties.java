package org.truce.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.file.FileRecordLog;
import org.truce.log.merkle.sign.SigningKeys;
import org.truce.log.merkle.testing.ReferenceTree;
import org.truce.log.merkle.testing.TestEntries;
import org.truce.log.merkle.tiles.FileTileStore;
import org.truce.verify.Hex;
import org.truce.verify.merkle.ProofBuilder;
import org.truce.verify.merkle.RangeHasher;

/**
 * Proofs read from stored tiles without a tile cache (each node hashed from the tile's bytes when
 * asked for) and with one (tiles expanded into all their nodes) are byte for byte the proofs of the
 * reference tree, for random indexes and sizes of a 70,000-entry log: three tile levels, with the
 * partial tiles of every size read through the full tiles of the stored size.
 */
class StoredTreeProperties {
    private static final int SIZE = 70_000;
    private static final List<byte[]> LEAVES = TestEntries.leafHashes(SIZE);
    private static final RangeHasher REFERENCE = new ReferenceRanges(LEAVES);

    /**
     * MTH(D[start:end]) by the recursive definition, with the perfect subtrees up to 2^16 leaves
     * computed once, pairwise, by {@link ReferenceTree}'s hashing (not by the code under test).
     */
    private static final class ReferenceRanges implements RangeHasher {
        private final List<byte[]> leaves;
        private final List<List<byte[]>> perfect = new ArrayList<>(); // perfect.get(h).get(i): leaves [i·2^h, (i+1)·2^h)

        ReferenceRanges(List<byte[]> leaves) {
            this.leaves = leaves;
            perfect.add(leaves);
            for (int height = 1; height <= 16; height++) {
                List<byte[]> below = perfect.get(height - 1);
                List<byte[]> level = new ArrayList<>();
                for (int k = 0; k + 1 < below.size(); k += 2) {
                    level.add(ReferenceTree.root(List.of(below.get(k), below.get(k + 1))));
                }
                perfect.add(level);
            }
        }

        @Override
        public byte[] rangeHash(long start, long end) {
            long count = end - start;
            int height = Long.numberOfTrailingZeros(count);
            if (Long.bitCount(count) == 1 && start % count == 0 && height < perfect.size()) {
                return perfect.get(height).get((int) (start / count));
            }
            if (count == 1 || start % Long.highestOneBit(count - 1) != 0) {
                return ReferenceTree.root(leaves.subList((int) start, (int) end));
            }
            long split = start + Long.highestOneBit(count - 1);
            return ReferenceTree.root(List.of(rangeHash(start, split), rangeHash(split, end)));
        }
    }

    @TempDir
    static Path directory;

    private static FileTileStore tiles;

    @BeforeAll
    static void writeLog() throws Exception {
        SigningKeys keys = SigningKeys.generate("test.example/stored-tree");
        try (MerkleLog log = MerkleLog.open(FileRecordLog.open(directory.resolve("sequence")),
                FileTileStore.open(directory.resolve("tiles")), keys.signer(), 1,
                new MerkleLog.Settings(Duration.ZERO, Duration.ofMillis(20), 0))) {
            for (int n = 0; n < SIZE; n += 1_000) {
                log.appendAll(TestEntries.entries(n, n + 1_000));
            }
            assertThat(log.awaitIntegrated(SIZE, Duration.ofSeconds(60))).isTrue();
        }
        tiles = FileTileStore.open(directory.resolve("tiles"));
    }

    @AfterAll
    static void close() {
        tiles.close();
    }

    private static List<String> hex(List<byte[]> proof) {
        return proof.stream().map(Hex::encode).toList();
    }

    @Test
    void inclusionProofsWithAndWithoutTheCacheAreTheReferenceProofs() {
        TileCache cache = new TileCache(16);
        qt().withExamples(400).forAll(integers().between(1, SIZE), integers().allPositive()).checkAssert((size, pick) -> {
            long index = pick % size;
            List<String> expected = hex(ProofBuilder.inclusion(index, size, REFERENCE));
            assertThat(hex(ProofBuilder.inclusion(index, size, new StoredTree(tiles, TileCache.none(), SIZE))))
                    .as("inclusion of %d in %d from storage", index, size).isEqualTo(expected);
            assertThat(hex(ProofBuilder.inclusion(index, size, new StoredTree(tiles, cache, SIZE))))
                    .as("inclusion of %d in %d through the cache", index, size).isEqualTo(expected);
        });
    }

    @Test
    void consistencyProofsWithAndWithoutTheCacheAreTheReferenceProofs() {
        TileCache cache = new TileCache(16);
        qt().withExamples(200).forAll(integers().between(1, SIZE), integers().allPositive()).checkAssert((size2, pick) -> {
            long size1 = 1 + pick % size2;
            List<String> expected = hex(ProofBuilder.consistency(size1, size2, REFERENCE));
            assertThat(hex(ProofBuilder.consistency(size1, size2, new StoredTree(tiles, TileCache.none(), SIZE))))
                    .as("consistency of %d with %d from storage", size1, size2).isEqualTo(expected);
            assertThat(hex(ProofBuilder.consistency(size1, size2, new StoredTree(tiles, cache, SIZE))))
                    .as("consistency of %d with %d through the cache", size1, size2).isEqualTo(expected);
        });
    }

    @Test
    void theRootFromStorageIsTheReferenceRoot() {
        StoredTree tree = new StoredTree(tiles, TileCache.none(), SIZE);
        assertThat(Hex.encode(tree.root())).isEqualTo(Hex.encode(REFERENCE.rangeHash(0, SIZE)));
        for (long size : new long[] {65_537, 65_536, 65_535, 257, 256, 255, 1}) {
            assertThat(Hex.encode(tree.rangeHash(0, size))).as("root of %d", size)
                    .isEqualTo(Hex.encode(ReferenceTree.root(LEAVES.subList(0, (int) size))));
        }
    }

    @Test
    void aTreeLargerThanTheStoredTilesIsAnIntegrityFailure() {
        StoredTree tree = new StoredTree(tiles, TileCache.none(), SIZE + 300);
        assertThatThrownBy(() -> ProofBuilder.inclusion(SIZE + 299, SIZE + 300, tree))
                .isInstanceOf(LogIntegrityException.class).hasMessageContaining("is missing from the tile store");
    }
}
