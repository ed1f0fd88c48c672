package org.truce.log.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.truce.log.sealed.TestOpenings.forged;
import static org.truce.log.sealed.TestOpenings.numbered;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.truce.log.LogUnavailableException;
import org.truce.log.testing.Concurrently;

/**
 * The {@link OpeningStore} contract, which every implementation's test extends: the file store's
 * here, the SQL store's in truce-store (through this module's test jar), so that both are held to
 * the same cases.
 */
public abstract class OpeningStoreContract {
    private static final int THREADS = 32;
    private static final int PUTS_PER_THREAD = 10;

    protected OpeningStore store;

    /** Opens the store over the storage this test uses; called again (after close) to reopen it. */
    protected abstract OpeningStore openStore();

    /** Releases the storage under the store once the store is closed after a test; nothing by default. */
    protected void closeStorage() {}

    @BeforeEach
    void openTheStore() {
        store = openStore();
    }

    @AfterEach
    void closeTheStore() {
        if (store != null) {
            store.close();
        }
        closeStorage();
    }

    /** Closes the store and opens it again over what it left behind, as a restart would. */
    protected void reopen() {
        store.close();
        store = openStore();
    }

    @Test
    void putThenFind_returnsTheOpening() {
        Opening a = numbered(1);
        Opening b = numbered(2);
        store.putAll(List.of(a, b));
        assertThat(store.find(a.commitment())).contains(a);
        assertThat(store.find(b.commitment())).contains(b);
    }

    @Test
    void emptyAndLargestValues_roundTrip() {
        Random random = new Random(3);
        Opening empty = TestOpenings.random(random, 0);
        Opening largest = TestOpenings.random(random, Opening.MAX_VALUE_BYTES);
        store.putAll(List.of(empty, largest));
        assertThat(store.find(empty.commitment())).contains(empty);
        assertThat(store.find(largest.commitment())).contains(largest);
    }

    @Test
    void findOfAnUnknownCommitment_isEmpty() {
        store.putAll(List.of(numbered(1)));
        assertThat(store.find(numbered(2).commitment())).isEmpty();
        assertThatThrownBy(() -> store.find(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void puttingAStoredOpeningAgain_changesNothing() {
        Opening a = numbered(1);
        Opening b = numbered(2);
        store.putAll(List.of(a));
        store.putAll(List.of(a));
        store.putAll(List.of(b, a, b));
        store.putAll(List.of());
        assertThat(store.find(a.commitment())).contains(a);
        assertThat(store.find(b.commitment())).contains(b);
    }

    @Test
    void anOpeningThatDoesNotMatch_isRefused_andNothingOfTheCallIsStored() {
        Opening good = numbered(1);
        Opening bad = forged(numbered(2));
        assertThatThrownBy(() -> store.putAll(List.of(good, bad)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(bad.commitmentHex());
        assertThat(store.find(good.commitment())).isEmpty();
        assertThat(store.find(bad.commitment())).isEmpty();

        store.putAll(List.of(numbered(2)));
        assertThat(store.find(bad.commitment())).contains(numbered(2));
    }

    @Test
    void destroyThenFind_isEmpty_andOtherOpeningsStay() {
        Opening a = numbered(1);
        Opening b = numbered(2);
        store.putAll(List.of(a, b));
        assertThat(store.destroy(a.commitment())).isTrue();
        assertThat(store.find(a.commitment())).isEmpty();
        assertThat(store.find(b.commitment())).contains(b);
        assertThat(store.destroy(a.commitment())).as("nothing left to destroy").isFalse();
    }

    @Test
    void destroyOfAnUnknownCommitment_isFalse() {
        assertThat(store.destroy(numbered(1).commitment())).isFalse();
        assertThatThrownBy(() -> store.destroy(new byte[33])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDestroyedOpening_putAgain_staysDestroyed() {
        Opening a = numbered(1);
        store.putAll(List.of(a));
        store.destroy(a.commitment());
        store.putAll(List.of(a));
        assertThat(store.find(a.commitment())).isEmpty();
        reopen();
        store.putAll(List.of(a));
        assertThat(store.find(a.commitment())).isEmpty();
    }

    @Test
    void openingsAndDestroys_surviveCloseAndReopen() {
        Opening a = numbered(1);
        Opening b = numbered(2);
        Opening c = numbered(3);
        store.putAll(List.of(a, b));
        store.destroy(b.commitment());
        reopen();
        assertThat(store.find(a.commitment())).contains(a);
        assertThat(store.find(b.commitment())).isEmpty();
        store.putAll(List.of(c));
        reopen();
        assertThat(store.find(a.commitment())).contains(a);
        assertThat(store.find(b.commitment())).isEmpty();
        assertThat(store.find(c.commitment())).contains(c);
        assertThat(store.destroy(b.commitment())).isFalse();
    }

    @Test
    void concurrentPutsFrom32Threads_areAllFound() throws Exception {
        Concurrently.onPlatformThreads(THREADS, thread -> {
            for (int i = 0; i < PUTS_PER_THREAD; i++) {
                long n = thread * 1_000L + i * 2L;
                // the second opening of each put is also put by the neighbouring thread
                store.putAll(List.of(numbered(n), numbered(((thread + 1) % THREADS) * 1_000L + i * 2L + 1),
                        numbered(thread * 1_000L + i * 2L + 1)));
            }
        });
        assertAllConcurrentPutsFound();
        reopen();
        assertAllConcurrentPutsFound();
    }

    private void assertAllConcurrentPutsFound() {
        for (int thread = 0; thread < THREADS; thread++) {
            for (int i = 0; i < PUTS_PER_THREAD * 2; i++) {
                Opening expected = numbered(thread * 1_000L + i);
                assertThat(store.find(expected.commitment())).as("opening %d of thread %d", i, thread).contains(expected);
            }
        }
    }

    @Test
    void aClosedStore_refusesEveryCall() {
        Opening a = numbered(1);
        store.putAll(List.of(a));
        store.close();
        assertThatThrownBy(() -> store.putAll(List.of(numbered(2)))).isInstanceOf(LogUnavailableException.class);
        assertThatThrownBy(() -> store.find(a.commitment())).isInstanceOf(LogUnavailableException.class);
        assertThatThrownBy(() -> store.destroy(a.commitment())).isInstanceOf(LogUnavailableException.class);
        store.close(); // idempotent
    }
}
