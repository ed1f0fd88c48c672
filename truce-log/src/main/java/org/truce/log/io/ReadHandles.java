package org.truce.log.io;

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
 * Positioned reads of one file on the callers' threads.
 *
 * <p>Reads go through a small pool of {@link RandomAccessFile} handles, not a {@code FileChannel}:
 * a channel closes itself when a thread using it is interrupted (a request timeout interrupting a
 * virtual thread is enough), and two readers interrupted at once can even deadlock inside the JDK's
 * close. A {@code RandomAccessFile} read is not interruptible, so an interrupt never disturbs a read;
 * the interrupted caller keeps its interrupt status for whatever it does next. Each handle is used by
 * one reader at a time (seek, then read).
 */
public final class ReadHandles implements Closeable {
    private static final int HANDLES = 8;

    private final Path file;
    private final String owner;
    private final BlockingQueue<RandomAccessFile> idle = new ArrayBlockingQueue<>(HANDLES);
    private final List<RandomAccessFile> all = new ArrayList<>();
    private volatile boolean closed;

    private ReadHandles(Path file, String owner) {
        this.file = file;
        this.owner = owner;
    }

    /**
     * Opens the handles on {@code file}; {@code owner} names the store in messages ("log",
     * "opening store"). If one cannot be opened, those already open are closed.
     */
    public static ReadHandles open(Path file, String owner) throws IOException {
        ReadHandles handles = new ReadHandles(file, owner);
        try {
            for (int i = 0; i < HANDLES; i++) {
                RandomAccessFile handle = new RandomAccessFile(file.toFile(), "r");
                handles.all.add(handle);
                handles.idle.add(handle);
            }
        } catch (IOException e) {
            Closing.closeQuietly(handles, e);
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
    public byte[] read(long offset, int length) throws EOFException {
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
            throw new LogUnavailableException(closed ? owner + " is closed" : "cannot read " + file, e);
        } finally {
            idle.add(handle);
        }
    }

    /** An idle handle; waits (uninterruptibly) while all are busy. */
    private RandomAccessFile take() {
        if (closed) {
            throw new LogUnavailableException(owner + " is closed");
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

    /** Closes every handle, the later ones even if one fails; reads from now on fail. */
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
