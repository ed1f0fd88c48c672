package org.truce.log.file;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.truce.log.LogUnavailableException;
import org.truce.log.RecordLog;

/**
 * Entries that must be committed together (one for {@code append}, a group for {@code appendAll}),
 * and the caller's wait for the index of the first. Arrays are not copied: the caller is blocked
 * until the batch is written, and the CRC is computed from the bytes actually written.
 */
final class AppendRequest {
    private final byte[][] entries;
    private final int payloadBytes;
    private final CompletableFuture<Long> firstIndex = new CompletableFuture<>();

    private AppendRequest(byte[][] entries, int payloadBytes) {
        this.entries = entries;
        this.payloadBytes = payloadBytes;
    }

    static AppendRequest single(byte[] entry) {
        return new AppendRequest(new byte[][] {entry}, checkEntry(entry));
    }

    static AppendRequest group(List<byte[]> entries) {
        byte[][] copy = Objects.requireNonNull(entries, "entries").toArray(byte[][]::new);
        if (copy.length == 0) {
            throw new IllegalArgumentException("appendAll needs at least one entry");
        }
        if (copy.length > FrameFormat.MAX_BATCH_ENTRIES) {
            throw new IllegalArgumentException("appendAll of " + copy.length + " entries exceeds the "
                    + FrameFormat.MAX_BATCH_ENTRIES + " one atomic batch can hold");
        }
        long payloadBytes = 0;
        for (byte[] entry : copy) {
            payloadBytes += checkEntry(entry);
        }
        if (payloadBytes > FrameFormat.MAX_BATCH_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("appendAll of " + payloadBytes + " bytes exceeds the "
                    + FrameFormat.MAX_BATCH_PAYLOAD_BYTES + " one atomic batch can hold");
        }
        return new AppendRequest(copy, (int) payloadBytes);
    }

    private static int checkEntry(byte[] entry) {
        Objects.requireNonNull(entry, "entry");
        if (entry.length == 0) {
            throw new IllegalArgumentException("entry is empty");
        }
        if (entry.length > RecordLog.MAX_ENTRY_BYTES) {
            throw new IllegalArgumentException("entry of " + entry.length + " bytes exceeds MAX_ENTRY_BYTES ("
                    + RecordLog.MAX_ENTRY_BYTES + ")");
        }
        return entry.length;
    }

    /**
     * How many of the waiting requests, from the first, make one batch: whole requests in queue
     * order while they fit (at most {@value FrameFormat#MAX_BATCH_ENTRIES} entries and
     * {@value FrameFormat#MAX_BATCH_PAYLOAD_BYTES} payload bytes), so that a group is never split.
     */
    static int batchSize(Collection<AppendRequest> waiting) {
        int taken = 0;
        int entries = 0;
        long payloadBytes = 0;
        for (AppendRequest next : waiting) {
            entries += next.entryCount();
            payloadBytes += next.payloadBytes();
            if (entries > FrameFormat.MAX_BATCH_ENTRIES || payloadBytes > FrameFormat.MAX_BATCH_PAYLOAD_BYTES) {
                break;
            }
            taken++;
        }
        return taken;
    }

    byte[][] entries() {
        return entries;
    }

    int entryCount() {
        return entries.length;
    }

    int payloadBytes() {
        return payloadBytes;
    }

    void acknowledge(long index) {
        firstIndex.complete(index);
    }

    void fail(LogUnavailableException cause) {
        firstIndex.completeExceptionally(cause);
    }

    /** Waits (uninterruptibly: the outcome is decided by the writer, not by the caller) for the outcome. */
    long awaitFirstIndex() {
        try {
            return firstIndex.join();
        } catch (CompletionException e) {
            // a fresh exception, so that the stack trace shows this caller; the writer's is the cause
            throw new LogUnavailableException(e.getCause().getMessage(), e.getCause());
        }
    }
}
