package org.truce.log.merkle.tiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whole-file writes that a crash cannot tear: each file is written to a temporary file, forced,
 * and renamed over its name, so a reader or a restart sees the old file or the new one, never a
 * mix. The rename itself is durable only once the directory is forced; those forces are collected
 * and done together by {@link #forceDirtyDirectories}, once per integration round instead of once
 * per file.
 *
 * <p>Temporary files live in one directory of their own, so that those a crash leaves behind can be
 * removed at the next open without walking the tile tree. Thread-safe.
 */
final class DurableFiles {
    private final Path root;
    private final Path temporaryDirectory;
    private final Set<Path> dirtyDirectories = new LinkedHashSet<>();

    DurableFiles(Path root, Path temporaryDirectory) {
        this.root = root;
        this.temporaryDirectory = temporaryDirectory;
    }

    /** Creates the temporary directory, emptying it of files a crashed writer left behind. */
    void prepare() throws IOException {
        Files.createDirectories(temporaryDirectory);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(temporaryDirectory)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    /** Returns the file's bytes, or empty if it does not exist. */
    static Optional<byte[]> read(Path file) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Replaces {@code target} with {@code bytes}. On return the bytes are durable and readers see
     * them; the name is durable after the next {@link #forceDirtyDirectories}.
     */
    void write(Path target, byte[] bytes) throws IOException {
        createDirectories(target.getParent());
        Path temporary = Files.createTempFile(temporaryDirectory, "write-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        markDirty(target.getParent());
    }

    /** Like {@link #write}, then forces the directory at once: the name is durable on return too. */
    void writeDurably(Path target, byte[] bytes) throws IOException {
        write(target, bytes);
        forceDirtyDirectories();
    }

    /** Records that {@code directory} may hold a name that is not durable yet. */
    void markDirty(Path directory) {
        synchronized (dirtyDirectories) {
            dirtyDirectories.add(directory);
        }
    }

    /** Marks {@code directory} and its ancestors up to the root, whose names a crashed writer may have left unforced. */
    void markDirtyUpToRoot(Path directory) {
        for (Path d = directory; d != null && d.startsWith(root); d = d.getParent()) {
            markDirty(d);
        }
    }

    /**
     * Forces every directory that got a new name since the last call (a new directory's own name is
     * in its parent, which was marked when it was created). The order does not matter: nothing
     * relies on any of these names until the call returns.
     */
    void forceDirtyDirectories() throws IOException {
        List<Path> directories;
        synchronized (dirtyDirectories) {
            directories = new ArrayList<>(dirtyDirectories);
            dirtyDirectories.clear();
        }
        for (int i = 0; i < directories.size(); i++) {
            try {
                forceDirectory(directories.get(i));
            } catch (IOException | RuntimeException e) {
                // whatever was not forced stays owed to the next call
                synchronized (dirtyDirectories) {
                    dirtyDirectories.addAll(directories.subList(i, directories.size()));
                }
                throw e;
            }
        }
    }

    /** Creates missing directories; each new one is a new name in its parent, which becomes dirty. */
    private void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        List<Path> missing = new ArrayList<>();
        for (Path d = directory; d != null && !Files.isDirectory(d); d = d.getParent()) {
            missing.add(d);
        }
        Files.createDirectories(directory);
        for (Path created : missing) {
            if (created.getParent() != null && created.startsWith(root)) {
                markDirty(created.getParent());
            }
        }
    }

    /** Makes the names in {@code directory} durable (fsync of the directory). */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; NTFS journals the rename itself.
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
                throw e;
            }
        }
    }
}
