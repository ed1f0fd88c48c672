package org.truce.log.merkle.tiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.tiles.TileId;

/**
 * A FileTileStore keeps a log's tiles and checkpoint as files in the c2sp.org/tlog-tiles layout,
 * so that the directory can be served or mirrored as static files:
 *
 * <pre>
 * checkpoint                         the latest signed checkpoint note
 * tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]              hash tiles, N in x-prefixed 3-digit groups (tile/0/x001/234.p/7)
 * tile/entries/&lt;N&gt;[.p/&lt;W&gt;]          entry bundles
 * fencing-token                      highest fencing token accepted, ASCII decimal and a newline
 * checkpoint.lock                    OS file lock taken while publishing (never deleted)
 * .tmp/                              temporary files; emptied on open
 * </pre>
 *
 * <p>Every file is written to a temporary file, forced, and renamed into place; the directories
 * that received new names are forced once per {@link #publishCheckpoint}, before the checkpoint
 * is written (see {@link TileStore} for why that ordering suffices). The fencing token and the
 * checkpoint are each forced with their directory immediately.
 *
 * <p>A crash leaves each file whole or absent. After a crash: tiles written since the last publish
 * may be missing (the integrator writes them again); the fencing token may have been raised
 * without the checkpoint being replaced (harmless: it only fences older sequencers out sooner);
 * temporary files are deleted by the next open.
 *
 * <p>Publishing is serialized within this JVM and, through {@value #LOCK_FILE}, with other
 * processes on the same host, so the compare-and-swap holds even if a stale sequencer in another
 * process opens the same directory. Thread-safe.
 *
 * <p>Hash tiles are read through up to {@value #OPEN_TILE_FILES} files kept open (the ones read
 * last), since a proof reads the same few tiles of the upper levels and of the right edge every
 * time, and opening a file costs several times reading a tile from it. Each read reads the file;
 * as a tile's bytes never change once it has its name, a file kept open reads as the name would.
 */
public final class FileTileStore implements TileStore {
    /** The checkpoint, as served. */
    public static final String CHECKPOINT_FILE = "checkpoint";
    /** The highest fencing token accepted so far. */
    public static final String FENCING_TOKEN_FILE = "fencing-token";
    static final String LOCK_FILE = "checkpoint.lock";
    static final String TEMPORARY_DIRECTORY = ".tmp";
    /** The most hash tile files kept open for reading. */
    static final int OPEN_TILE_FILES = 64;

    /** FileLock excludes other processes only; threads of this JVM take this lock first. */
    private static final ConcurrentHashMap<Path, ReentrantLock> PUBLISH_LOCKS = new ConcurrentHashMap<>();

    private final Path directory;
    private final DurableFiles files;
    private final ReentrantLock publishLock;
    private final ReadChannels tileFiles = new ReadChannels(OPEN_TILE_FILES);
    private volatile boolean closed;

    private FileTileStore(Path directory) {
        this.directory = directory;
        this.files = new DurableFiles(directory, directory.resolve(TEMPORARY_DIRECTORY));
        this.publishLock = PUBLISH_LOCKS.computeIfAbsent(directory, d -> new ReentrantLock());
    }

