package org.truce.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatement;
import org.truce.log.merkle.tiles.CheckpointConflictException;
import org.truce.log.merkle.tiles.CorruptedStoreException;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.log.merkle.tiles.StaleFencingTokenException;
import org.truce.log.merkle.tiles.TileConflictException;
import org.truce.log.merkle.tiles.TileStore;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.tiles.TileId;

/**
 * The Merkle log's tiles, entry bundles and signed checkpoint kept in SQL tables ({@code log_tiles},
 * {@code log_entry_bundles}, {@code log_checkpoint}; migration V3), for deployments on PostgreSQL,
 * where the record log is in the database too ({@link JdbcRecordLog}) and several Truce nodes may
 * share it. It also runs on H2, so that one contract suite checks it on both. Thread-safe, and safe
 * across processes sharing the database.
 *
 * <h2>Writing a tile or bundle</h2>
 *
 * <ol>
 *   <li>The row of the resource (level, index and exact width: a partial tile is a row of its own)
 *       is read. If it exists, its bytes are compared with the new ones: equal, the write is done
 *       (recovery rewriting what a crashed round wrote); different, {@link TileConflictException},
 *       and nothing is changed.
 *   <li>Otherwise the row is inserted in a transaction of its own, which on PostgreSQL sets
 *       {@code synchronous_commit = on} whatever the server's default, so that COMMIT returns only
 *       once the WAL is flushed. A writer that inserted the same row meanwhile makes the insert fail
 *       on the primary key (SQLSTATE 23505); the row is then read again and compared as in step 1.
 *   <li>On H2, whose commit does not reach the disk, {@code CHECKPOINT SYNC} forces it.
 * </ol>
 *
 * <p>So a write returns once the row, bytes and name at once, is durable; rows are never updated
 * or deleted by this class. <i>Crash before COMMIT:</i> the row is absent, and the integrator writes
 * it again after a restart. <i>During COMMIT:</i> the row is whole or absent.
 *
 * <h2>Publishing a checkpoint</h2>
 *
 * <p>One transaction (PostgreSQL: {@code synchronous_commit = on}) locks the single row of {@code
 * log_checkpoint} with {@code SELECT ... FOR UPDATE}, so that a concurrent publisher, in this process
 * or another, waits until it ends; checks the fencing token, then that the new checkpoint may follow
 * the stored note (not a smaller tree, not the same size with another root); and updates the row:
 * the note, its size and root, and the highest token. A refusal rolls the transaction back, leaving
 * the token and the checkpoint as they were. On H2, {@code CHECKPOINT SYNC} runs before the
 * transaction (the tiles written before are durable, as {@link TileStore#publishCheckpoint} step 1
 * requires; each write already forced itself) and after its COMMIT. <i>Crash before COMMIT:</i> the
 * stored checkpoint and token are unchanged. The token and the checkpoint change together, never one
 * without the other.
 *
 * <p>Publishes from this process also take a JVM lock first, so they queue in the JVM instead of on
 * the row lock (whose timeout H2 keeps short). A database failure is an {@link UncheckedIOException},
 * as the {@link TileStore} contract has it: the write or publish may or may not have taken effect.
 * {@link #close} does not close the {@link Database}.
 */
public final class JdbcTileStore implements TileStore {
    /** SQLSTATE of a unique (here primary key) violation, on H2 and PostgreSQL alike. */
    static final String UNIQUE_VIOLATION = "23505";
    /** Insert races lost in a row before a write gives up; each loss means another writer's row is there. */
    private static final int MAX_WRITE_ATTEMPTS = 3;

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final ReentrantLock publishing = new ReentrantLock(true);
    private volatile boolean closed;

