package org.truce.log.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.truce.log.LogUnavailableException;
import org.truce.log.io.AppendOnlyFile;
import org.truce.log.io.RequestQueue;

/**
 * The single thread that writes the segment: takes a batch, writes it, forces it, publishes it,
 * acknowledges it (steps 2 to 6 of the write path described on {@link FileRecordLog}). Being the
 * only writer, it owns the end offset and the staging part of the index without locks. Callers never
 * run its IO, so an interrupted caller cannot close the write channel.
 */
final class GroupCommitWriter implements Runnable {
    private final RequestQueue<AppendRequest> queue;
    private final AppendOnlyFile segment;
    private final EntryIndex index;
    private final BatchEncoder encoder = new BatchEncoder();
    /** End of the last commit frame that was forced; the next batch is written here. */
    private long committedEndOffset;

    GroupCommitWriter(RequestQueue<AppendRequest> queue, AppendOnlyFile segment, EntryIndex index, long committedEndOffset) {
        this.queue = queue;
        this.segment = segment;
        this.index = index;
        this.committedEndOffset = committedEndOffset;
    }

    @Override
    public void run() {
        List<AppendRequest> batch = List.of();
        try {
            while ((batch = queue.takeBatch()) != null) {
                commit(batch);
            }
        } catch (RuntimeException | Error e) {
            // never leave callers waiting for a thread that is gone
            LogUnavailableException reason = new LogUnavailableException("log writer stopped unexpectedly", e);
            failAll(batch, reason);
            failAll(queue.abandon(reason), reason);
            throw e;
        }
    }

    private void commit(List<AppendRequest> batch) {
        long firstIndex = index.stagedCount();
        try {
            index.checkRoomFor(entryCount(batch));
        } catch (LogUnavailableException full) {
            failAll(batch, full);
            return;
        }
        ByteBuffer bytes = encoder.encode(batch, firstIndex);
        int batchBytes = bytes.remaining();
        try {
            segment.writeAndForce(bytes, committedEndOffset);
        } catch (IOException e) {
            rollBack(batch, e);
            return;
        }
        for (int entry = 0; entry < encoder.entryCount(); entry++) {
            index.stage(committedEndOffset + encoder.frameOffset(entry), encoder.payloadLength(entry));
        }
        index.publish();
        committedEndOffset += batchBytes;
        acknowledge(batch, firstIndex);
    }

    /**
     * Cuts off whatever part of the failed batch reached the file, so that the next batch is not
     * written after garbage (which recovery would then have to call corruption). If even that fails,
     * the on-disk tail is unknown: stop accepting appends until the log is reopened and recovered.
     */
    private void rollBack(List<AppendRequest> batch, IOException writeFailure) {
        try {
            segment.truncateAndForce(committedEndOffset);
            failAll(batch, new LogUnavailableException(
                    "append failed and was rolled back, nothing was appended: " + writeFailure, writeFailure));
        } catch (IOException rollbackFailure) {
            writeFailure.addSuppressed(rollbackFailure);
            LogUnavailableException reason = new LogUnavailableException("append failed and " + segment.path()
                    + " could not be cut back to its last commit; appends are refused until the log is reopened",
                    writeFailure);
            failAll(batch, reason);
            failAll(queue.abandon(reason), reason);
        }
    }

    private static int entryCount(List<AppendRequest> batch) {
        int entries = 0;
        for (AppendRequest request : batch) {
            entries += request.entryCount();
        }
        return entries;
    }

    private static void acknowledge(List<AppendRequest> batch, long firstIndex) {
        long next = firstIndex;
        for (AppendRequest request : batch) {
            request.acknowledge(next);
            next += request.entryCount();
        }
    }

    private static void failAll(List<AppendRequest> requests, LogUnavailableException reason) {
        for (AppendRequest request : requests) {
            request.fail(reason);
        }
    }
}
