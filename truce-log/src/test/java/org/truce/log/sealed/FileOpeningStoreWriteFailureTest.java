package org.truce.log.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.truce.log.sealed.TestOpenings.numbered;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.LogUnavailableException;
import org.truce.log.testing.FaultyChannel;

class FileOpeningStoreWriteFailureTest {
    private static final Logger STORE_LOG = Logger.getLogger(FileOpeningStore.class.getName());

    @TempDir
    Path directory;

    private final FaultyChannel.Opener faulty = new FaultyChannel.Opener();

    private OpeningStore openFaulty() {
        return FileOpeningStore.open(directory, faulty);
    }

    private long fileBytes() throws IOException {
        return Files.size(OpeningsLayout.file(directory));
    }

    @Test
    void aWriteThatFailsHalfwayIsRolledBackAndTheStoreStaysUsable() throws IOException {
        try (OpeningStore store = openFaulty()) {
            store.putAll(List.of(numbered(0)));
            long goodBytes = fileBytes();

            faulty.channel().failNextWriteAfter(50);
            assertThatThrownBy(() -> store.putAll(List.of(numbered(1), numbered(2))))
                    .isInstanceOf(LogUnavailableException.class)
                    .hasMessageContaining("rolled back")
                    .hasRootCauseMessage("No space left on device (injected)");
            assertThat(fileBytes()).as("partial batch cut off").isEqualTo(goodBytes);
            assertThat(store.find(numbered(1).commitment())).isEmpty();

            store.putAll(List.of(numbered(1), numbered(2)));
        }
        assertReopensWith(3);
    }

    @Test
    void aFailedForceIsRolledBackAndTheStoreStaysUsable() throws IOException {
        try (OpeningStore store = openFaulty()) {
            store.putAll(List.of(numbered(0)));
            long goodBytes = fileBytes();

            faulty.channel().failNextForce();
            assertThatThrownBy(() -> store.putAll(List.of(numbered(1)))).isInstanceOf(LogUnavailableException.class);
            assertThat(fileBytes()).isEqualTo(goodBytes);

            faulty.channel().failNextForce();
            assertThatThrownBy(() -> store.destroy(numbered(0).commitment())).isInstanceOf(LogUnavailableException.class);
            assertThat(store.find(numbered(0).commitment())).as("a destroy whose tombstone failed changed nothing")
                    .contains(numbered(0));

            store.putAll(List.of(numbered(1)));
        }
        assertReopensWith(2);
    }

    @Test
    void whenTheRollbackFailsTooWritesAreRefusedUntilReopenAndFindsStillWork() {
        try (OpeningStore store = openFaulty()) {
            store.putAll(List.of(numbered(0)));
            faulty.channel().failTruncate(true);
            faulty.channel().failNextWriteAfter(13);
            assertThatThrownBy(() -> store.putAll(List.of(numbered(1)))).isInstanceOf(LogUnavailableException.class);
            assertThatThrownBy(() -> store.putAll(List.of(numbered(1))))
                    .isInstanceOf(LogUnavailableException.class)
                    .hasMessageContaining("reopened");
            assertThatThrownBy(() -> store.destroy(numbered(0).commitment()))
                    .isInstanceOf(LogUnavailableException.class)
                    .hasMessageContaining("reopened");
            assertThat(store.find(numbered(0).commitment())).contains(numbered(0));
            faulty.channel().failTruncate(false);
        }
        Level level = STORE_LOG.getLevel();
        STORE_LOG.setLevel(Level.SEVERE); // the 13 bytes left behind are truncated as a torn tail
        try {
            assertReopensWith(1);
        } finally {
            STORE_LOG.setLevel(level);
        }
    }

    @Test
    void aDestroyWhoseOverwriteFailsIsFinishedWhenTheStoreIsReopened() throws IOException {
        Opening secret = numbered(0);
        try (OpeningStore store = openFaulty()) {
            store.putAll(List.of(secret, numbered(1)));
            faulty.channel().failWriteAfter(1, 10); // the tombstone is written, the overwrite fails
            assertThatThrownBy(() -> store.destroy(secret.commitment()))
                    .isInstanceOf(LogUnavailableException.class)
                    .hasMessageContaining("recorded")
                    .hasMessageContaining("reopened");
            assertThat(store.find(secret.commitment())).as("destroyed once its tombstone is durable").isEmpty();
            assertThatThrownBy(() -> store.putAll(List.of(numbered(2)))).isInstanceOf(LogUnavailableException.class);
        }
        assertThat(OpeningsLayout.contains(directory, secret.salt())).isTrue();
        Level level = STORE_LOG.getLevel();
        STORE_LOG.setLevel(Level.WARNING);
        try (OpeningStore store = FileOpeningStore.open(directory)) {
            assertThat(store.find(secret.commitment())).isEmpty();
            assertThat(store.find(numbered(1).commitment())).contains(numbered(1));
        } finally {
            STORE_LOG.setLevel(level);
        }
        assertThat(OpeningsLayout.contains(directory, secret.salt())).isFalse();
    }

    private void assertReopensWith(int count) {
        try (OpeningStore store = FileOpeningStore.open(directory)) {
            for (int n = 0; n < count; n++) {
                assertThat(store.find(numbered(n).commitment())).contains(numbered(n));
            }
            assertThat(store.find(numbered(count).commitment())).isEmpty();
            store.putAll(List.of(numbered(count)));
            assertThat(store.find(numbered(count).commitment())).contains(numbered(count));
        }
    }
}
