package org.truce.log.sealed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.truce.log.io.AppendOnlyFile;
import org.truce.log.io.FileWindow;

/**
 * Rebuilds the index from the openings file, finds where its committed part ends, and lists the
 * destroys a crash left unfinished.
 *
 * <p>Frames are decoded from the header onwards; a record counts once its batch's commit frame is
 * decoded. A record whose CRC does not match but whose length word is valid is decoded
 * provisionally (its length word and commitment never change, so they can be trusted for now):
 * it is either an in-place destroy cut off by a crash, which a committed TOMBSTONE of its commitment
 * proves, or damage. Decoding stops at the first frame that is partial, has an invalid length word,
 * a well-formed CRC but an unknown layout, or a commit frame that does not match the records before
 * it. Then:
 *
 * <ul>
 *   <li>a damaged record that a tombstone explains is a <b>destroy in progress</b>: the caller
 *       finishes it (overwrites it again);
 *   <li>a damaged record in the <em>last</em> committed batch, or undecodable bytes after the last
 *       commit frame, are a <b>torn tail</b>: the final batch, cut off by a crash before its force
 *       returned, so never acknowledged. After power loss its sectors may have reached the disk in
 *       any order, so its commit frame can be intact behind a damaged record. A torn tail is at most
 *       one batch long, because a batch is written only after the previous one was forced. The
 *       caller truncates it;
 *   <li>anything else is <b>corruption</b>: a damaged record that later batches follow and no
 *       tombstone explains, a valid commit frame of a later batch behind the damage, or more
 *       undecodable bytes than one batch can leave. Recovery throws
 *       {@link OpeningStoreCorruptedException} naming the byte offset rather than drop acknowledged
 *       openings.
 * </ul>
 *
 * <p>Limitation: media damage confined to the final batch after it was acknowledged looks exactly
 * like a torn write of that batch and is truncated too (with a warning from the caller).
 */
final class OpeningRecovery {
    /** Holds any frame, and a whole torn tail (at most one batch), in one piece. */
    private static final int WINDOW_BYTES = OpeningFormat.MAX_BATCH_FRAME_BYTES;

    /** A record to be made DESTROYED again: its tombstone is durable, its bytes may not be zero yet. */
    record Redo(OpeningIndex.Key key, long frameOffset, int bodyBytes) {}

    /** The outcome: the index, where the committed part ends, the next batch number, what followed, what to redo. */
    record Result(OpeningIndex index, long committedEndOffset, long nextBatch, long tornTailBytes, List<Redo> redo) {}

    private record Frame(long offset, byte kind, OpeningIndex.Key key, int bodyBytes, boolean intact) {}

    private record Batch(long start, long number, List<Frame> frames) {
        Frame firstDamaged() {
            return frames.stream().filter(frame -> !frame.intact()).findFirst().orElse(null);
        }
    }

    private final Path file;
    private final FileWindow window;
    private final OpeningIndex index = new OpeningIndex();
    private final List<Frame> pending = new ArrayList<>();
    private long pendingBodyBytes;
    /** The last committed batch, applied only once it is known not to be a torn tail. */
    private Batch held;
    /** Damaged records of applied batches that no tombstone has explained yet. */
    private final Map<OpeningIndex.Key, Frame> suspects = new HashMap<>();
    private final Map<OpeningIndex.Key, Redo> redo = new LinkedHashMap<>();
    private long offset = OpeningFormat.FILE_HEADER_BYTES;
    private long committedEndOffset = OpeningFormat.FILE_HEADER_BYTES;
    private long committedBatches;
    private String stopReason = "records without a commit frame";

    private OpeningRecovery(Path file, FileWindow window) {
        this.file = file;
        this.window = window;
    }

