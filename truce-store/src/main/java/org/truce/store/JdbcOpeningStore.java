package org.truce.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.truce.log.LogUnavailableException;
import org.truce.log.sealed.Opening;
import org.truce.log.sealed.OpeningStore;
import org.truce.log.sealed.OpeningStoreCorruptedException;

/**
 * The openings kept in a SQL table ({@code openings}; migration V5), for deployments on PostgreSQL,
 * where the record log is a table too ({@link JdbcRecordLog}). It also runs on H2, so that one
 * contract suite checks it on both. Thread-safe, and safe across processes sharing the database.
 *
 * <h2>Put, and what a crash at each step leaves behind</h2>
 *
 * <ol>
 *   <li>The openings are copied and each is checked against its commitment; one that does not match
 *       fails the whole call before anything is written. <i>Crash:</i> nothing was written.
 *   <li>A transaction begins. On PostgreSQL it sets {@code synchronous_commit = on}, whatever the
 *       server's default, so that COMMIT returns only once the WAL is flushed. Concurrent puts are
 *       concurrent transactions, whose commits PostgreSQL flushes together (group commit).
 *   <li>The openings are inserted with one JDBC batch, in commitment order (so that two puts that
 *       share commitments take their row locks in the same order and cannot deadlock), each only if
 *       its commitment is absent: {@code ON CONFLICT DO NOTHING} on PostgreSQL; on H2, where puts of
 *       this process run one at a time, {@code INSERT … WHERE NOT EXISTS}. A stored or destroyed
 *       commitment is left as it is. <i>Crash:</i> the transaction rolls back; nothing was stored.
 *   <li>COMMIT. <i>Crash during COMMIT:</i> the openings are all present or all absent; the caller
 *       got no answer either way (a retry stores what is missing).
 *   <li>On H2, whose commit does not reach the disk, {@code CHECKPOINT SYNC} forces it. Puts that
 *       committed while a checkpoint ran share the next one. <i>Crash before it returns:</i> H2
 *       reopens at an earlier consistent state, which may lack the openings; the caller got no answer.
 *   <li>The call returns: the openings are durable.
 * </ol>
 *
 * <p>A destroy is one {@code UPDATE} that sets salt and value ({@code sealed_value}) to NULL and
 * {@code destroyed_at} to the database's time, committed the same way; the row stays, so a destroyed
 * commitment is never stored again. Clearing the columns removes the bytes from the table as
 * queries see it; the database may keep them for a while beyond its reach: PostgreSQL in dead row
 * versions until {@code VACUUM} reuses their space, in its WAL and in backups; H2 in file chunks
 * until they are rewritten.
 *
 * <p>A find is one query; a row whose salt and value do not hash to its commitment is reported as
 * {@link OpeningStoreCorruptedException}. Database failures are reported as
 * {@link LogUnavailableException}; when the failure is in COMMIT itself (a lost connection), the
 * outcome is unknown and the openings may be present. {@link #close} does not close the
 * {@link Database}.
 */
public final class JdbcOpeningStore implements OpeningStore {
    private final Jdbi jdbi;
    private final Dialect dialect;
    /** H2 only: its inserts of this process run one at a time, so two never race for one commitment. */
    private final ReentrantLock h2Writes = new ReentrantLock(true);
    private final ReentrantLock h2Checkpoint = new ReentrantLock();
    /** H2 only: how many writes that changed rows have committed; advanced under {@link #h2Writes}. */
    private final AtomicLong h2Committed = new AtomicLong();
    /** H2 only, under {@link #h2Checkpoint}: how many writes a finished CHECKPOINT SYNC covers. */
    private long h2Synced;
    private volatile boolean closed;

