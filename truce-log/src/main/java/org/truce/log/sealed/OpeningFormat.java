package org.truce.log.sealed;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The byte layout of the openings file. All integers are big-endian.
 *
 * <pre>
 * file      := header frame*
 * header    := magic:int32 ("TROP") version:int32 (1)
 * frame     := record | commit
 * record    := length:int32 (33..MAX_BODY_BYTES)  crc:int32 (CRC32C of body)  body:byte[length]
 * body      := OPEN      commitment:byte[32] salt:byte[32] value:byte[length - 65]
 *            | DESTROYED commitment:byte[32] zero:byte[length - 33]
 *            | TOMBSTONE commitment:byte[32]                             (length 33)
 * commit    := COMMIT_WORD:int32 (0x8000000C)  crc:int32 (CRC32C of payload)  batch:int64 count:int32
 * </pre>
 *
 * <p>A write batch is one or more record frames followed by one commit frame that names the batch's
 * sequence number (0, 1, 2, … in file order) and its record count; records count only once their
 * commit frame is valid. The commit frame covers no record bytes, so a record may later be rewritten
 * in place without touching it.
 *
 * <p>An OPEN record becomes DESTROYED in place: the kind byte, the salt and the value are overwritten
 * (salt and value with zeros, so the length stays), and its CRC is recomputed. Before that, a
 * TOMBSTONE naming the commitment is committed in a batch of its own, so that an overwrite cut off by
 * a crash (a record whose CRC no longer matches) is recognised as a destroy in progress and finished
 * at the next open, rather than taken for damage. The overwrite rewrites the CRC word and the body,
 * the commitment with its own bytes; so however much of it reached the disk, a record's length word
 * and commitment never change.
 */
final class OpeningFormat {
    static final int MAGIC = 0x54524F50;
    static final int VERSION = 1;
    static final int FILE_HEADER_BYTES = 8;

    static final int FRAME_HEADER_BYTES = 8;
    static final byte OPEN = 1;
    static final byte DESTROYED = 2;
    static final byte TOMBSTONE = 3;

    /** Offsets within a record frame. */
    static final int KIND_AT = FRAME_HEADER_BYTES;
    static final int COMMITMENT_AT = KIND_AT + 1;
    static final int SALT_AT = COMMITMENT_AT + Opening.COMMITMENT_BYTES;
    static final int VALUE_AT = SALT_AT + Opening.SALT_BYTES;

    static final int TOMBSTONE_BODY_BYTES = 1 + Opening.COMMITMENT_BYTES;
    static final int MIN_OPENING_BODY_BYTES = TOMBSTONE_BODY_BYTES + Opening.SALT_BYTES;
    static final int MAX_BODY_BYTES = MIN_OPENING_BODY_BYTES + Opening.MAX_VALUE_BYTES;

    static final int COMMIT_FLAG = 0x8000_0000;
    static final int COMMIT_PAYLOAD_BYTES = 12;
    static final int COMMIT_WORD = COMMIT_FLAG | COMMIT_PAYLOAD_BYTES;
    static final int COMMIT_FRAME_BYTES = FRAME_HEADER_BYTES + COMMIT_PAYLOAD_BYTES;

    /** Most records in one write batch. */
    static final int MAX_BATCH_RECORDS = 1024;
    /** Most body bytes in one write batch; a larger putAll is written as several batches. */
    static final int MAX_BATCH_BODY_BYTES = 4 << 20;
    /**
     * Most bytes one batch occupies on disk. A torn tail is never longer, because a batch is written
     * only after the previous one was forced; recovery relies on that bound.
     */
    static final int MAX_BATCH_FRAME_BYTES = MAX_BATCH_BODY_BYTES + MAX_BATCH_RECORDS * FRAME_HEADER_BYTES + COMMIT_FRAME_BYTES;

    private OpeningFormat() {}

    static ByteBuffer fileHeader() {
        return ByteBuffer.allocate(FILE_HEADER_BYTES).putInt(MAGIC).putInt(VERSION).flip();
    }

    static int openingBodyBytes(Opening opening) {
        return MIN_OPENING_BODY_BYTES + opening.value().length;
    }

    static boolean isRecordLength(int lengthWord) {
        return lengthWord >= TOMBSTONE_BODY_BYTES && lengthWord <= MAX_BODY_BYTES;
    }

    /** Whether a body whose CRC matched is one the format allows. */
    static boolean isWellFormed(byte kind, int bodyBytes) {
        return switch (kind) {
            case OPEN, DESTROYED -> bodyBytes >= MIN_OPENING_BODY_BYTES;
            case TOMBSTONE -> bodyBytes == TOMBSTONE_BODY_BYTES;
            default -> false;
        };
    }

    /** Appends an OPEN record frame to {@code buffer}. */
    static void putOpening(ByteBuffer buffer, Opening opening) {
        int start = buffer.position();
        int body = openingBodyBytes(opening);
        buffer.putInt(body).putInt(0).put(OPEN).put(opening.commitment()).put(opening.salt()).put(opening.value());
        buffer.putInt(start + 4, crc32c(buffer.slice(start + FRAME_HEADER_BYTES, body)));
    }

    /** Appends a TOMBSTONE record frame to {@code buffer}. */
    static void putTombstone(ByteBuffer buffer, byte[] commitment) {
        int start = buffer.position();
        buffer.putInt(TOMBSTONE_BODY_BYTES).putInt(0).put(TOMBSTONE).put(commitment);
        buffer.putInt(start + 4, crc32c(buffer.slice(start + FRAME_HEADER_BYTES, TOMBSTONE_BODY_BYTES)));
    }

    static void putCommit(ByteBuffer buffer, long batch, int count) {
        int start = buffer.position();
        buffer.putInt(COMMIT_WORD).putInt(0).putLong(batch).putInt(count);
        buffer.putInt(start + 4, crc32c(buffer.slice(start + FRAME_HEADER_BYTES, COMMIT_PAYLOAD_BYTES)));
    }

    /**
     * The bytes that turn an OPEN record of {@code bodyBytes} into a DESTROYED one, to be written at
     * the frame's offset + 4: the new CRC, then the body with salt and value zeroed.
     */
    static ByteBuffer destroyedRecordFromCrc(byte[] commitment, int bodyBytes) {
        ByteBuffer bytes = ByteBuffer.allocate(4 + bodyBytes);
        bytes.putInt(0).put(DESTROYED).put(commitment);
        bytes.putInt(0, crc32c(bytes.slice(4, bodyBytes)));
        return bytes.rewind();
    }

    /** CRC32C of the bytes between position and limit; does not move the buffer's position. */
    static int crc32c(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate());
        return (int) crc.getValue();
    }
}
