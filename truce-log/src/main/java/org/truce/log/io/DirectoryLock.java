package org.truce.log.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.truce.log.LogUnavailableException;

/**
 * An exclusive OS file lock on {@value #FILE_NAME} in a store's directory, held while the store (the
 * record log, or the openings) is open, so that two processes (or two opens in one process) never
 * write the same file. The OS releases it when the process dies, so a crash never leaves the
 * directory locked. The file keeps the holder's process id to make the refusal message useful; it is
 * never deleted, because deleting a lock file races with the next process locking it.
 */
public final class DirectoryLock implements Closeable {
    public static final String FILE_NAME = "log.lock";

    private final FileChannel channel;

    private DirectoryLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Locks {@code directory}, which must exist.
     *
     * @throws LogUnavailableException if another process or another open in this process holds it, or IO fails
     */
    public static DirectoryLock acquire(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel, directory);
            if (lock == null) {
                throw new LogUnavailableException("log directory " + directory + " is in use by another process"
                        + holder(file) + "; only one process may open a log");
            }
            recordHolder(channel);
            return new DirectoryLock(channel);
        } catch (IOException e) {
            Closing.closeQuietly(channel, e);
            throw new LogUnavailableException("cannot lock log directory " + directory, e);
        } catch (RuntimeException e) {
            Closing.closeQuietly(channel, e);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel, Path directory) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new LogUnavailableException("log directory " + directory
                    + " is already open in this process; share the open log instead of opening it twice", e);
        }
    }

    private static void recordHolder(FileChannel channel) throws IOException {
        channel.truncate(0);
        ByteBuffer pid = StandardCharsets.US_ASCII.encode(ProcessHandle.current().pid() + "\n");
        while (pid.hasRemaining()) {
            channel.write(pid, pid.position());
        }
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? "" : " (process id " + pid + ")";
        } catch (IOException | RuntimeException e) {
            return ""; // the message is still clear without the holder
        }
    }

    /** Closing the channel releases the lock. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
