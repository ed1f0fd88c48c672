package org.truce.log.file;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Lays out one batch in a reusable direct buffer: every entry frame, then the commit frame. Each
 * CRC is computed from the bytes in the buffer, so a frame is self-consistent even if a caller
 * changed its array meanwhile.
 */
final class BatchEncoder {
    /** Small at first and grown on demand, so that a quiet log does not hold a 4 MiB direct buffer. */
    private static final int INITIAL_BUFFER_BYTES = 64 << 10;

    private ByteBuffer buffer = ByteBuffer.allocateDirect(INITIAL_BUFFER_BYTES);
    private final int[] frameOffsets = new int[FrameFormat.MAX_BATCH_ENTRIES];
    private final int[] payloadLengths = new int[FrameFormat.MAX_BATCH_ENTRIES];
    private int entryCount;

    /** Encodes {@code batch}, whose first entry gets {@code firstIndex}; returns the bytes to write. */
    ByteBuffer encode(List<AppendRequest> batch, long firstIndex) {
        ensureCapacity(frameBytes(batch));
        buffer.clear();
        entryCount = 0;
        for (AppendRequest request : batch) {
            for (byte[] entry : request.entries()) {
                putEntry(entry);
            }
        }
        putCommit(firstIndex);
        return buffer.flip();
    }

    private static int frameBytes(List<AppendRequest> batch) {
        int bytes = FrameFormat.COMMIT_FRAME_BYTES;
        for (AppendRequest request : batch) {
            bytes += request.payloadBytes() + request.entryCount() * FrameFormat.FRAME_HEADER_BYTES;
        }
        return bytes;
    }

    private void ensureCapacity(int bytes) {
        if (bytes > buffer.capacity()) {
            int capacity = Math.min(FrameFormat.MAX_BATCH_FRAME_BYTES, Integer.highestOneBit(bytes - 1) << 1);
            buffer = ByteBuffer.allocateDirect(Math.max(capacity, bytes));
        }
    }

    int entryCount() {
        return entryCount;
    }

    /** Offset of an entry's frame from the start of the batch. */
    int frameOffset(int entry) {
        return frameOffsets[entry];
    }

    int payloadLength(int entry) {
        return payloadLengths[entry];
    }

    private void putEntry(byte[] payload) {
        int start = buffer.position();
        frameOffsets[entryCount] = start;
        payloadLengths[entryCount] = payload.length;
        entryCount++;
        buffer.putInt(payload.length).putInt(0).put(payload);
        buffer.putInt(start + 4, FrameFormat.crc32c(buffer.slice(start + FrameFormat.FRAME_HEADER_BYTES, payload.length)));
    }

    private void putCommit(long firstIndex) {
        int start = buffer.position();
        buffer.putInt(FrameFormat.COMMIT_WORD).putInt(0).putLong(firstIndex).putInt(entryCount);
        buffer.putInt(start + 4, FrameFormat.crc32c(buffer.slice(start + FrameFormat.FRAME_HEADER_BYTES,
                FrameFormat.COMMIT_PAYLOAD_BYTES)));
    }
}
