package org.truce.log.io;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * A store's data file as its writer sees it: create, read through a window for recovery, write and
 * force, cut back. Batches are appended after the last commit; the only writes elsewhere are the
 * openings store's in-place overwrites of destroyed records.
 */
public final class AppendOnlyFile implements Closeable {
    private final Path file;
    private final FileChannel channel;

    private AppendOnlyFile(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens {@code file} (absolute) for reading and writing through {@code opener}, first creating
     * it with {@code header} as its whole content if it does not exist.
     */
    public static AppendOnlyFile openOrCreate(Path file, ByteBuffer header, ChannelOpener opener) throws IOException {
        if (Files.notExists(file)) {
            create(file, header);
        }
        return new AppendOnlyFile(file, opener.open(file, READ, WRITE));
    }

    /**
     * Writes the header to a temporary file, forces it, renames it into place and forces the
     * directory. A crash at any point leaves either no file (the next open starts again; the
     * temporary file is overwritten) or a complete, empty one: never a file with a partial header.
     */
    private static void create(Path file, ByteBuffer header) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try (FileChannel channel = FileChannel.open(temporary, CREATE, TRUNCATE_EXISTING, WRITE)) {
            writeFully(channel, header, 0);
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(file.getParent());
    }

    /** Makes the rename durable; without it a crash could lose the new file and all it acknowledged. */
    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; NTFS journals the rename itself.
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
                throw e;
            }
        }
    }

    public Path path() {
        return file;
    }

    /** The file as it is now, read in windows of {@code windowBytes} (or the whole file, if smaller). */
    public FileWindow window(int windowBytes) throws IOException {
        return new FileWindow(channel, channel.size(), windowBytes);
    }

    /** Returns once {@code bytes} are written at {@code offset} and fdatasync returned. */
    public void writeAndForce(ByteBuffer bytes, long offset) throws IOException {
        writeFully(channel, bytes, offset);
        channel.force(false);
    }

    /** Writes {@code bytes} at {@code offset} without forcing; the caller forces once for several. */
    public void write(ByteBuffer bytes, long offset) throws IOException {
        writeFully(channel, bytes, offset);
    }

    /** fdatasync: returns once every write so far is on disk. */
    public void force() throws IOException {
        channel.force(false);
    }

    /** Cuts the file back to {@code offset} and makes the new length durable. */
    public void truncateAndForce(long offset) throws IOException {
        channel.truncate(offset);
        channel.force(true);
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes, long offset) throws IOException {
        long position = offset;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
