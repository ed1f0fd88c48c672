package org.truce.log.sealed;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.truce.log.LogUnavailableException;

/** One unit of work for the writer, and the caller's wait for its outcome. */
abstract sealed class OpeningRequest {
    private final CompletableFuture<Boolean> outcome = new CompletableFuture<>();

    /** Openings that fit in one batch; already checked and copied, so nobody can change them. */
    static final class Put extends OpeningRequest {
        private final List<Opening> openings;
        private final int bodyBytes;

        Put(List<Opening> openings, int bodyBytes) {
            this.openings = openings;
            this.bodyBytes = bodyBytes;
        }

        List<Opening> openings() {
            return openings;
        }

        int bodyBytes() {
            return bodyBytes;
        }
    }

    static final class Destroy extends OpeningRequest {
        private final OpeningIndex.Key key;

        Destroy(OpeningIndex.Key key) {
            this.key = key;
        }

        OpeningIndex.Key key() {
            return key;
        }
    }

    /**
     * How many of the waiting requests, from the first, make one batch: a destroy alone (the writer
     * handles it between batches), or the puts before the next destroy while they fit (at most
     * {@value OpeningFormat#MAX_BATCH_RECORDS} records and {@value OpeningFormat#MAX_BATCH_BODY_BYTES}
     * body bytes), in arrival order, so that concurrent puts share one write and one force.
     */
    static int batchSize(Collection<OpeningRequest> waiting) {
        int taken = 0;
        int records = 0;
        long bodyBytes = 0;
        for (OpeningRequest next : waiting) {
            if (!(next instanceof Put put)) {
                return taken == 0 ? 1 : taken;
            }
            records += put.openings().size();
            bodyBytes += put.bodyBytes();
            if (!fits(records, bodyBytes)) {
                break;
            }
            taken++;
        }
        return taken;
    }

    /** Whether {@code records} records of {@code bodyBytes} body bytes fit in one batch. */
    static boolean fits(int records, long bodyBytes) {
        return records <= OpeningFormat.MAX_BATCH_RECORDS && bodyBytes <= OpeningFormat.MAX_BATCH_BODY_BYTES;
    }

    void complete(boolean result) {
        outcome.complete(result);
    }

    void fail(LogUnavailableException cause) {
        outcome.completeExceptionally(cause);
    }

    /** Waits (uninterruptibly: the writer decides the outcome, not the caller) for the outcome. */
    boolean await() {
        try {
            return outcome.join();
        } catch (CompletionException e) {
            // a fresh exception, so that the stack trace shows this caller; the writer's is the cause
            throw new LogUnavailableException(e.getCause().getMessage(), e.getCause());
        }
    }
}
