package org.truce.log.sealed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.truce.log.LogUnavailableException;

/**
 * The requests waiting for the writer. The writer takes either one destroy, or every waiting put
 * that fits in one batch (in arrival order, stopping at a destroy), so that concurrent puts share
 * one write and one force.
 */
final class OpeningQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<OpeningRequest> waiting = new ArrayDeque<>();
    private LogUnavailableException closedBecause;

    void submit(OpeningRequest request) {
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

    /** The next batch; waits for one. Null once the queue is closed and empty. */
    List<OpeningRequest> takeBatch() {
        lock.lock();
        try {
            while (waiting.isEmpty()) {
                if (closedBecause != null) {
                    return null;
                }
                notEmpty.awaitUninterruptibly();
            }
            List<OpeningRequest> batch = new ArrayList<>();
            if (waiting.peek() instanceof OpeningRequest.Destroy) {
                batch.add(waiting.poll());
                return batch;
            }
            int records = 0;
            long bodyBytes = 0;
            while (waiting.peek() instanceof OpeningRequest.Put put
                    && (batch.isEmpty() || fits(records + put.openings().size(), bodyBytes + put.bodyBytes()))) {
                batch.add(waiting.poll());
                records += put.openings().size();
                bodyBytes += put.bodyBytes();
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    static boolean fits(int records, long bodyBytes) {
        return records <= OpeningFormat.MAX_BATCH_RECORDS && bodyBytes <= OpeningFormat.MAX_BATCH_BODY_BYTES;
    }

    /** Refuses new requests; those already waiting are still taken. */
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

    /** Refuses new requests and hands back the waiting ones, which will not be carried out. */
    List<OpeningRequest> abandon(LogUnavailableException reason) {
        lock.lock();
        try {
            closedBecause = reason;
            List<OpeningRequest> abandoned = new ArrayList<>(waiting);
            waiting.clear();
            notEmpty.signalAll();
            return abandoned;
        } finally {
            lock.unlock();
        }
    }
}