    /**
     * Opens the store kept in {@code directory}, creating it if missing.
     *
     * @throws UncheckedIOException if the directory cannot be created or prepared
     */
    public static FileTileStore open(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            boolean created = Files.notExists(absolute);
            Files.createDirectories(absolute);
            if (created && absolute.getParent() != null) {
                DurableFiles.forceDirectory(absolute.getParent());
            }
            FileTileStore store = new FileTileStore(absolute);
            store.files.prepare();
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open tile store " + absolute, e);
        }
    }

    /** Returns the store's directory: the tlog-tiles prefix. */
    public Path directory() {
        return directory;
    }

    @Override
    public void writeHashTile(int level, long index, int width, byte[] hashes) {
        TileId tile = TileId.hashes(level, index, width);
        if (hashes.length != width * Hashes.SIZE) {
            throw new IllegalArgumentException(tile.path() + " needs " + width * Hashes.SIZE + " bytes, got " + hashes.length);
        }
        write(tile, hashes);
    }

    @Override
    public void writeEntryBundle(long index, int width, byte[] bundle) {
        TileId tile = TileId.entries(index, width);
        if (bundle.length == 0) {
            throw new IllegalArgumentException(tile.path() + " cannot be empty");
        }
        write(tile, bundle);
    }

    private void write(TileId tile, byte[] bytes) {
        requireOpen();
        Path file = directory.resolve(tile.path());
        try {
            Optional<byte[]> existing = DurableFiles.read(file);
            if (existing.isPresent()) {
                if (!Arrays.equals(existing.get(), bytes)) {
                    throw new TileConflictException(tile, "stored " + existing.get().length + " bytes differ from the "
                            + bytes.length + " bytes written now");
                }
                // a crashed round may have renamed it (and created its directories) without forcing them
                files.markDirtyUpToRoot(file.getParent());
                return;
            }
            files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public Optional<byte[]> readHashTile(int level, long index, int width) {
        requireOpen();
        Path file = directory.resolve(TileId.hashes(level, index, width).path());
        try {
            return tileFiles.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public Optional<byte[]> readEntryBundle(long index, int width) {
        return readResource(TileId.entries(index, width));
    }

    private Optional<byte[]> readResource(TileId tile) {
        requireOpen();
        Path file = directory.resolve(tile.path());
        try {
            return DurableFiles.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public Optional<SignedCheckpoint> latestCheckpoint() {
        requireOpen();
        Path file = directory.resolve(CHECKPOINT_FILE);
        try {
            Optional<byte[]> note = DurableFiles.read(file);
            return note.isEmpty() ? Optional.empty() : Optional.of(parseCheckpoint(file, note.get()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static SignedCheckpoint parseCheckpoint(Path file, byte[] note) {
        try {
            return SignedCheckpoint.parse(note);
        } catch (IllegalArgumentException e) {
            throw new CorruptedStoreException(file + " is not a signed checkpoint: " + e.getMessage(), e);
        }
    }

    @Override
    public void publishCheckpoint(long fencingToken, SignedCheckpoint checkpoint) {
        requireOpen();
        publishLock.lock();
        try (FileChannel lockFile = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            lockFile.lock(); // released when the channel closes, also if this thread dies
            files.forceDirtyDirectories();
            OptionalLong stored = readFencingToken();
            if (stored.isPresent() && fencingToken < stored.getAsLong()) {
                throw new StaleFencingTokenException(fencingToken, stored.getAsLong());
            }
            latestCheckpoint().ifPresent(checkpoint::requireMayFollow);
            if (stored.isEmpty() || fencingToken > stored.getAsLong()) {
                files.writeDurably(directory.resolve(FENCING_TOKEN_FILE),
                        (fencingToken + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            files.writeDurably(directory.resolve(CHECKPOINT_FILE), checkpoint.note());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish checkpoint of size " + checkpoint.size() + " in " + directory, e);
        } finally {
            publishLock.unlock();
        }
    }

    private OptionalLong readFencingToken() throws IOException {
        Path file = directory.resolve(FENCING_TOKEN_FILE);
        Optional<byte[]> bytes = DurableFiles.read(file);
        if (bytes.isEmpty()) {
            return OptionalLong.empty();
        }
        String text = new String(bytes.get(), StandardCharsets.US_ASCII);
        if (!text.matches("-?[0-9]{1,19}\n")) {
            throw new CorruptedStoreException(file + " does not hold a fencing token: \"" + text.strip() + "\"");
        }
        try {
            return OptionalLong.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            throw new CorruptedStoreException(file + " holds a fencing token out of range: " + text.strip(), e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("tile store " + directory + " is closed");
        }
    }

    /** Refuses later calls and closes the tile files kept open (those being read, once read). */
    @Override
    public void close() {
        closed = true;
        tileFiles.close();
    }

    @Override
    public String toString() {
        return "FileTileStore[" + directory + "]";
    }
}
