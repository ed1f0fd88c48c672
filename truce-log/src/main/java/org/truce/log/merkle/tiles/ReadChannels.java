package org.truce.log.merkle.tiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ReadChannels keeps up to {@code capacity} files open for reading, the least recently read closed
 * first, so that reading a file read recently is one positional read instead of an open, a read
 * and a close (the open and close cost several times the read of a 8 KiB tile from the page
 * cache). Every read still reads the file: nothing of its content is kept.
 *
 * <p>Only for files that never change once they have their name, as hash tiles (see {@link
 * TileStore}): an open channel goes on reading the file it opened, even if another file is renamed
 * over the name later. A name that does not exist is not remembered; the next read looks again.
 *
 * <p>Thread-safe. A channel is closed once it is evicted (or the whole set closed) and no read is
 * using it. A thread interrupted during a read closes the channel it was reading (that is how the
 * JDK's file channels are interruptible): the read fails for that thread as before, and the others
 * reading the same file open it again. A thread already interrupted reads through a channel of its
 * own, so that it does not close the shared one.
 */
final class ReadChannels implements AutoCloseable {
    private static final int ATTEMPTS = 3;

    private final int capacity;
    private final Map<Path, Handle> open = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    private static final class Handle {
        final FileChannel channel;
        int readers;
        boolean retired; // no longer in the map: closed when the last reader is done

        Handle(FileChannel channel) {
            this.channel = channel;
        }
    }

    ReadChannels(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Returns the file's bytes, or empty if it does not exist. */
    Optional<byte[]> read(Path file) throws IOException {
        if (capacity == 0 || Thread.currentThread().isInterrupted()) {
            return readOnce(file);
        }
        for (int attempt = 1; ; attempt++) {
            Handle handle = acquire(file);
            if (handle == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(readAll(handle.channel));
            } catch (ClosedChannelException e) {
                // closed by an interrupted reader (this thread, or another one) or by close()
                forget(handle);
                if (Thread.currentThread().isInterrupted() || attempt == ATTEMPTS) {
                    throw e;
                }
            } finally {
                release(handle);
            }
        }
    }

    private static Optional<byte[]> readOnce(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return Optional.of(readAll(channel));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Reads the whole file with positional reads, which channels allow from several threads at once. */
    private static byte[] readAll(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("a file of " + size + " bytes is too large to read at once");
        }
        byte[] bytes = new byte[(int) size];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, buffer.position()) < 0) {
                return Arrays.copyOf(bytes, buffer.position()); // shorter than its size said
            }
        }
        return bytes;
    }

    /** Returns an open channel on {@code file} counted as in use, or null if the file does not exist. */
    private Handle acquire(Path file) throws IOException {
        synchronized (this) {
            requireOpen();
            Handle handle = open.get(file);
            if (handle != null && handle.channel.isOpen()) {
                handle.readers++;
                return handle;
            }
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ); // outside the lock: opens are slow
        } catch (NoSuchFileException e) {
            return null;
        }
        Handle fresh = new Handle(channel);
        fresh.readers = 1;
        List<FileChannel> evicted = new ArrayList<>();
        FileChannel unused = null;
        synchronized (this) {
            Handle other = closed ? null : open.get(file);
            if (closed) {
                fresh.retired = true; // closed on release
            } else if (other != null && other.channel.isOpen()) {
                other.readers++; // another reader opened it meanwhile
                unused = channel;
                fresh = other;
            } else {
                if (other != null) {
                    other.retired = true; // a broken channel; its readers close it
                }
                open.put(file, fresh);
                for (Iterator<Handle> eldest = open.values().iterator(); open.size() > capacity; ) {
                    Handle handle = eldest.next();
                    eldest.remove();
                    handle.retired = true;
                    if (handle.readers == 0) {
                        evicted.add(handle.channel);
                    }
                }
            }
        }
        if (unused != null) {
            evicted.add(unused);
        }
        evicted.forEach(ReadChannels::closeQuietly);
        return fresh;
    }

    private void forget(Handle handle) {
        synchronized (this) {
            if (!handle.retired) {
                open.values().remove(handle);
                handle.retired = true;
            }
        }
    }

    private void release(Handle handle) {
        synchronized (this) {
            handle.readers--;
            if (!handle.retired || handle.readers > 0) {
                return;
            }
        }
        closeQuietly(handle.channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // a read-only channel: nothing is lost
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the tile files are closed");
        }
    }

    /** Closes every channel no read is using, and the others when their reads end. Idempotent. */
    @Override
    public void close() {
        List<FileChannel> idle = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Handle handle : open.values()) {
                handle.retired = true;
                if (handle.readers == 0) {
                    idle.add(handle.channel);
                }
            }
            open.clear();
        }
        idle.forEach(ReadChannels::closeQuietly);
    }
}
