package org.truce.log.file;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.truce.log.LogUnavailableException;

/**
 * Append requests waiting for the writer. Whatever accumulates while the writer forces one batch
 * becomes the next batch: that is the whole of group commit, with no timer and no added latency
 * when the log is idle.
 *
 * <p>Guarded by a {@link ReentrantLock} rather than {@code synchronized} so that virtual threads
 * never pin their carrier here; no IO happens under the lock.
 */
final class RequestQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<AppendRequest> waiting = new ArrayDeque<>();
    private LogUnavailableException closedBecause;

    /** @throws LogUnavailableException if the queue no longer accepts requests */
    void submit(AppendRequest request) {
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

    /**
     * Waits for at least one request, then takes as many whole requests as fit in one batch.
     * Returns {@code null} once the queue is closed and empty.
     */
    List<AppendRequest> takeBatch() {
        lock.lock();
        try {
            while (waiting.isEmpty() && closedBecause == null) {
                notEmpty.awaitUninterruptibly();
            }
            return waiting.isEmpty() ? null : drainOneBatch();
        } finally {
            lock.unlock();
        }
    }

    private List<AppendRequest> drainOneBatch() {
        List<AppendRequest> batch = new ArrayList<>();
        int entries = 0;
        long payloadBytes = 0;
        AppendRequest next;
        while ((next = waiting.peek()) != null
                && (batch.isEmpty() || fits(entries + next.entryCount(), payloadBytes + next.payloadBytes()))) {
            batch.add(waiting.poll());
            entries += next.entryCount();
            payloadBytes += next.payloadBytes();
        }
        return batch;
    }

    private static boolean fits(int entries, long payloadBytes) {
        return entries <= FrameFormat.MAX_BATCH_ENTRIES && payloadBytes <= FrameFormat.MAX_BATCH_PAYLOAD_BYTES;
    }

    /** Refuses new requests; those already waiting are still taken (and written). */
    void close(LogUnavailableException reason) {
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

    /** Refuses new requests and hands back the waiting ones, which will not be written. */
    List<AppendRequest> abandon(LogUnavailableException reason) {
        lock.lock();
        try {
            closedBecause = reason;
            List<AppendRequest> abandoned = new ArrayList<>(waiting);
            waiting.clear();
            notEmpty.signalAll();
            return abandoned;
        } finally {
            lock.unlock();
        }
    }
}
