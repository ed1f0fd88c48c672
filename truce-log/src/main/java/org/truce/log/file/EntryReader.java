package org.truce.log.file;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.truce.log.RecordLog.EntryVisitor;
import org.truce.log.io.ReadHandles;

/**
 * Reads durable entries through the index, checking each frame's length word and CRC32C again so
 * that damage after open surfaces as {@link LogCorruptedException} rather than as wrong bytes.
 */
final class EntryReader {
    /** A scan reads consecutive frames in chunks of about this size (one large frame may exceed it). */
    private static final int SCAN_CHUNK_BYTES = 1 << 20;

    private final Path file;
    private final ReadHandles reads;

    EntryReader(Path file, ReadHandles reads) {
        this.file = file;
        this.reads = reads;
    }

    /** One positioned read of the whole frame. */
    byte[] read(EntryIndex.Snapshot entries, int index) {
        return readChunk(entries, index, index).decode(index);
    }

    void scan(EntryIndex.Snapshot entries, int fromIndex, EntryVisitor visitor) {
        int first = fromIndex;
        while (first < entries.count()) {
            int last = lastInChunk(entries, first);
            Chunk chunk = readChunk(entries, first, last);
            for (int index = first; index <= last; index++) {
                visitor.visit(index, chunk.decode(index));
            }
            first = last + 1;
        }
    }

    /** The last index whose frame still ends within SCAN_CHUNK_BYTES of {@code first}'s frame. */
    private static int lastInChunk(EntryIndex.Snapshot entries, int first) {
        long limit = entries.frameOffset(first) + SCAN_CHUNK_BYTES;
        int last = first;
        while (last + 1 < entries.count() && frameEnd(entries, last + 1) <= limit) {
            last++;
        }
        return last;
    }

    private static long frameEnd(EntryIndex.Snapshot entries, int index) {
        return entries.frameOffset(index) + FrameFormat.FRAME_HEADER_BYTES + entries.payloadLength(index);
    }

    private Chunk readChunk(EntryIndex.Snapshot entries, int first, int last) {
        long start = entries.frameOffset(first);
        ByteBuffer bytes;
        try {
            bytes = ByteBuffer.wrap(reads.read(start, (int) (frameEnd(entries, last) - start)));
        } catch (EOFException e) {
            throw new LogCorruptedException(file, first, start, "the file ends inside entries that were durable ("
                    + e.getMessage() + "); was it truncated by another program?");
        }
        return new Chunk(entries, start, bytes);
    }

    /** Consecutive frames read in one call, starting at {@code start} in the file. */
    private final class Chunk {
        private final EntryIndex.Snapshot entries;
        private final long start;
        private final ByteBuffer bytes;

        Chunk(EntryIndex.Snapshot entries, long start, ByteBuffer bytes) {
            this.entries = entries;
            this.start = start;
            this.bytes = bytes;
        }

        byte[] decode(int index) {
            long frameOffset = entries.frameOffset(index);
            int at = (int) (frameOffset - start);
            int length = entries.payloadLength(index);
            if (bytes.getInt(at) != length) {
                throw new LogCorruptedException(file, index, frameOffset, "length word changed after the log was opened");
            }
            byte[] payload = new byte[length];
            bytes.get(at + FrameFormat.FRAME_HEADER_BYTES, payload);
            if (FrameFormat.crc32c(payload, 0, length) != bytes.getInt(at + 4)) {
                throw new LogCorruptedException(file, index, frameOffset, "CRC32C mismatch (damaged after the log was opened)");
            }
            return payload;
        }
    }
}
