package org.truce.log.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.truce.log.sealed.TestOpenings.numbered;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OpeningStoreContract} on the file store, and what only the file store promises. */
class FileOpeningStoreTest extends OpeningStoreContract {
    @TempDir
    Path directory;

    @Override
    protected OpeningStore openStore() {
        return FileOpeningStore.open(directory.resolve("openings"));
    }

    @Test
    void anInterruptedCallerIsServed_keepsItsInterrupt_andDoesNotDisturbTheStore() {
        Thread.currentThread().interrupt();
        try {
            store.putAll(List.of(numbered(1)));
            assertThat(store.find(numbered(1).commitment())).contains(numbered(1));
            assertThat(store.destroy(numbered(1).commitment())).isTrue();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        store.putAll(List.of(numbered(2)));
        assertThat(store.find(numbered(2).commitment())).contains(numbered(2));
    }
}
