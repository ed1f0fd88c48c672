package org.truce.log.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import org.truce.log.LogUnavailableException;

/**
 * Opens a store that keeps its files in a directory of its own: creates the directory if missing,
 * locks it ({@link DirectoryLock}) before any file in it is touched, opens the store's files under
 * the lock, then starts the store. Whatever a failed step took is released again, so that a failed
 * open leaves the directory unlocked and can be retried.
 */
public final class StoreDirectory {
    private StoreDirectory() {}

    /** Opens a store's files; the store owns the lock from then on. */
    @FunctionalInterface
    public interface Opener<S> {
        /**
         * Opens (and recovers) the files in {@code directory}, absolute and locked by {@code lock}.
         * On failure it closes what it opened, but not the lock: the caller releases that.
         */
        S open(Path directory, DirectoryLock lock) throws IOException;
    }

    /**
     * @param what what the store is called in messages ("log", "opening store")
     * @param start starts the open store (its writer); if that fails, the store is closed, which
     *     releases its files and the lock
     * @throws LogUnavailableException if the directory cannot be created or is locked, or IO fails
     */
    public static <S extends AutoCloseable> S open(Path directory, String what, Opener<S> opener, Consumer<? super S> start) {
        Path absolute = Objects.requireNonNull(directory, "directory").toAbsolutePath();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new LogUnavailableException("cannot create " + what + " directory " + absolute, e);
        }
        DirectoryLock lock = DirectoryLock.acquire(absolute);
        S store;
        try {
            store = opener.open(absolute, lock);
        } catch (IOException e) {
            LogUnavailableException failure = new LogUnavailableException("cannot open " + what + " in " + absolute, e);
            Closing.closeQuietly(lock, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            Closing.closeQuietly(lock, e);
            throw e;
        }
        try {
            start.accept(store);
        } catch (RuntimeException | Error e) {
            Closing.closeQuietly(store, e);
            throw e;
        }
        return store;
    }
}
