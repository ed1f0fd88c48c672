package org.truce.log.merkle.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.truce.log.merkle.sign.CheckpointSigner;
import org.truce.log.merkle.sign.SigningKeys;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.tiles.TileId;

/**
 * The {@link TileStore} contract, run against every implementation: immutable resources, exact
 * widths, and the checkpoint compare-and-swap with fencing tokens.
 */
abstract class TileStoreContract {
    private static final CheckpointSigner SIGNER = SigningKeys.generate("test.example/store").signer();

    TileStore store;

    abstract TileStore openStore();

    /** Opens a second store instance over the same data, as another process would. */
    abstract TileStore openSameStoreAgain();

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    static SignedCheckpoint checkpoint(long size, int rootSeed) {
        byte[] root = new byte[Hashes.SIZE];
        Arrays.fill(root, (byte) rootSeed);
        return SignedCheckpoint.parse(SIGNER.sign(size, root));
    }

    static byte[] hashes(int width, int seed) {
        byte[] bytes = new byte[width * Hashes.SIZE];
        Arrays.fill(bytes, (byte) seed);
        return bytes;
    }

    @Test
    void writtenTilesAndBundlesReadBackByExactWidth() {
        store.writeHashTile(0, 1234, 7, hashes(7, 1));
        store.writeHashTile(0, 1234, 256, hashes(256, 2));
        store.writeEntryBundle(1234, 7, new byte[] {0, 1, 42});
        assertThat(store.readHashTile(0, 1234, 7)).hasValueSatisfying(b -> assertThat(b).isEqualTo(hashes(7, 1)));
        assertThat(store.read(TileId.hashes(0, 1234, 256))).hasValueSatisfying(b -> assertThat(b).isEqualTo(hashes(256, 2)));
        assertThat(store.readEntryBundle(1234, 7)).hasValueSatisfying(b -> assertThat(b).containsExactly(0, 1, 42));
        assertThat(store.readHashTile(0, 1234, 6)).isEmpty();
        assertThat(store.readHashTile(1, 1234, 7)).isEmpty();
        assertThat(store.readEntryBundle(1234, 256)).isEmpty();
    }

    @Test
    void rewritingAResourceWithTheSameBytesIsAllowedAndWithOtherBytesIsRefused() {
        store.writeHashTile(2, 5, 256, hashes(256, 3));
        store.writeHashTile(2, 5, 256, hashes(256, 3));
        assertThatThrownBy(() -> store.writeHashTile(2, 5, 256, hashes(256, 4)))
                .isInstanceOf(TileConflictException.class).hasMessageContaining("tile/2/005");
        store.writeEntryBundle(9, 3, new byte[] {0, 1, 7});
        assertThatThrownBy(() -> store.writeEntryBundle(9, 3, new byte[] {0, 1, 8})).isInstanceOf(TileConflictException.class);
        assertThat(store.readHashTile(2, 5, 256)).hasValueSatisfying(b -> assertThat(b).isEqualTo(hashes(256, 3)));
        assertThat(store.readEntryBundle(9, 3)).hasValueSatisfying(b -> assertThat(b).containsExactly(0, 1, 7));
    }

    @Test
    void malformedWritesAreRejected() {
        assertThatThrownBy(() -> store.writeHashTile(0, 0, 3, hashes(2, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.writeHashTile(0, 0, 257, hashes(257, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.writeHashTile(-1, 0, 1, hashes(1, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.writeEntryBundle(0, 1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkpointsMayGrowOrRepeatButNeverShrinkOrFork() {
        assertThat(store.latestCheckpoint()).isEmpty();
        store.publishCheckpoint(1, checkpoint(10, 1));
        store.publishCheckpoint(1, checkpoint(10, 1)); // the same tree again
        store.publishCheckpoint(1, checkpoint(20, 2));
        assertThatThrownBy(() -> store.publishCheckpoint(1, checkpoint(19, 3)))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("backwards");
        assertThatThrownBy(() -> store.publishCheckpoint(1, checkpoint(20, 9)))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("another root");
        assertThat(store.latestCheckpoint()).hasValue(checkpoint(20, 2));
    }

    @Test
    void aLowerFencingTokenCannotPublishOnceAHigherOneHas() {
        store.publishCheckpoint(3, checkpoint(10, 1));
        assertThatThrownBy(() -> store.publishCheckpoint(2, checkpoint(11, 1)))
                .isInstanceOfSatisfying(StaleFencingTokenException.class, e -> {
                    assertThat(e.presentedToken()).isEqualTo(2);
                    assertThat(e.storedToken()).isEqualTo(3);
                });
        store.publishCheckpoint(3, checkpoint(11, 1));
        store.publishCheckpoint(4, checkpoint(11, 1)); // a new sequencer claims the same tree
        assertThatThrownBy(() -> store.publishCheckpoint(3, checkpoint(12, 1))).isInstanceOf(StaleFencingTokenException.class);
        assertThat(store.latestCheckpoint()).hasValue(checkpoint(11, 1));
    }

    @Test
    void theCheckpointAndTheTokenAreSharedWithAnotherInstanceOfTheStore() {
        store.publishCheckpoint(5, checkpoint(10, 1));
        try (TileStore other = openSameStoreAgain()) {
            assertThat(other.latestCheckpoint()).hasValue(checkpoint(10, 1));
            assertThatThrownBy(() -> other.publishCheckpoint(4, checkpoint(11, 1))).isInstanceOf(StaleFencingTokenException.class);
            other.publishCheckpoint(6, checkpoint(12, 1));
        }
        assertThatThrownBy(() -> store.publishCheckpoint(5, checkpoint(13, 1))).isInstanceOf(StaleFencingTokenException.class);
        assertThat(store.latestCheckpoint()).hasValue(checkpoint(12, 1));
    }
}
