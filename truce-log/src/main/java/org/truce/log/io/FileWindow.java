package org.truce.log.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Sequential access to a file through a large window, so that recovery costs one read call per
 * window rather than two per frame. The window is as large as the caller asks (at most the file), so
 * a caller that must see a whole torn tail in one piece asks for a window of one batch.
 */
public final class FileWindow {
    private final FileChannel channel;
    private final long fileBytes;
    private final ByteBuffer window;
    private long windowStart;

    FileWindow(FileChannel channel, long fileBytes, int windowBytes) {
        this.channel = channel;
        this.fileBytes = fileBytes;
        this.window = ByteBuffer.allocate((int) Math.min(windowBytes, fileBytes)).limit(0);
    }

    /** The file's size when the window was made; later growth is not seen. */
    public long fileBytes() {
        return fileBytes;
    }

    /**
     * The bytes {@code [offset, offset + length)} as a buffer positioned at 0, or {@code null} if
     * the file ends first. The buffer is valid until the next call.
     */
    public ByteBuffer bytes(long offset, int length) throws IOException {
        if (offset < 0 || offset > fileBytes - length) {
            return null;
        }
        if (length > window.capacity()) {
            throw new IllegalArgumentException("read of " + length + " bytes exceeds the window");
        }
        if (offset < windowStart || offset + length > windowStart + window.limit()) {
            fill(offset);
        }
        return window.slice((int) (offset - windowStart), length);
    }

    private void fill(long offset) throws IOException {
        window.clear();
        windowStart = offset;
        window.limit((int) Math.min(window.capacity(), fileBytes - offset));
        while (window.hasRemaining()) {
            if (channel.read(window, offset + window.position()) < 0) {
                throw new EOFException("the file shrank while it was being read at offset " + offset);
            }
        }
        window.flip();
    }
}