    /** Decodes {@code file} as it is now; the caller truncates a torn tail and redoes the destroys. */
    static Result recover(AppendOnlyFile file) throws IOException {
        OpeningRecovery recovery = new OpeningRecovery(file.path(), file.window(WINDOW_BYTES));
        recovery.checkHeader();
        recovery.decodeFrames();
        return recovery.resolve();
    }

    private void checkHeader() throws IOException {
        ByteBuffer header = window.bytes(0, OpeningFormat.FILE_HEADER_BYTES);
        if (header == null) {
            throw corrupt(0, null, "file is shorter than its " + OpeningFormat.FILE_HEADER_BYTES + "-byte header");
        }
        if (header.getInt(0) != OpeningFormat.MAGIC) {
            throw corrupt(0, null, "not a Truce openings file (bad magic number)");
        }
        if (header.getInt(4) != OpeningFormat.VERSION) {
            throw corrupt(4, null, "unsupported format version " + header.getInt(4));
        }
    }

    private void decodeFrames() throws IOException {
        while (offset < window.fileBytes() && decodeFrame()) {
            // each successful call moves offset past one frame
        }
    }

    /** Decodes the frame at {@link #offset}; returns false (and records why) if it cannot be decoded. */
    private boolean decodeFrame() throws IOException {
        ByteBuffer head = window.bytes(offset, OpeningFormat.FRAME_HEADER_BYTES);
        if (head == null) {
            return stop("partial frame header");
        }
        int lengthWord = head.getInt(0);
        int crc = head.getInt(4);
        return lengthWord == OpeningFormat.COMMIT_WORD ? decodeCommit(crc) : decodeRecord(lengthWord, crc);
    }

    private boolean decodeRecord(int lengthWord, int crc) throws IOException {
        if (!OpeningFormat.isRecordLength(lengthWord)) {
            return stop("invalid length word 0x" + Integer.toHexString(lengthWord));
        }
        if (pending.size() == OpeningFormat.MAX_BATCH_RECORDS
                || pendingBodyBytes + lengthWord > OpeningFormat.MAX_BATCH_BODY_BYTES) {
            return stop("more records without a commit frame than one batch holds");
        }
        ByteBuffer body = window.bytes(offset + OpeningFormat.FRAME_HEADER_BYTES, lengthWord);
        if (body == null) {
            return stop("partial record frame");
        }
        boolean intact = OpeningFormat.crc32c(body) == crc;
        byte kind = body.get(0);
        if (intact && !OpeningFormat.isWellFormed(kind, lengthWord)) {
            return stop("record of kind " + kind + " cannot be " + lengthWord + " bytes long");
        }
        byte[] commitment = new byte[Opening.COMMITMENT_BYTES];
        body.get(1, commitment);
        pending.add(new Frame(offset, kind, OpeningIndex.Key.of(commitment), lengthWord, intact));
        pendingBodyBytes += lengthWord;
        offset += OpeningFormat.FRAME_HEADER_BYTES + lengthWord;
        return true;
    }

    private boolean decodeCommit(int crc) throws IOException {
        ByteBuffer payload = window.bytes(offset + OpeningFormat.FRAME_HEADER_BYTES, OpeningFormat.COMMIT_PAYLOAD_BYTES);
        if (payload == null) {
            return stop("partial commit frame");
        }
        if (OpeningFormat.crc32c(payload) != crc) {
            return stop("CRC32C mismatch in commit frame");
        }
        long batch = payload.getLong(0);
        int count = payload.getInt(8);
        if (batch != committedBatches || count != pending.size() || count == 0) {
            return stop("commit frame of batch " + batch + " for " + count + " records does not match batch "
                    + committedBatches + " with " + pending.size() + " pending records");
        }
        if (held != null) {
            apply(held);
        }
        held = new Batch(committedEndOffset, batch, List.copyOf(pending));
        pending.clear();
        pendingBodyBytes = 0;
        offset += OpeningFormat.COMMIT_FRAME_BYTES;
        committedEndOffset = offset;
        committedBatches++;
        return true;
    }