    public JdbcTileStore(Database database) {
        Objects.requireNonNull(database, "database");
        this.jdbi = database.jdbi();
        this.dialect = database.dialect();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException unless 0 <= level <= 63, index >= 0, 1 <= width <= 256 and
     *     {@code hashes.length == width * 32}
     * @throws TileConflictException if the tile exists with other bytes (nothing is changed)
     * @throws UncheckedIOException if the database failed; the tile may or may not be stored
     */
    @Override
    public void writeHashTile(int level, long index, int width, byte[] hashes) {
        Objects.requireNonNull(hashes, "hashes");
        TileId tile = TileId.hashes(level, index, width);
        if (hashes.length != width * Hashes.SIZE) {
            throw new IllegalArgumentException(tile.path() + " needs " + width * Hashes.SIZE + " bytes, got " + hashes.length);
        }
        write(tile, hashes);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException unless index >= 0, 1 <= width <= 256 and the bundle is not empty
     * @throws TileConflictException if the bundle exists with other bytes (nothing is changed)
     * @throws UncheckedIOException if the database failed; the bundle may or may not be stored
     */
    @Override
    public void writeEntryBundle(long index, int width, byte[] bundle) {
        Objects.requireNonNull(bundle, "bundle");
        TileId tile = TileId.entries(index, width);
        if (bundle.length == 0) {
            throw new IllegalArgumentException(tile.path() + " cannot be empty");
        }
        write(tile, bundle);
    }

    private void write(TileId tile, byte[] bytes) {
        requireOpen();
        byte[] copy = bytes.clone(); // the bytes compared are the bytes inserted
        try {
            for (int attempt = 1; ; attempt++) {
                Optional<byte[]> stored = jdbi.withHandle(handle -> select(handle, tile));
                if (stored.isPresent()) {
                    requireSameBytes(tile, stored.get(), copy);
                    forceOnH2(); // another writer's row may not be forced yet
                    return;
                }
                if (insert(tile, copy)) {
                    forceOnH2();
                    return;
                }
                if (attempt == MAX_WRITE_ATTEMPTS) {
                    throw new UncheckedIOException(new IOException("writing " + tile.path() + " to the " + dialect
                            + " tile store lost " + attempt + " insert races to writers whose rows then vanished"));
                }
            }
        } catch (JdbiException e) {
            throw failed("writing " + tile.path(), e);
        }
    }

    private static void requireSameBytes(TileId tile, byte[] stored, byte[] bytes) {
        if (!Arrays.equals(stored, bytes)) {
            throw new TileConflictException(tile, "stored " + stored.length + " bytes differ from the " + bytes.length
                    + " bytes written now");
        }
    }

    /** Inserts the row in a durable transaction; false if a row with its key exists (another writer was first). */
    private boolean insert(TileId tile, byte[] bytes) {
        try {
            jdbi.useTransaction(handle -> {
                requireSynchronousCommit(handle);
                String sql = tile.isEntries()
                        ? "INSERT INTO log_entry_bundles (idx, width, data) VALUES (:idx, :width, :data)"
                        : "INSERT INTO log_tiles (level, idx, width, data) VALUES (:level, :idx, :width, :data)";
                bindKey(handle.createUpdate(sql), tile).bind("data", bytes).execute();
            });
            return true;
        } catch (JdbiException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<byte[]> select(Handle handle, TileId tile) {
        String sql = tile.isEntries()
                ? "SELECT data FROM log_entry_bundles WHERE idx = :idx AND width = :width"
                : "SELECT data FROM log_tiles WHERE level = :level AND idx = :idx AND width = :width";
        return bindKey(handle.createQuery(sql), tile).mapTo(byte[].class).findOne();
    }

    private static <S extends SqlStatement<S>> S bindKey(S statement, TileId tile) {
        if (!tile.isEntries()) {
            statement.bind("level", (short) tile.level());
        }
        return statement.bind("idx", tile.index()).bind("width", (short) tile.width());
    }

    @Override
    public Optional<byte[]> readHashTile(int level, long index, int width) {
        return read(TileId.hashes(level, index, width));
    }

    @Override
    public Optional<byte[]> readEntryBundle(long index, int width) {
        return read(TileId.entries(index, width));
    }

    /**
     * {@inheritDoc}
     *
     * @throws UncheckedIOException if the database failed
     */
    @Override
    public Optional<byte[]> read(TileId tile) {
        Objects.requireNonNull(tile, "tile");
        requireOpen();
        try {
            return jdbi.withHandle(handle -> select(handle, tile));
        } catch (JdbiException e) {
            throw failed("reading " + tile.path(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws CorruptedStoreException if the stored note is not a signed checkpoint, or its size and
     *     root columns disagree with it
     * @throws UncheckedIOException if the database failed
     */
    @Override
    public Optional<SignedCheckpoint> latestCheckpoint() {
        requireOpen();
        try {
            return jdbi.withHandle(handle -> row(handle, false)).checkpoint();
        } catch (JdbiException e) {
            throw failed("reading the checkpoint", e);
        }
    }

    /**
     * Returns the highest fencing token a publish has stored, or empty before the first publish. A
     * new sequencer must publish with a higher one.
     *
     * @throws UncheckedIOException if the database failed
     */
    public OptionalLong fencingToken() {
        requireOpen();
        try {
            Long token = jdbi.withHandle(handle -> row(handle, false)).fencingToken();
            return token == null ? OptionalLong.empty() : OptionalLong.of(token);
        } catch (JdbiException e) {
            throw failed("reading the fencing token", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws StaleFencingTokenException if a higher token was accepted (nothing is changed)
     * @throws CheckpointConflictException if the checkpoint cannot follow the stored one (nothing is changed)
     * @throws CorruptedStoreException if the stored checkpoint cannot be read (nothing is changed)
     * @throws UncheckedIOException if the database failed; the checkpoint may or may not have been stored
     */
    @Override
    public void publishCheckpoint(long fencingToken, SignedCheckpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        requireOpen();
        publishing.lock();
        try {
            forceOnH2(); // step 1; on PostgreSQL every write's COMMIT already flushed the WAL
            jdbi.useTransaction(handle -> compareAndSwap(handle, fencingToken, checkpoint));
            forceOnH2();
        } catch (JdbiException e) {
            throw failed("publishing the checkpoint of size " + checkpoint.size(), e);
        } finally {
            publishing.unlock();
        }
    }

    private void compareAndSwap(Handle handle, long fencingToken, SignedCheckpoint next) {
        requireSynchronousCommit(handle);
        CheckpointRow stored = row(handle, true);
        if (stored.fencingToken() != null && fencingToken < stored.fencingToken()) {
            throw new StaleFencingTokenException(fencingToken, stored.fencingToken());
        }
        stored.checkpoint().ifPresent(next::requireMayFollow);
        long token = stored.fencingToken() == null ? fencingToken : Math.max(fencingToken, stored.fencingToken());
        int updated = handle.createUpdate("""
                        UPDATE log_checkpoint SET fencing_token = :token, tree_size = :size, root_hash = :root, note = :note
                        WHERE id = 1
                        """)
                .bind("token", token)
                .bind("size", next.size())
                .bind("root", next.rootHash())
                .bind("note", next.note())
                .execute();
        if (updated != 1) {
            throw new CorruptedStoreException("log_checkpoint lost its row while it was locked");
        }
    }

    /** The row of {@code log_checkpoint}, locked until the transaction ends if {@code forUpdate}. */
    private static CheckpointRow row(Handle handle, boolean forUpdate) {
        return handle.createQuery("SELECT fencing_token, tree_size, root_hash, note FROM log_checkpoint WHERE id = 1"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .map((rs, ctx) -> {
                    long token = rs.getLong("fencing_token");
                    Long fencingToken = rs.wasNull() ? null : token;
                    long size = rs.getLong("tree_size");
                    Long treeSize = rs.wasNull() ? null : size;
                    return new CheckpointRow(fencingToken, treeSize, rs.getBytes("root_hash"), rs.getBytes("note"));
                })
                .findOne()
                .orElseThrow(() -> new CorruptedStoreException("log_checkpoint has no row: it was deleted outside Truce"));
    }

    /** The stored state: all null before the first publish, none after (the table's CHECK). */
    private record CheckpointRow(Long fencingToken, Long treeSize, byte[] rootHash, byte[] note) {
        Optional<SignedCheckpoint> checkpoint() {
            if (note == null) {
                return Optional.empty();
            }
            SignedCheckpoint checkpoint;
            try {
                checkpoint = SignedCheckpoint.parse(note);
            } catch (IllegalArgumentException e) {
                throw new CorruptedStoreException("log_checkpoint.note is not a signed checkpoint: " + e.getMessage(), e);
            }
            if (treeSize == null || treeSize != checkpoint.size() || rootHash == null
                    || !MessageDigest.isEqual(rootHash, checkpoint.rootHash())) {
                throw new CorruptedStoreException("log_checkpoint's tree_size and root_hash disagree with its note,"
                        + " which commits to size " + checkpoint.size() + ": the row was changed outside Truce");
            }
            return Optional.of(checkpoint);
        }
    }

    private void requireSynchronousCommit(Handle handle) {
        if (dialect == Dialect.POSTGRESQL) {
            handle.execute("SET LOCAL synchronous_commit TO on");
        }
    }

    /** On H2, forces committed transactions to disk (its COMMIT does not). */
    private void forceOnH2() {
        if (dialect == Dialect.H2) {
            jdbi.useHandle(handle -> handle.execute("CHECKPOINT SYNC"));
        }
    }

    private UncheckedIOException failed(String what, JdbiException e) {
        String message = what + " in the " + dialect + " tile store failed: " + e.getMessage();
        return new UncheckedIOException(message, new IOException(message, e));
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the " + dialect + " tile store is closed");
        }
    }

    /** Refuses further calls; the {@link Database} stays open for its owner to close. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "JdbcTileStore[" + dialect + "]";
    }
}
