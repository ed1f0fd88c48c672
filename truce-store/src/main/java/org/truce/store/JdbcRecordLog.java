package org.truce.store;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.truce.log.LogUnavailableException;
import org.truce.log.RecordLog;

/**
 * The record log kept in SQL tables ({@code record_log}, {@code record_log_head}; migration V2), for
 * deployments on PostgreSQL, where several Truce nodes may share one database. It also runs on H2,
 * so that one contract suite checks it on both. Thread-safe, and safe across processes sharing the
 * database.
 *
 * <h2>Append, and what a crash at each step leaves behind</h2>
 *
 * <ol>
 *   <li>The entries are checked; a transaction begins. On PostgreSQL it sets
 *       {@code synchronous_commit = on}, whatever the server's default, so that COMMIT returns only
 *       once the WAL is flushed.
 *   <li>{@code UPDATE record_log_head SET log_size = log_size + n} locks the head row: a concurrent
 *       appender, in this process or another, waits here until this transaction ends. The entries
 *       get the indexes {@code [old log_size, new log_size)}. <i>Crash:</i> the transaction rolls
 *       back; nothing was appended.
 *   <li>The entries are inserted with a batch. <i>Crash:</i> as in step 2.
 *   <li>COMMIT makes the head and the entries visible together, so committed entries are always the
 *       dense prefix {@code [0, log_size)}. <i>Crash during COMMIT:</i> the entries are either all
 *       present or all absent; the caller got no index either way.
 *   <li>On H2, whose commit does not reach the disk, {@code CHECKPOINT SYNC} forces it. <i>Crash
 *       before it returns:</i> H2 reopens at an earlier consistent state, which may lack the batch;
 *       the caller got no index.
 *   <li>The first index is returned: the entries are durable.
 * </ol>
 *
 * <p>Appends from this process also take a JVM lock first, so they queue in the JVM instead of on
 * database row locks (whose timeouts H2 keeps short). A failed append throws
 * {@link LogUnavailableException}; when the failure is in COMMIT itself (a lost connection), the
 * outcome is unknown to the caller and the entries may be present.
 *
 * <p>Limits, the same as the file log's: an {@code appendAll} group holds at most
 * {@value #MAX_APPEND_ENTRIES} entries and {@value #MAX_APPEND_BYTES} bytes; each entry is 1 to
 * {@link RecordLog#MAX_ENTRY_BYTES} bytes. Callers must not change an entry's array until its append
 * returns. {@link #close} does not close the {@link Database}.
 */
public final class JdbcRecordLog implements RecordLog {
    static final int MAX_APPEND_ENTRIES = 1024;
    static final int MAX_APPEND_BYTES = 4 << 20;
    /** Entries read per query while scanning; with 1 MiB entries at most, a page stays below 64 MiB. */
    static final int SCAN_PAGE_ENTRIES = 64;

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final ReentrantLock appending = new ReentrantLock(true);
    private volatile boolean closed;

