package org.truce.log.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.truce.log.io.AppendOnlyFile;
import org.truce.log.io.FileWindow;

/**
 * Rebuilds the entry index from a segment and finds where its committed part ends.
 *
 * <p>Frames are decoded from the file header onwards. An entry counts only once the commit frame
 * of its batch is decoded. Decoding stops at the first frame that is partial, has a bad length word
 * or a CRC32C mismatch, or a commit frame that does not match the entries before it. The bytes
 * after the last good commit frame are then either:
 *
 * <ul>
 *   <li>a <b>torn tail</b>: the final batch, whose write or force was cut off by a crash. It was
 *       never acknowledged: acknowledgement follows {@code force()}, and once force returned every
 *       sector of the batch was on disk, so a batch with a bad frame never got that far. After
 *       power loss the sectors of that batch may have reached the disk in any order, so its own
 *       commit frame can be intact behind a damaged entry frame. A torn tail is at most one batch
 *       long, because a batch is written only after the previous one was forced. The caller
 *       truncates it;
 *   <li><b>corruption</b>: a valid commit frame of a <em>later</em> batch follows the damage, or
 *       the undecodable bytes are longer than any batch, so acknowledged entries lie beyond it.
 *       Recovery throws {@link LogCorruptedException} rather than drop them.
 * </ul>
 *
 * <p>Limitation: media damage confined to the final batch after it was acknowledged looks exactly
 * like a torn write of that batch and is truncated too (with a warning from the caller).
 */
final class SegmentRecovery {
    /** Holds any frame, and a whole torn tail (at most one batch), in one piece. */
    private static final int WINDOW_BYTES = FrameFormat.MAX_BATCH_FRAME_BYTES;

    /** The outcome: the index of committed entries, where they end, and what followed them. */
    record Result(EntryIndex index, long committedEndOffset, long tornTailBytes) {}

    private final Path file;
    private final FileWindow reader;
    private final EntryIndex index = new EntryIndex();
    private long offset = FrameFormat.FILE_HEADER_BYTES;
    private long committedEndOffset = FrameFormat.FILE_HEADER_BYTES;
    private int committedCount;
    private String stopReason = "entries without a commit frame";
    private long suspectIndex;

    private SegmentRecovery(Path file, FileWindow reader) {
        this.file = file;
        this.reader = reader;
    }

    /** Decodes {@code segment} as it is now; the caller truncates a torn tail. */
    static Result recover(AppendOnlyFile segment) throws IOException {
        SegmentRecovery recovery = new SegmentRecovery(segment.path(), segment.window(WINDOW_BYTES));
        recovery.checkHeader();
        recovery.decodeFrames();
        return recovery.resolveTail();
    }

    private void checkHeader() throws IOException {
        ByteBuffer header = reader.bytes(0, FrameFormat.FILE_HEADER_BYTES);
        if (header == null) {
            throw corrupt(0, 0, "file is shorter than its " + FrameFormat.FILE_HEADER_BYTES + "-byte header");
        }
        if (header.getInt(0) != FrameFormat.MAGIC) {
            throw corrupt(0, 0, "not a Truce log segment (bad magic number)");
        }
        if (header.getInt(4) != FrameFormat.VERSION) {
            throw corrupt(0, 4, "unsupported format version " + header.getInt(4));
        }
    }

    private void decodeFrames() throws IOException {
        while (offset < reader.fileBytes() && decodeFrame()) {
            // each successful call moves offset past one frame
        }
        if (offset == reader.fileBytes()) {
            suspectIndex = committedCount; // every frame decoded; only a commit frame may be missing
        }
    }

    /** Decodes the frame at {@link #offset}; returns false (and records why) if it is not valid. */
    private boolean decodeFrame() throws IOException {
        ByteBuffer head = reader.bytes(offset, FrameFormat.FRAME_HEADER_BYTES);
        if (head == null) {
            return stop(index.stagedCount(), "partial frame header");
        }
        int lengthWord = head.getInt(0);
        int crc = head.getInt(4);
        return lengthWord == FrameFormat.COMMIT_WORD ? decodeCommit(crc) : decodeEntry(lengthWord, crc);
    }

