package org.truce.log.sealed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An independent decoder of a well-formed openings file, used to find frames in tests. It follows
 * the documented layout without sharing code with recovery.
 */
final class OpeningsLayout {
    static final int FILE_HEADER_BYTES = 8;
    static final int COMMIT_WORD = 0x8000000C;

    /** One frame: where it starts, how many bytes it takes, its kind (0 for a commit frame), its commitment. */
    record Frame(long offset, int bytes, int kind, String commitmentHex) {
        long end() {
            return offset + bytes;
        }

        boolean commit() {
            return kind == 0;
        }

        /** Offset of the salt in the file (records of kind OPEN or DESTROYED). */
        long saltOffset() {
            return offset + 8 + 1 + 32;
        }

        long valueOffset() {
            return saltOffset() + 32;
        }
    }

    private OpeningsLayout() {}

    static Path file(Path directory) {
        return directory.resolve("openings.log");
    }

    static List<Frame> frames(Path directory) throws IOException {
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(file(directory)));
        List<Frame> frames = new ArrayList<>();
        int offset = FILE_HEADER_BYTES;
        while (offset + 8 <= file.limit()) {
            int word = file.getInt(offset);
            if (word == COMMIT_WORD) {
                frames.add(new Frame(offset, 20, 0, null));
                offset += 20;
            } else {
                byte[] commitment = Arrays.copyOfRange(file.array(), offset + 9, offset + 41);
                frames.add(new Frame(offset, 8 + word, file.get(offset + 8), HexFormat.of().formatHex(commitment)));
                offset += 8 + word;
            }
        }
        return frames;
    }

    /** The record frame of {@code opening}'s commitment. */
    static Frame recordOf(Path directory, Opening opening) throws IOException {
        return frames(directory).stream()
                .filter(frame -> !frame.commit() && frame.kind() != 3 && opening.commitmentHex().equals(frame.commitmentHex()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no record of " + opening));
    }

    static List<Frame> commitFrames(Path directory) throws IOException {
        return frames(directory).stream().filter(Frame::commit).toList();
    }

    /** Changes one byte in place, as bit rot would, even while the store has the file open. */
    static void flipByte(Path directory, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file(directory), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
            channel.write(one, offset);
        }
    }

    /** Writes {@code bytes} at {@code offset}, in place. */
    static void overwrite(Path directory, long offset, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file(directory), StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer, offset + buffer.position());
            }
        }
    }

    /** Recomputes a record frame's CRC32C for its current body, as a writer that did the damage would. */
    static void fixCrc(Path directory, Frame frame) throws IOException {
        byte[] file = Files.readAllBytes(file(directory));
        CRC32C crc = new CRC32C();
        crc.update(file, (int) frame.offset() + 8, frame.bytes() - 8);
        overwrite(directory, frame.offset() + 4, ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Whether {@code needle} occurs anywhere in the file. */
    static boolean contains(Path directory, byte[] needle) throws IOException {
        byte[] file = Files.readAllBytes(file(directory));
        for (int at = 0; at <= file.length - needle.length; at++) {
            if (Arrays.equals(file, at, at + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    /** Copies the store in {@code from}, cut after {@code length} bytes, into a new directory {@code to}. */
    static void copyPrefix(Path from, Path to, long length) throws IOException {
        Files.createDirectories(to);
        byte[] bytes = Files.readAllBytes(file(from));
        Files.write(file(to), Arrays.copyOf(bytes, Math.toIntExact(length)));
    }
}
