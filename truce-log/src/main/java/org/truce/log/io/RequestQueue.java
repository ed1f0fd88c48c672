package org.truce.log.io;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.truce.log.LogUnavailableException;

/**
 * Requests waiting for a store's writer. Whatever accumulates while the writer forces one batch
 * becomes the next batch (as much of it as the store's {@link BatchRule} lets into one): that is the
 * whole of group commit, with no timer and no added latency when the store is idle.
 *
 * <p>Guarded by a {@link ReentrantLock} rather than {@code synchronized} so that virtual threads
 * never pin their carrier here; no IO happens under the lock.
 */
public final class RequestQueue<R> {
    /** Which of the waiting requests make the next batch; what fits in one is the store's business. */
    @FunctionalInterface
    public interface BatchRule<R> {
        /**
         * How many of {@code waiting} (never empty, in arrival order), from the first, make the next
         * batch. Called under the queue's lock, so it must be quick and do no IO. The first request
         * is taken even if the rule says 0, so that the writer always gets something to answer.
         */
        int batchSize(Collection<R> waiting);
    }

    private final BatchRule<R> rule;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<R> waiting = new ArrayDeque<>();
    private final Collection<R> waitingView = Collections.unmodifiableCollection(waiting);
    private LogUnavailableException closedBecause;

    public RequestQueue(BatchRule<R> rule) {
        this.rule = rule;
    }

    /** @throws LogUnavailableException if the queue no longer accepts requests */
    public void submit(R request) {
        lock.lock();
        try {
            if (closedBecause != null) {
                throw new LogUnavailableException(closedBecause.getMessage(), closedBecause);
            }
            waiting.add(request);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for at least one request, then takes the next batch. Returns {@code null} once the queue is closed and empty. */
    public List<R> takeBatch() {
        lock.lock();
        try {
            while (waiting.isEmpty() && closedBecause == null) {
                notEmpty.awaitUninterruptibly();
            }
            if (waiting.isEmpty()) {
                return null;
            }
            int size = Math.clamp(rule.batchSize(waitingView), 1, waiting.size());
            List<R> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(waiting.poll());
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new requests; those already waiting are still taken (and carried out). */
    public void close(LogUnavailableException reason) {
        lock.lock();
        try {
            if (closedBecause == null) {
                closedBecause = reason;
            }
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new requests and hands back the waiting ones, which will not be carried out. */
    public List<R> abandon(LogUnavailableException reason) {
        lock.lock();
        try {
            closedBecause = reason;
            List<R> abandoned = new ArrayList<>(waiting);
            waiting.clear();
            notEmpty.signalAll();
            return abandoned;
        } finally {
            lock.unlock();
        }
    }
}