    private boolean decodeEntry(int lengthWord, int crc) throws IOException {
        if (!FrameFormat.isEntryLength(lengthWord)) {
            return stop(index.stagedCount(), "invalid length word 0x" + Integer.toHexString(lengthWord));
        }
        if (index.stagedCount() - committedCount == FrameFormat.MAX_BATCH_ENTRIES) {
            return stop(index.stagedCount(), "more than " + FrameFormat.MAX_BATCH_ENTRIES + " entries without a commit");
        }
        ByteBuffer payload = reader.bytes(offset + FrameFormat.FRAME_HEADER_BYTES, lengthWord);
        if (payload == null) {
            return stop(index.stagedCount(), "partial entry frame");
        }
        if (FrameFormat.crc32c(payload) != crc) {
            return stop(index.stagedCount(), "CRC32C mismatch in entry frame");
        }
        index.checkRoomFor(1);
        index.stage(offset, lengthWord);
        offset += FrameFormat.FRAME_HEADER_BYTES + lengthWord;
        return true;
    }

    private boolean decodeCommit(int crc) throws IOException {
        ByteBuffer payload = reader.bytes(offset + FrameFormat.FRAME_HEADER_BYTES, FrameFormat.COMMIT_PAYLOAD_BYTES);
        if (payload == null) {
            return stop(committedCount, "partial commit frame");
        }
        if (FrameFormat.crc32c(payload) != crc) {
            return stop(committedCount, "CRC32C mismatch in commit frame");
        }
        long firstIndex = payload.getLong(0);
        int count = payload.getInt(8);
        int pending = index.stagedCount() - committedCount;
        if (firstIndex != committedCount || count != pending || count == 0) {
            return stop(committedCount, "commit frame for " + count + " entries from index " + firstIndex
                    + " does not match the " + pending + " pending entries from index " + committedCount);
        }
        offset += FrameFormat.COMMIT_FRAME_BYTES;
        committedEndOffset = offset;
        committedCount = index.stagedCount();
        return true;
    }

    private boolean stop(long suspect, String reason) {
        suspectIndex = suspect;
        stopReason = reason;
        return false;
    }

    private Result resolveTail() throws IOException {
        long tailBytes = reader.fileBytes() - committedEndOffset;
        if (tailBytes > FrameFormat.MAX_BATCH_FRAME_BYTES) {
            throw corrupt(suspectIndex, offset, stopReason + ", and the " + tailBytes
                    + " bytes after the last commit frame are more than one batch can leave behind");
        }
        long laterCommit = findCommitFrame(offset);
        if (laterCommit >= 0) {
            throw corrupt(suspectIndex, offset, stopReason + ", but a valid commit frame of a later batch follows at"
                    + " byte offset " + laterCommit + ", so acknowledged entries would be lost");
        }
        index.discardStagedFrom(committedCount);
        index.publish();
        return new Result(index, committedEndOffset, tailBytes);
    }

    /**
     * Offset of the first valid commit frame at or after {@code from} that belongs to a batch after
     * the one being decoded (its first index is beyond the last committed one), or -1.
     */
    private long findCommitFrame(long from) throws IOException {
        int length = (int) (reader.fileBytes() - from);
        ByteBuffer tail = length < FrameFormat.COMMIT_FRAME_BYTES ? null : reader.bytes(from, length);
        for (int at = 0; tail != null && at <= length - FrameFormat.COMMIT_FRAME_BYTES; at++) {
            if (tail.getInt(at) == FrameFormat.COMMIT_WORD
                    && FrameFormat.crc32c(tail.slice(at + FrameFormat.FRAME_HEADER_BYTES, FrameFormat.COMMIT_PAYLOAD_BYTES))
                            == tail.getInt(at + 4)
                    && tail.getLong(at + FrameFormat.FRAME_HEADER_BYTES) > committedCount) {
                return from + at;
            }
        }
        return -1;
    }

    private LogCorruptedException corrupt(long entryIndex, long byteOffset, String reason) {
        return new LogCorruptedException(file, entryIndex, byteOffset, reason);
    }
}
