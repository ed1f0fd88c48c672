package org.truce.log.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent decoder of a well-formed segment, used to find frame offsets in tests. It
 * follows the documented layout without sharing code with recovery.
 */
final class SegmentLayout {
    static final int FILE_HEADER_BYTES = 8;

    /** One frame: where it starts, how many bytes it takes, and whether it is a commit frame. */
    record Frame(long offset, int bytes, boolean commit) {
        long end() {
            return offset + bytes;
        }
    }

    private SegmentLayout() {}

    static Path segment(Path directory) {
        return directory.resolve("entries.log");
    }

    static List<Frame> frames(Path directory) throws IOException {
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(segment(directory)));
        List<Frame> frames = new ArrayList<>();
        int offset = FILE_HEADER_BYTES;
        while (offset + 8 <= file.limit()) {
            int word = file.getInt(offset);
            boolean commit = word == 0x8000000C;
            int bytes = 8 + (commit ? 12 : word);
            frames.add(new Frame(offset, bytes, commit));
            offset += bytes;
        }
        return frames;
    }

    static List<Frame> entryFrames(Path directory) throws IOException {
        return frames(directory).stream().filter(frame -> !frame.commit()).toList();
    }

    static List<Frame> commitFrames(Path directory) throws IOException {
        return frames(directory).stream().filter(Frame::commit).toList();
    }

    /** Changes one byte in place, as bit rot would, even while the log has the file open. */
    static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
            channel.write(one, offset);
        }
    }

    /** Copies the first {@code length} bytes of the segment in {@code from} into a new log directory {@code to}. */
    static void copyPrefix(Path from, Path to, long length) throws IOException {
        Files.createDirectories(to);
        byte[] bytes = Files.readAllBytes(segment(from));
        Files.write(segment(to), java.util.Arrays.copyOf(bytes, Math.toIntExact(length)));
    }
}