    public JdbcRecordLog(Database database) {
        Objects.requireNonNull(database, "database");
        this.jdbi = database.jdbi();
        this.dialect = database.dialect();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the entry is empty or larger than {@link #MAX_ENTRY_BYTES}
     * @throws LogUnavailableException if the database failed or the log is closed
     */
    @Override
    public long append(byte[] entry) {
        return appendAll(List.of(entry));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code entries} is empty, holds an invalid entry, or exceeds
     *     {@value #MAX_APPEND_ENTRIES} entries or {@value #MAX_APPEND_BYTES} bytes
     * @throws LogUnavailableException if the database failed or the log is closed
     */
    @Override
    public long appendAll(List<byte[]> entries) {
        checkEntries(entries);
        checkOpen();
        appending.lock();
        try {
            long first = jdbi.inTransaction(handle -> insert(handle, entries));
            if (dialect == Dialect.H2) {
                jdbi.useHandle(handle -> handle.execute("CHECKPOINT SYNC"));
            }
            return first;
        } catch (JdbiException e) {
            throw new LogUnavailableException("appending " + entries.size() + " entries to the " + dialect
                    + " record log failed: " + e.getMessage(), e);
        } finally {
            appending.unlock();
        }
    }

    private static void checkEntries(List<byte[]> entries) {
        Objects.requireNonNull(entries, "entries");
        if (entries.isEmpty() || entries.size() > MAX_APPEND_ENTRIES) {
            throw new IllegalArgumentException("an append holds 1 to " + MAX_APPEND_ENTRIES + " entries, got " + entries.size());
        }
        long bytes = 0;
        for (byte[] entry : entries) {
            Objects.requireNonNull(entry, "entry");
            if (entry.length < 1 || entry.length > MAX_ENTRY_BYTES) {
                throw new IllegalArgumentException("an entry is 1 to " + MAX_ENTRY_BYTES + " bytes, got " + entry.length);
            }
            bytes += entry.length;
        }
        if (bytes > MAX_APPEND_BYTES) {
            throw new IllegalArgumentException("an append holds at most " + MAX_APPEND_BYTES + " bytes, got " + bytes);
        }
    }

    private long insert(Handle handle, List<byte[]> entries) {
        if (dialect == Dialect.POSTGRESQL) {
            handle.execute("SET LOCAL synchronous_commit TO on");
        }
        handle.createUpdate("UPDATE record_log_head SET log_size = log_size + :count WHERE id = 1")
                .bind("count", entries.size())
                .execute();
        long first = size(handle) - entries.size();
        PreparedBatch batch = handle.prepareBatch("INSERT INTO record_log (idx, entry) VALUES (:idx, :entry)");
        for (int i = 0; i < entries.size(); i++) {
            batch.bind("idx", first + i).bind("entry", entries.get(i)).add();
        }
        batch.execute();
        return first;
    }

    /**
     * {@inheritDoc}
     *
     * @throws LogUnavailableException if the database failed or the log is closed
     */
    @Override
    public long size() {
        checkOpen();
        return reading(() -> jdbi.withHandle(JdbcRecordLog::size));
    }

    private static long size(Handle handle) {
        return handle.createQuery("SELECT log_size FROM record_log_head WHERE id = 1").mapTo(Long.class).one();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
     * @throws LogUnavailableException if the database failed or the log is closed
     */
    @Override
    public byte[] read(long index) {
        checkOpen();
        return reading(() -> jdbi.withHandle(handle -> handle.createQuery("SELECT entry FROM record_log WHERE idx = :idx")
                        .bind("idx", index)
                        .mapTo(byte[].class)
                        .findOne()
                        .orElseThrow(() -> new IndexOutOfBoundsException("index " + index + " out of bounds for log size " + size(handle)))));
    }

    /**
     * {@inheritDoc} Entries appended during the scan are not visited. The visitor runs outside any
     * database transaction, so it may use the database itself.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= fromIndex <= size()}
     * @throws LogUnavailableException if the database failed or the log is closed
     */
    @Override
    public void scan(long fromIndex, EntryVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        long end = size();
        Objects.checkFromToIndex(fromIndex, end, end);
        long next = fromIndex;
        while (next < end) {
            List<IndexedEntry> page = page(next, end);
            for (IndexedEntry row : page) {
                if (row.index() != next) {
                    throw new IllegalStateException("the record log has no entry at index " + next + " below its size " + end
                            + ": rows were deleted outside Truce");
                }
                visitor.visit(row.index(), row.entry());
                next++;
            }
            if (page.isEmpty()) {
                throw new IllegalStateException("the record log has no entry at index " + next + " below its size " + end);
            }
        }
    }

    private List<IndexedEntry> page(long fromIndex, long endIndex) {
        checkOpen();
        return reading(() -> jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT idx, entry FROM record_log WHERE idx >= :from_idx AND idx < :end_idx ORDER BY idx LIMIT :page_entries
                        """)
                .bind("from_idx", fromIndex)
                .bind("end_idx", endIndex)
                .bind("page_entries", SCAN_PAGE_ENTRIES)
                .map((rs, ctx) -> new IndexedEntry(rs.getLong("idx"), rs.getBytes("entry")))
                .list()));
    }

    private record IndexedEntry(long index, byte[] entry) {
    }

    private <T> T reading(Supplier<T> read) {
        try {
            return read.get();
        } catch (JdbiException e) {
            throw new LogUnavailableException("reading the " + dialect + " record log failed: " + e.getMessage(), e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new LogUnavailableException("the record log is closed");
        }
    }

    /** Refuses further calls; the {@link Database} stays open for its owner to close. */
    @Override
    public void close() {
        closed = true;
    }
}