    public JdbcOpeningStore(Database database) {
        Objects.requireNonNull(database, "database");
        this.jdbi = database.jdbi();
        this.dialect = database.dialect();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if an opening does not match its commitment (nothing is stored)
     * @throws LogUnavailableException if the database failed or the store is closed
     */
    @Override
    public void putAll(List<Opening> openings) {
        List<Opening> checked = Opening.checkedCopies(openings);
        checkOpen();
        if (checked.isEmpty()) {
            return;
        }
        checked.sort((a, b) -> Arrays.compareUnsigned(a.commitment(), b.commitment()));
        writing("storing " + checked.size() + " openings", handle -> insert(handle, checked));
    }

    private int insert(Handle handle, List<Opening> openings) {
        PreparedBatch batch = handle.prepareBatch(switch (dialect) {
            case POSTGRESQL -> """
                    INSERT INTO openings (commitment, salt, sealed_value) VALUES (:commitment, :salt, :value)
                    ON CONFLICT (commitment) DO NOTHING
                    """;
            case H2 -> """
                    INSERT INTO openings (commitment, salt, sealed_value)
                    SELECT CAST(:commitment AS BYTEA), CAST(:salt AS BYTEA), CAST(:value AS BYTEA)
                    WHERE NOT EXISTS (SELECT 1 FROM openings WHERE commitment = CAST(:commitment AS BYTEA))
                    """;
        });
        for (Opening opening : openings) {
            batch.bind("commitment", opening.commitment()).bind("salt", opening.salt()).bind("value", opening.value()).add();
        }
        return Arrays.stream(batch.execute()).sum();
    }

    /**
     * {@inheritDoc}
     *
     * @throws OpeningStoreCorruptedException if the stored salt and value do not hash to the commitment
     * @throws LogUnavailableException if the database failed or the store is closed
     */
    @Override
    public Optional<Opening> find(byte[] commitment) {
        checkCommitment(commitment);
        checkOpen();
        Optional<StoredRow> row = reading(() -> jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT salt, sealed_value FROM openings WHERE commitment = :commitment AND destroyed_at IS NULL
                        """)
                .bind("commitment", commitment)
                .map((rs, ctx) -> new StoredRow(rs.getBytes("salt"), rs.getBytes("sealed_value")))
                .findOne()));
        return row.map(stored -> opened(commitment.clone(), stored));
    }

    private record StoredRow(byte[] salt, byte[] value) {}

    private Opening opened(byte[] commitment, StoredRow row) {
        Opening opening;
        try {
            opening = new Opening(commitment, row.salt(), row.value());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw corrupt(commitment, e.getMessage());
        }
        if (!opening.matches()) {
            throw corrupt(commitment, "the stored salt and value do not hash to the commitment");
        }
        return opening;
    }

    private OpeningStoreCorruptedException corrupt(byte[] commitment, String reason) {
        return new OpeningStoreCorruptedException("table openings in the " + dialect + " database", -1,
                HexFormat.of().formatHex(commitment), reason);
    }

    /**
     * {@inheritDoc}
     *
     * @throws LogUnavailableException if the database failed or the store is closed
     */
    @Override
    public boolean destroy(byte[] commitment) {
        checkCommitment(commitment);
        checkOpen();
        byte[] key = commitment.clone();
        return writing("destroying an opening", handle -> handle.createUpdate("""
                        UPDATE openings SET salt = NULL, sealed_value = NULL, destroyed_at = CURRENT_TIMESTAMP
                        WHERE commitment = :commitment AND destroyed_at IS NULL
                        """)
                .bind("commitment", key)
                .execute()) > 0;
    }

    /** Runs {@code write} in a durable transaction; returns its row count. */
    private int writing(String what, Write write) {
        try {
            if (dialect == Dialect.POSTGRESQL) {
                return jdbi.inTransaction(handle -> {
                    handle.execute("SET LOCAL synchronous_commit TO on");
                    return write.apply(handle);
                });
            }
            long ticket;
            int rows;
            h2Writes.lock();
            try {
                rows = jdbi.inTransaction(write::apply);
                // a write that changed nothing may have found rows another caller has not yet forced
                ticket = rows > 0 ? h2Committed.incrementAndGet() : h2Committed.get();
            } finally {
                h2Writes.unlock();
            }
            checkpoint(ticket);
            return rows;
        } catch (JdbiException e) {
            throw new LogUnavailableException(what + " in the " + dialect + " opening store failed: " + e.getMessage(), e);
        }
    }

    /**
     * Returns once a {@code CHECKPOINT SYNC} that began after write {@code ticket} committed has
     * finished: one that is running may predate it, the next one covers every write committed
     * before it began.
     */
    private void checkpoint(long ticket) {
        h2Checkpoint.lock();
        try {
            if (h2Synced >= ticket) {
                return;
            }
            long covered = h2Committed.get();
            jdbi.useHandle(handle -> handle.execute("CHECKPOINT SYNC"));
            h2Synced = covered;
        } finally {
            h2Checkpoint.unlock();
        }
    }

    @FunctionalInterface
    private interface Write {
        int apply(Handle handle);
    }

    private static void checkCommitment(byte[] commitment) {
        Objects.requireNonNull(commitment, "commitment");
        if (commitment.length != Opening.COMMITMENT_BYTES) {
            throw new IllegalArgumentException("a commitment is " + Opening.COMMITMENT_BYTES + " bytes, got " + commitment.length);
        }
    }

    private <T> T reading(Supplier<T> read) {
        try {
            return read.get();
        } catch (JdbiException e) {
            throw new LogUnavailableException("reading the " + dialect + " opening store failed: " + e.getMessage(), e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new LogUnavailableException("the opening store is closed");
        }
    }

    /** Refuses further calls; the {@link Database} stays open for its owner to close. */
    @Override
    public void close() {
        closed = true;
    }
}
