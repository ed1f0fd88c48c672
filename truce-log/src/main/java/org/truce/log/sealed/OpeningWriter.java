package org.truce.log.sealed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.truce.log.LogUnavailableException;
import org.truce.log.io.AppendOnlyFile;
import org.truce.log.io.RequestQueue;

/**
 * The single thread that writes the openings file (steps 2 to 6 of the write path and of destroy
 * described on {@link FileOpeningStore}). Being the only writer, it owns the end offset and the batch
 * number without locks. Callers never run its IO, so an interrupted caller cannot close the channel.
 */
final class OpeningWriter implements Runnable {
    private final RequestQueue<OpeningRequest> queue;
    private final AppendOnlyFile file;
    private final OpeningIndex index;
    /** End of the last commit frame that was forced; the next batch is written here. */
    private long committedEndOffset;
    private long nextBatch;

    OpeningWriter(RequestQueue<OpeningRequest> queue, AppendOnlyFile file, OpeningIndex index, long committedEndOffset, long nextBatch) {
        this.queue = queue;
        this.file = file;
        this.index = index;
        this.committedEndOffset = committedEndOffset;
        this.nextBatch = nextBatch;
    }

    @Override
    public void run() {
        List<OpeningRequest> batch = List.of();
        try {
            while ((batch = queue.takeBatch()) != null) {
                if (batch.getFirst() instanceof OpeningRequest.Destroy destroy) {
                    destroy(destroy);
                } else {
                    put(batch);
                }
            }
        } catch (RuntimeException | Error e) {
            // never leave callers waiting for a thread that is gone
            LogUnavailableException reason = new LogUnavailableException("opening store writer stopped unexpectedly", e);
            failAll(batch, reason);
            failAll(queue.abandon(reason), reason);
            throw e;
        }
    }

    private void put(List<OpeningRequest> batch) {
        List<Opening> fresh = new ArrayList<>();
        Set<OpeningIndex.Key> seen = new HashSet<>();
        int bodyBytes = 0;
        for (OpeningRequest request : batch) {
            for (Opening opening : ((OpeningRequest.Put) request).openings()) {
                OpeningIndex.Key key = OpeningIndex.Key.of(opening.commitment());
                if (!index.contains(key) && seen.add(key)) {
                    fresh.add(opening);
                    bodyBytes += OpeningFormat.openingBodyBytes(opening);
                }
            }
        }
        if (fresh.isEmpty()) {
            completeAll(batch, true);
            return;
        }
        ByteBuffer bytes = ByteBuffer.allocate(bodyBytes + fresh.size() * OpeningFormat.FRAME_HEADER_BYTES
                + OpeningFormat.COMMIT_FRAME_BYTES);
        long[] frameOffsets = new long[fresh.size()];
        for (int i = 0; i < fresh.size(); i++) {
            frameOffsets[i] = committedEndOffset + bytes.position();
            OpeningFormat.putOpening(bytes, fresh.get(i));
        }
        OpeningFormat.putCommit(bytes, nextBatch, fresh.size());
        if (!append(bytes.flip(), batch)) {
            return;
        }
        for (int i = 0; i < fresh.size(); i++) {
            Opening opening = fresh.get(i);
            index.putOpen(OpeningIndex.Key.of(opening.commitment()), frameOffsets[i], OpeningFormat.openingBodyBytes(opening));
        }
        completeAll(batch, true);
    }

    private void destroy(OpeningRequest.Destroy request) {
        OpeningIndex.Slot slot = index.get(request.key());
        if (slot == null || slot.destroyed()) {
            request.complete(false);
            return;
        }
        byte[] commitment = request.key().commitment();
        ByteBuffer tombstone = ByteBuffer.allocate(OpeningFormat.FRAME_HEADER_BYTES + OpeningFormat.TOMBSTONE_BODY_BYTES
                + OpeningFormat.COMMIT_FRAME_BYTES);
        OpeningFormat.putTombstone(tombstone, commitment);
        OpeningFormat.putCommit(tombstone, nextBatch, 1);
        if (!append(tombstone.flip(), List.of(request))) {
            return;
        }
        // from here on the destroy is durable: a later open finishes it whatever happens next
        index.markDestroyed(request.key());
        try {
            file.write(OpeningFormat.destroyedRecordFromCrc(commitment, slot.bodyBytes()), slot.frameOffset() + 4);
            file.force();
        } catch (IOException e) {
            LogUnavailableException reason = new LogUnavailableException("the destroy of " + request.key()
                    + " is recorded, but its salt and value could not be overwritten in " + file.path()
                    + "; they will be when the store is reopened, and writes are refused until then", e);
            request.fail(reason);
            failAll(queue.abandon(reason), reason);
            return;
        }
        request.complete(true);
    }

    /**
     * Writes and forces one batch at the end; on failure cuts the file back to its last commit and
     * fails the requests. Returns whether the batch is durable.
     */
    private boolean append(ByteBuffer bytes, List<OpeningRequest> requests) {
        int batchBytes = bytes.remaining();
        try {
            file.writeAndForce(bytes, committedEndOffset);
        } catch (IOException e) {
            rollBack(requests, e);
            return false;
        }
        committedEndOffset += batchBytes;
        nextBatch++;
        return true;
    }

    /**
     * Cuts off whatever part of the failed batch reached the file, so that the next batch is not
     * written after garbage (which recovery would then have to call corruption). If even that fails,
     * the tail is unknown: refuse writes until the store is reopened and recovered.
     */
    private void rollBack(List<OpeningRequest> requests, IOException writeFailure) {
        try {
            file.truncateAndForce(committedEndOffset);
            failAll(requests, new LogUnavailableException(
                    "writing openings failed and was rolled back, nothing was stored: " + writeFailure, writeFailure));
        } catch (IOException rollbackFailure) {
            writeFailure.addSuppressed(rollbackFailure);
            LogUnavailableException reason = new LogUnavailableException("writing openings failed and " + file.path()
                    + " could not be cut back to its last commit; writes are refused until the store is reopened",
                    writeFailure);
            failAll(requests, reason);
            failAll(queue.abandon(reason), reason);
        }
    }

    private static void completeAll(List<OpeningRequest> requests, boolean result) {
        for (OpeningRequest request : requests) {
            request.complete(result);
        }
    }

    private static void failAll(List<OpeningRequest> requests, LogUnavailableException reason) {
        for (OpeningRequest request : requests) {
            request.fail(reason);
        }
    }
}
