package org.truce.log.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.truce.log.sealed.TestOpenings.forged;
import static org.truce.log.sealed.TestOpenings.numbered;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.truce.log.LogUnavailableException;

/**
 * The {@link OpeningStore} contract. truce-store keeps a copy for its SQL store (it cannot see this
 * module's tests); the two must list the same cases.
 */
abstract class OpeningStoreContract {
    static final int THREADS = 32;
    static final int PUTS_PER_THREAD = 10;

    OpeningStore store;

    /** Opens the store over the storage this test uses; called again (after close) to reopen it. */
    abstract OpeningStore openStore();

    @BeforeEach
    void openTheStore() {
        store = openStore();
    }

    @AfterEach
    void closeTheStore() {
        if (store != null) {
            store.close();
        }
    }

    void reopen() {
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
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < PUTS_PER_THREAD; i++) {
                        long n = thread * 1_000L + i * 2L;
                        // the second opening of each put is also put by the neighbouring thread
                        store.putAll(List.of(numbered(n), numbered(((thread + 1) % THREADS) * 1_000L + i * 2L + 1),
                                numbered(thread * 1_000L + i * 2L + 1)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
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
