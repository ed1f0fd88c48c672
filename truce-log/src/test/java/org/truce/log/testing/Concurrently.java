package org.truce.log.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a body on several threads released together, so that their calls to the store under test
 * overlap as much as they can; fails with the first failure (or after two minutes). Every thread
 * has ended when it returns, so the test may close the store at once.
 */
public final class Concurrently {
    private static final long TIMEOUT_SECONDS = 120;

    private Concurrently() {}

    /** What one thread does; {@code thread} is 0 to threads - 1. */
    @FunctionalInterface
    public interface Body {
        void run(int thread) throws Exception;
    }

    public static void onPlatformThreads(int threads, Body body) throws Exception {
        run(Executors.newFixedThreadPool(threads), threads, body);
    }

    public static void onVirtualThreads(int threads, Body body) throws Exception {
        run(Executors.newVirtualThreadPerTaskExecutor(), threads, body);
    }

    private static void run(ExecutorService executor, int threads, Body body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(executor.submit(() -> {
                    start.await();
                    body.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
            executor.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
