package org.truce.log.sealed;

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

/** The openings file as the writer sees it: create, append-and-force, overwrite-and-force, cut back. */
final class OpeningFile implements Closeable {
    static final String FILE_NAME = "openings.log";

    private final Path file;
    private final FileChannel channel;

    private OpeningFile(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static OpeningFile openOrCreate(Path directory, ChannelOpener opener) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        if (Files.notExists(file)) {
            create(directory, file);
        }
        return new OpeningFile(file, opener.open(file, READ, WRITE));
    }

    /**
     * Writes the header to a temporary file, forces it, renames it into place and forces the
     * directory: a crash leaves either no file (the next open starts again) or a complete, empty one.
     */
    private static void create(Path directory, Path file) throws IOException {
        Path temporary = directory.resolve(FILE_NAME + ".new");
        try (FileChannel channel = FileChannel.open(temporary, CREATE, TRUNCATE_EXISTING, WRITE)) {
            writeFully(channel, OpeningFormat.fileHeader(), 0);
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(directory);
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

    Path path() {
        return file;
    }

    FileChannel channel() {
        return channel;
    }

    /** Returns once {@code bytes} are written at {@code offset} and fdatasync returned. */
    void writeAndForce(ByteBuffer bytes, long offset) throws IOException {
        writeFully(channel, bytes, offset);
        channel.force(false);
    }

    /** Writes {@code bytes} at {@code offset} without forcing; the caller forces once for several. */
    void write(ByteBuffer bytes, long offset) throws IOException {
        writeFully(channel, bytes, offset);
    }

    void force() throws IOException {
        channel.force(false);
    }

    /** Cuts the file back to {@code offset} and makes the new length durable. */
    void truncateAndForce(long offset) throws IOException {
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
