package org.truce.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.file.FileRecordLog;
import org.truce.log.merkle.sign.SigningKeys;
import org.truce.log.merkle.testing.MemoryRecordLog;
import org.truce.log.merkle.testing.MemoryTileStore;
import org.truce.log.merkle.testing.ReferenceTree;
import org.truce.log.merkle.testing.TestEntries;
import org.truce.log.merkle.testing.Verification;
import org.truce.log.merkle.tiles.FileTileStore;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.verify.Hex;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.merkle.ConsistencyProof;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.merkle.InclusionProof;
import org.truce.verify.merkle.MerkleTree;
import org.truce.verify.tiles.TileId;
import org.truce.verify.tiles.TileLayout;
import org.truce.verify.tiles.TileTree;

/**
 * Property tests of what the log publishes, checked by truce-verify and by the naive reference
 * tree: the incremental tree for random sizes up to 10,000 appended in random batches, and
 * inclusion and consistency proofs, read from a {@link FileTileStore}, for random sizes of a
 * 3,000-entry log.
 */
class MerkleLogProperties {
    private static final SigningKeys KEYS = SigningKeys.generate("test.example/properties");
    private static final MerkleLog.Settings FAST = new MerkleLog.Settings(Duration.ZERO, Duration.ofMillis(20), 64);
    private static final int PROOF_LOG_SIZE = 3_000;
    private static final List<byte[]> LEAVES = TestEntries.leafHashes(10_000);

    @TempDir
    static Path directory;

    private static MerkleLog proofLog;

    /** A file-backed log grown in uneven batches, so that checkpoints and tiles fall at many sizes. */
    @BeforeAll
    static void growProofLog() throws Exception {
        proofLog = MerkleLog.open(FileRecordLog.open(directory.resolve("sequence")),
                FileTileStore.open(directory.resolve("tiles")), KEYS.signer(), 1, FAST);
        Random random = new Random(7);
        for (int n = 0; n < PROOF_LOG_SIZE; ) {
            int batch = Math.min(PROOF_LOG_SIZE - n, 1 + random.nextInt(400));
            proofLog.appendAll(TestEntries.entries(n, n + batch));
            n += batch;
            if (random.nextBoolean()) {
                assertThat(proofLog.awaitIntegrated(n, Duration.ofSeconds(10))).isTrue();
            }
        }
        assertThat(proofLog.awaitIntegrated(PROOF_LOG_SIZE, Duration.ofSeconds(10))).isTrue();
    }

    @AfterAll
    static void closeProofLog() {
        proofLog.close();
    }

    @Test
    void storedTilesAndSignedRootEqualTheReferenceTreeForRandomSizes() {
        qt().withExamples(25).forAll(integers().between(0, 10_000), longs().all()).checkAssert((size, seed) -> {
            MemoryTileStore store = new MemoryTileStore();
            try (MerkleLog log = MerkleLog.open(new MemoryRecordLog(), store, KEYS.signer(), 1, FAST)) {
                appendInRandomBatches(log, size, new Random(seed));
                assertThat(log.awaitIntegrated(size, Duration.ofSeconds(20))).isTrue();
                SignedCheckpoint published = log.checkpoint().orElseThrow();
                Checkpoint verified = Verification.verifiedCheckpoint(published, KEYS.verifierKey());
                List<byte[]> leaves = LEAVES.subList(0, size);
                assertThat(verified.size()).isEqualTo((long) size);
                assertThat(Hex.encode(verified.rootHash())).isEqualTo(Hex.encode(ReferenceTree.root(leaves)))
                        .isEqualTo(Hex.encode(MerkleTree.root(leaves)));
                TileTree expected = TileTree.fromLeafHashes(leaves);
                for (TileId tile : TileLayout.hashTiles(size)) {
                    assertThat(Hex.encode(store.read(tile).orElseThrow()))
                            .as("%s", tile).isEqualTo(Hex.encode(org.truce.verify.tiles.TileHashes.encode(expected.tileHashes(tile))));
                }
                assertThat(Hex.encode(Verification.audit(store, verified).tree().root())).isEqualTo(Hex.encode(verified.rootHash()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void appendInRandomBatches(MerkleLog log, int size, Random random) {
        for (int n = 0; n < size; ) {
            int batch = Math.min(size - n, 1 + random.nextInt(random.nextBoolean() ? 3 : 700));
            if (batch == 1) {
                log.append(TestEntries.entry(n));
            } else {
                log.appendAll(TestEntries.entries(n, n + batch));
            }
            n += batch;
        }
    }

    @Test
    void inclusionProofsFromStoredTilesVerifyForRandomIndexesAndSizes() {
        qt().withExamples(300).forAll(integers().between(1, PROOF_LOG_SIZE), integers().allPositive()).checkAssert((size, pick) -> {
            int index = pick % size;
            byte[] root = MerkleTree.root(LEAVES.subList(0, size));
            List<byte[]> proof = proofLog.inclusionProof(index, size);
            try {
                InclusionProof.verify(index, size, Hashes.leafHash(TestEntries.entry(index)), proof, root);
            } catch (Exception e) {
                throw new AssertionError("inclusion of " + index + " in " + size + ": " + e.getMessage(), e);
            }
        });
    }

    @Test
    void consistencyProofsFromStoredTilesVerifyForRandomSizePairs() {
        qt().withExamples(300).forAll(integers().between(1, PROOF_LOG_SIZE), integers().allPositive()).checkAssert((size2, pick) -> {
            int size1 = 1 + pick % size2;
            List<byte[]> proof = proofLog.consistencyProof(size1, size2);
            try {
                ConsistencyProof.verify(size1, size2, MerkleTree.root(LEAVES.subList(0, size1)),
                        MerkleTree.root(LEAVES.subList(0, size2)), proof);
            } catch (Exception e) {
                throw new AssertionError("consistency of " + size1 + " with " + size2 + ": " + e.getMessage(), e);
            }
        });
    }

    @Test
    void proofsAreRefusedBeyondTheLatestCheckpointAndForBadArguments() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> proofLog.inclusionProof(0, PROOF_LOG_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beyond the latest checkpoint");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> proofLog.inclusionProof(5, 5))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> proofLog.consistencyProof(0, 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(proofLog.consistencyProof(PROOF_LOG_SIZE, PROOF_LOG_SIZE)).isEmpty();
    }
}
