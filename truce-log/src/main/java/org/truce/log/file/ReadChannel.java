package org.truce.log.file;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.truce.log.LogUnavailableException;

/**
 * Positioned reads of the segment on the callers' threads.
 *
 * <p>Reads go through a small pool of {@link RandomAccessFile} handles, not a {@code FileChannel}:
 * a channel closes itself when a thread using it is interrupted (a request timeout interrupting a
 * virtual thread is enough), and two readers interrupted at once can even deadlock inside the JDK's
 * close. A {@code RandomAccessFile} read is not interruptible, so an interrupt never disturbs a read;
 * the interrupted caller keeps its interrupt status for whatever it does next. Each handle is used by
 * one reader at a time (seek, then read).
 */
final class ReadChannel implements Closeable {
    private static final int HANDLES = 8;

    private final Path file;
    private final BlockingQueue<RandomAccessFile> idle = new ArrayBlockingQueue<>(HANDLES);
    private final List<RandomAccessFile> all = new ArrayList<>();
    private volatile boolean closed;

    private ReadChannel(Path file) {
        this.file = file;
    }

    static ReadChannel open(Path file) throws IOException {
        ReadChannel channel = new ReadChannel(file);
        for (int i = 0; i < HANDLES; i++) {
            RandomAccessFile handle = new RandomAccessFile(file.toFile(), "r");
            channel.all.add(handle);
            channel.idle.add(handle);
        }
        return channel;
    }

    /**
     * Fills {@code destination} from {@code offset}.
     *
     * @throws EOFException if the file ends first
     * @throws LogUnavailableException if the log is closed or IO failed
     */
    void readFully(ByteBuffer destination, long offset) throws EOFException {
        RandomAccessFile handle = take();
        try {
            byte[] bytes = new byte[destination.remaining()];
            handle.seek(offset);
            int filled = 0;
            while (filled < bytes.length) {
                int read = handle.read(bytes, filled, bytes.length - filled);
                if (read < 0) {
                    throw new EOFException("segment ends at " + (offset + filled));
                }
                filled += read;
            }
            destination.put(bytes);
        } catch (EOFException e) {
            throw e;
        } catch (IOException e) {
            throw new LogUnavailableException(closed ? "log is closed" : "cannot read " + file, e);
        } finally {
            idle.add(handle);
        }
    }

    /** An idle handle; waits (uninterruptibly) while all are busy. */
    private RandomAccessFile take() {
        if (closed) {
            throw new LogUnavailableException("log is closed");
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return idle.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        IOException failure = null;
        for (RandomAccessFile handle : all) {
            try {
                handle.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
