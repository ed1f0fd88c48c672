package org.truce.log.merkle.tiles;

import java.io.UncheckedIOException;
import java.util.Optional;
import org.truce.verify.tiles.TileId;

/**
 * A TileStore is what the Merkle log's integrator needs from storage: the c2sp.org/tlog-tiles
 * resources (hash tiles and entry bundles) and the latest signed checkpoint, updated by a
 * compare-and-swap.
 *
 * <h2>Durability and ordering</h2>
 *
 * <p>A tile write returns once its bytes are durable, but its <em>name</em> (the directory entry
 * of a file, say) need only become durable by the end of the next {@link #publishCheckpoint} call,
 * so that a store can make the names of a whole integration round durable at once. A checkpoint is
 * therefore never durable before every tile written ahead of it is: a crash can lose tiles that no
 * durable checkpoint refers to, never tiles that one does. Losing such tiles is harmless, because
 * the integrator writes them again (with the same bytes) after a restart.
 *
 * <h2>Immutability</h2>
 *
 * <p>A resource's bytes never change once written. Writing a resource that exists with the same
 * bytes does nothing (recovery rewrites what a crashed round already wrote); writing it with other
 * bytes fails with {@link TileConflictException} and leaves the stored bytes alone. A correct log
 * only ever produces one content for each path, so a conflict means the entries or the tree differ
 * from what was published.
 *
 * <h2>Failures</h2>
 *
 * <p>{@link UncheckedIOException} is an IO failure: the write may or may not have taken effect (as
 * after a crash), and the caller must re-read the store before relying on either outcome; retrying
 * later may succeed. {@link StoreConflictException} and {@link CorruptedStoreException} are not
 * transient. Implementations retry transient errors internally only where they can do so without
 * changing these semantics.
 *
 * <p>Implementations are safe for concurrent use. Reads never see a partly written resource or
 * checkpoint: either the old state or the new one.
 */
public interface TileStore extends AutoCloseable {

    /**
     * Stores hash tile {@code (level, index)} of {@code width} hashes: {@code width × 32} bytes. When
     * it returns the bytes are durable and readable, and its name is durable by the time the next
     * {@link #publishCheckpoint} returns.
     *
     * @throws IllegalArgumentException unless 0 <= level <= 63, index >= 0, 1 <= width <= 256 and
     *     {@code hashes.length == width * 32}
     * @throws TileConflictException if the tile exists with other bytes (nothing is changed)
     * @throws UncheckedIOException if the write failed; the tile may or may not be stored
     */
    void writeHashTile(int level, long index, int width, byte[] hashes);

    /**
     * Stores entry bundle {@code index} of {@code width} entries, with the same guarantees as
     * {@link #writeHashTile}.
     *
     * @throws IllegalArgumentException unless index >= 0, 1 <= width <= 256 and the bundle is not empty
     * @throws TileConflictException if the bundle exists with other bytes (nothing is changed)
     * @throws UncheckedIOException if the write failed; the bundle may or may not be stored
     */
    void writeEntryBundle(long index, int width, byte[] bundle);

    /**
     * Returns the bytes of hash tile {@code (level, index)} of exactly {@code width} hashes, or empty
     * if it is not stored. A partial tile is a resource of its own: asking for width 7 does not
     * return the first hashes of a wider tile.
     *
     * @throws UncheckedIOException if the store could not be read
     */
    Optional<byte[]> readHashTile(int level, long index, int width);

    /**
     * Returns the bytes of entry bundle {@code index} of exactly {@code width} entries, or empty.
     *
     * @throws UncheckedIOException if the store could not be read
     */
    Optional<byte[]> readEntryBundle(long index, int width);

    /** Returns the resource {@code tile} names, hash tile or entry bundle; see the two methods above. */
    default Optional<byte[]> read(TileId tile) {
        return tile.isEntries()
                ? readEntryBundle(tile.index(), tile.width())
                : readHashTile(tile.level(), tile.index(), tile.width());
    }

    /**
     * Returns the latest checkpoint {@link #publishCheckpoint} stored, or empty if there is none. It
     * reflects every publish that returned before the call (in any process sharing the store).
     *
     * @throws CorruptedStoreException if the stored checkpoint cannot be parsed
     * @throws UncheckedIOException if the store could not be read
     */
    Optional<SignedCheckpoint> latestCheckpoint();

    /**
     * Replaces the stored checkpoint with {@code checkpoint}, atomically checking that it may follow
     * the stored one. In order:
     *
     * <ol>
     *   <li>every tile and bundle write that returned before this call is made durable, names
     *       included;
     *   <li>if {@code fencingToken} is lower than the highest token the store has accepted, fails
     *       with {@link StaleFencingTokenException}: a newer sequencer holds the log;
     *   <li>if {@code checkpoint} has a smaller tree size than the stored one, or the same size and
     *       another root, fails with {@link CheckpointConflictException};
     *   <li>otherwise stores {@code fencingToken} as the highest accepted token (if it is higher),
     *       then the checkpoint. The same tree again (same size and root) is allowed, which is how a
     *       new sequencer claims the store with its token before it has anything new to publish.
     * </ol>
     *
     * Steps 2 to 4 are atomic with respect to every other publish on the same store, including from
     * other processes. When it returns, the checkpoint is durable and {@link #latestCheckpoint}
     * returns it (or a later one). A store cannot check that a larger tree extends the stored one
     * (that needs a consistency proof); the caller must have checked it.
     *
     * @throws StaleFencingTokenException if a higher token was accepted (nothing is changed)
     * @throws CheckpointConflictException if the checkpoint cannot follow the stored one (nothing is changed)
     * @throws UncheckedIOException if the store failed; the checkpoint may or may not have been
     *     stored, so the caller must re-read it before publishing again
     */
    void publishCheckpoint(long fencingToken, SignedCheckpoint checkpoint);

    /** Releases the store. Later calls fail. Idempotent. */
    @Override
    void close();
}