    private boolean stop(String reason) {
        stopReason = reason;
        return false;
    }

    private void apply(Batch batch) {
        for (Frame frame : batch.frames()) {
            if (!frame.intact()) {
                suspects.putIfAbsent(frame.key(), frame);
                continue;
            }
            switch (frame.kind()) {
                case OpeningFormat.OPEN -> index.putOpen(frame.key(), frame.offset(), frame.bodyBytes());
                case OpeningFormat.DESTROYED -> index.markDestroyed(frame.key());
                case OpeningFormat.TOMBSTONE -> applyTombstone(frame.key());
                default -> throw new IllegalStateException("decoded a record of unknown kind " + frame.kind());
            }
        }
    }

    private void applyTombstone(OpeningIndex.Key key) {
        OpeningIndex.Slot slot = index.get(key);
        if (slot != null && !slot.destroyed()) {
            redo.put(key, new Redo(key, slot.frameOffset(), slot.bodyBytes()));
        }
        Frame cutOff = suspects.remove(key);
        if (cutOff != null) {
            redo.put(key, new Redo(key, cutOff.offset(), cutOff.bodyBytes()));
        }
        index.markDestroyed(key);
    }

    private Result resolve() throws IOException {
        long keepEnd = committedEndOffset;
        long nextBatch = committedBatches;
        Frame damage = pending.stream().filter(frame -> !frame.intact()).findFirst().orElse(null);
        if (held != null && held.firstDamaged() != null) {
            keepEnd = held.start();
            nextBatch = held.number();
            damage = held.firstDamaged();
        } else if (held != null) {
            apply(held);
        }
        if (!suspects.isEmpty()) {
            Frame first = suspects.values().stream().min(Comparator.comparingLong(Frame::offset)).orElseThrow();
            throw corrupt(first.offset(), first.key().hex(), "CRC32C mismatch in a record that later batches follow,"
                    + " and no destroy of it is recorded");
        }
        long damageOffset = damage != null ? damage.offset() : offset;
        long tailBytes = window.fileBytes() - keepEnd;
        if (tailBytes > OpeningFormat.MAX_BATCH_FRAME_BYTES) {
            throw corrupt(damageOffset, null, stopReason + ", and the " + tailBytes
                    + " bytes after the last commit frame are more than one batch can leave behind");
        }
        long laterCommit = findCommitFrame(offset, nextBatch);
        if (laterCommit >= 0) {
            throw corrupt(damageOffset, null, stopReason + ", but a valid commit frame of a later batch follows at byte"
                    + " offset " + laterCommit + ", so acknowledged openings would be lost");
        }
        return new Result(index, keepEnd, nextBatch, tailBytes, List.copyOf(redo.values()));
    }

    /** Offset of the first valid commit frame at or after {@code from} of a batch after {@code batch}, or -1. */
    private long findCommitFrame(long from, long batch) throws IOException {
        int length = (int) (window.fileBytes() - from);
        ByteBuffer tail = length < OpeningFormat.COMMIT_FRAME_BYTES ? null : window.bytes(from, length);
        for (int at = 0; tail != null && at <= length - OpeningFormat.COMMIT_FRAME_BYTES; at++) {
            if (tail.getInt(at) == OpeningFormat.COMMIT_WORD
                    && OpeningFormat.crc32c(tail.slice(at + OpeningFormat.FRAME_HEADER_BYTES, OpeningFormat.COMMIT_PAYLOAD_BYTES))
                            == tail.getInt(at + 4)
                    && tail.getLong(at + OpeningFormat.FRAME_HEADER_BYTES) > batch) {
                return from + at;
            }
        }
        return -1;
    }

    private OpeningStoreCorruptedException corrupt(long byteOffset, String commitmentHex, String reason) {
        return new OpeningStoreCorruptedException(file.toString(), byteOffset, commitmentHex, reason);
    }
}
