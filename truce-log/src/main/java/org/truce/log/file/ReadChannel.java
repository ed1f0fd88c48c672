package org.truce.log.file;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import org.truce.log.LogUnavailableException;

/**
 * Positioned reads of the segment on the callers' threads.
 *
 * <p>A {@link FileChannel} closes itself when a thread that uses it is interrupted, which would
 * break reads for every other caller (a request timeout interrupting a virtual thread is enough).
 * So reads use a channel of their own, separate from the writer's, and a closed-by-interrupt
 * channel is replaced by a fresh one: the interrupted caller gets an exception, the others retry.
 */
final class ReadChannel implements Closeable {
    private static final int MAX_ATTEMPTS = 4;

    private final Path file;
    private final ReentrantLock reopenLock = new ReentrantLock();
    private volatile FileChannel channel;
    private volatile boolean closed;

    private ReadChannel(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static ReadChannel open(Path file) throws IOException {
        return new ReadChannel(file, FileChannel.open(file, StandardOpenOption.READ));
    }

    /**
     * Fills {@code destination} from {@code offset}.
     *
     * @throws EOFException if the file ends first
     * @throws LogUnavailableException if the log is closed, the caller was interrupted, or IO failed
     */
    void readFully(ByteBuffer destination, long offset) throws EOFException {
        int start = destination.position();
        for (int attempt = 1; ; attempt++) {
            FileChannel current = channel;
            try {
                readFully(current, destination, offset);
                return;
            } catch (ClosedByInterruptException e) {
                replace(current);
                throw new LogUnavailableException("read of " + file + " interrupted", e);
            } catch (ClosedChannelException e) {
                if (closed || attempt == MAX_ATTEMPTS) {
                    throw new LogUnavailableException(closed ? "log is closed" : "cannot read " + file, e);
                }
                replace(current); // another reader's interrupt closed it under us
                destination.position(start);
            } catch (EOFException e) {
                throw e;
            } catch (IOException e) {
                throw new LogUnavailableException("cannot read " + file, e);
            }
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer destination, long offset) throws IOException {
        long position = offset;
        while (destination.hasRemaining()) {
            int read = channel.read(destination, position);
            if (read < 0) {
                throw new EOFException("segment ends at " + position);
            }
            position += read;
        }
    }

    /** Swaps in a new channel unless someone already did, or the log is closing. */
    private void replace(FileChannel stale) {
        reopenLock.lock();
        try {
            if (!closed && channel == stale && !stale.isOpen()) {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
        } catch (IOException e) {
            throw new LogUnavailableException("cannot reopen " + file + " for reading", e);
        } finally {
            reopenLock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        reopenLock.lock();
        try {
            closed = true;
            channel.close();
        } finally {
            reopenLock.unlock();
        }
    }
}
