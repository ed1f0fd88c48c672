package org.truce.log.sealed;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.truce.log.LogUnavailableException;

/**
 * Positioned reads of the openings file on the callers' threads, through a small pool of
 * {@link RandomAccessFile} handles: a {@code FileChannel} closes itself for every thread when one
 * reader is interrupted, and a {@code RandomAccessFile} read is not interruptible. Each handle is
 * used by one reader at a time (seek, then read).
 */
final class ReadHandles implements Closeable {
    private static final int HANDLES = 8;

    private final Path file;
    private final BlockingQueue<RandomAccessFile> idle = new ArrayBlockingQueue<>(HANDLES);
    private final List<RandomAccessFile> all = new ArrayList<>();
    private volatile boolean closed;

    private ReadHandles(Path file) {
        this.file = file;
    }

    static ReadHandles open(Path file) throws IOException {
        ReadHandles handles = new ReadHandles(file);
        try {
            for (int i = 0; i < HANDLES; i++) {
                RandomAccessFile handle = new RandomAccessFile(file.toFile(), "r");
                handles.all.add(handle);
                handles.idle.add(handle);
            }
        } catch (IOException e) {
            try {
                handles.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return handles;
    }

    /**
     * The {@code length} bytes at {@code offset}.
     *
     * @throws EOFException if the file ends first
     * @throws LogUnavailableException if the store is closed or IO failed
     */
    byte[] read(long offset, int length) throws EOFException {
        RandomAccessFile handle = take();
        try {
            byte[] bytes = new byte[length];
            handle.seek(offset);
            int filled = 0;
            while (filled < length) {
                int read = handle.read(bytes, filled, length - filled);
                if (read < 0) {
                    throw new EOFException(file + " ends at " + (offset + filled));
                }
                filled += read;
            }
            return bytes;
        } catch (EOFException e) {
            throw e;
        } catch (IOException e) {
            throw new LogUnavailableException(closed ? "opening store is closed" : "cannot read " + file, e);
        } finally {
            idle.add(handle);
        }
    }

    /** An idle handle; waits (uninterruptibly) while all are busy. */
    private RandomAccessFile take() {
        if (closed) {
            throw new LogUnavailableException("opening store is closed");
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
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
