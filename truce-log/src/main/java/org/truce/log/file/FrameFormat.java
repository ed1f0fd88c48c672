package org.truce.log.file;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.truce.log.RecordLog;

/**
 * The byte layout of a segment file. All integers are big-endian.
 *
 * <pre>
 * file    := header frame*
 * header  := magic:int32 ("TRLG") version:int32 (1)
 * frame   := entry | commit
 * entry   := length:int32 (1..MAX_ENTRY_BYTES)  crc:int32 (CRC32C of payload)  payload:byte[length]
 * commit  := COMMIT_WORD:int32 (0x8000000C)      crc:int32 (CRC32C of payload)  firstIndex:int64 count:int32
 * </pre>
 *
 * <p>A write batch is one or more entry frames followed by one commit frame that names the index
 * of the batch's first entry and the number of entries. Entries count as present only once their
 * commit frame is on disk and valid, which is what makes a batch (and so an {@code appendAll}
 * group, which never spans batches) atomic. The top bit of the length word tells the two frame
 * kinds apart; entry lengths never reach it because {@link RecordLog#MAX_ENTRY_BYTES} is far below
 * 2^31.
 */
final class FrameFormat {
    static final int MAGIC = 0x54524C47;
    static final int VERSION = 1;
    static final int FILE_HEADER_BYTES = 8;

    static final int FRAME_HEADER_BYTES = 8;
    static final int COMMIT_FLAG = 0x8000_0000;
    static final int COMMIT_PAYLOAD_BYTES = 12;
    static final int COMMIT_WORD = COMMIT_FLAG | COMMIT_PAYLOAD_BYTES;
    static final int COMMIT_FRAME_BYTES = FRAME_HEADER_BYTES + COMMIT_PAYLOAD_BYTES;

    /** Most entries in one write batch; an appendAll group may not have more. */
    static final int MAX_BATCH_ENTRIES = 1024;
    /** Most payload bytes in one write batch; an appendAll group may not have more. */
    static final int MAX_BATCH_PAYLOAD_BYTES = 4 << 20;
    /**
     * Most bytes one batch occupies on disk. A torn tail can never be longer, because a batch is
     * only written after the previous one was forced; recovery relies on that bound.
     */
    static final int MAX_BATCH_FRAME_BYTES =
            MAX_BATCH_PAYLOAD_BYTES + MAX_BATCH_ENTRIES * FRAME_HEADER_BYTES + COMMIT_FRAME_BYTES;

    static {
        if (RecordLog.MAX_ENTRY_BYTES > MAX_BATCH_PAYLOAD_BYTES || RecordLog.MAX_ENTRY_BYTES >= COMMIT_FLAG >>> 1) {
            throw new ExceptionInInitializerError("MAX_ENTRY_BYTES does not fit the frame format");
        }
    }

    private FrameFormat() {}

    static ByteBuffer fileHeader() {
        return ByteBuffer.allocate(FILE_HEADER_BYTES).putInt(MAGIC).putInt(VERSION).flip();
    }

    static boolean isEntryLength(int lengthWord) {
        return lengthWord >= 1 && lengthWord <= RecordLog.MAX_ENTRY_BYTES;
    }

    /** CRC32C of the bytes between position and limit; does not move the buffer's position. */
    static int crc32c(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate());
        return (int) crc.getValue();
    }

    static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
