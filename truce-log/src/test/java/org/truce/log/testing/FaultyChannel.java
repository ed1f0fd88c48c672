package org.truce.log.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import org.truce.log.io.ChannelOpener;

/**
 * A file channel that can be told to fail its next write, force or truncate, as a full or failing
 * disk would. Tests of both file stores hand an {@link Opener} to the store's open, so that the
 * store writes through one of these.
 */
public final class FaultyChannel extends FileChannel {
    private final FileChannel delegate;
    private volatile int writeBytesBeforeFailure = -1;
    private volatile int writesBeforeFailure;
    private volatile boolean failNextForce;
    private volatile boolean failTruncate;

    public FaultyChannel(FileChannel delegate) {
        this.delegate = delegate;
    }

    /** Opens every channel as a {@link FaultyChannel} and keeps the last, the one the store writes through. */
    public static final class Opener implements ChannelOpener {
        private volatile FaultyChannel last;

        @Override
        public FileChannel open(Path file, OpenOption... options) throws IOException {
            FaultyChannel channel = new FaultyChannel(FileChannel.open(file, options));
            last = channel;
            return channel;
        }

        /** The channel opened last. */
        public FaultyChannel channel() {
            return last;
        }
    }

    /** The next positioned write writes {@code bytes} bytes (possibly 0), then throws. */
    public void failNextWriteAfter(int bytes) {
        failWriteAfter(0, bytes);
    }

    /** After {@code writes} positioned writes succeed, the next writes {@code bytes} bytes, then throws. */
    public void failWriteAfter(int writes, int bytes) {
        writesBeforeFailure = writes;
        writeBytesBeforeFailure = bytes;
    }

    public void failNextForce() {
        failNextForce = true;
    }

    public void failTruncate(boolean fail) {
        failTruncate = fail;
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
        int allowed = writeBytesBeforeFailure;
        if (allowed < 0 || writesBeforeFailure-- > 0) {
            return delegate.write(source, position);
        }
        writeBytesBeforeFailure = -1;
        ByteBuffer part = source.slice(source.position(), Math.min(allowed, source.remaining()));
        delegate.write(part, position);
        throw new IOException("No space left on device (injected)");
    }

    @Override
    public void force(boolean metaData) throws IOException {
        if (failNextForce) {
            failNextForce = false;
            throw new IOException("Input/output error (injected)");
        }
        delegate.force(metaData);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (failTruncate) {
            throw new IOException("Input/output error on truncate (injected)");
        }
        delegate.truncate(size);
        return this;
    }

    @Override
    public int read(ByteBuffer destination, long position) throws IOException {
        return delegate.read(destination, position);
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        return delegate.read(destination);
    }

    @Override
    public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
        return delegate.read(destinations, offset, length);
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        return delegate.write(source);
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        return delegate.write(sources, offset, length);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
        return delegate.transferFrom(source, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
