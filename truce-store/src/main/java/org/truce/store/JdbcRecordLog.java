package org.truce.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
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
 * <h2>Append (group commit), and what a crash at each step leaves behind</h2>
 *
 * <ol>
 *   <li>The caller's entries are checked and queued as one request; the caller waits. <i>Crash:</i>
 *       nothing was written and the caller never got an index.
 *   <li>When no transaction of this process is running, the oldest waiting caller leads: it takes
 *       every waiting request that fits in one transaction (at most {@value #MAX_APPEND_ENTRIES}
 *       entries and {@value #MAX_APPEND_BYTES} bytes; a request is never split) and begins a
 *       transaction. On PostgreSQL the transaction sets {@code synchronous_commit = on} (in the
 *       statement of step 3), whatever the server's default, so that COMMIT returns only once the
 *       WAL is flushed. <i>Crash:</i> as in step 1.
 *   <li>{@code UPDATE record_log_head SET log_size = log_size + n} (n: the batch's entries) locks the
 *       head row and returns the new size: an appender in another process waits here until this
 *       transaction ends. The requests get consecutive indexes from the old {@code log_size}, in
 *       queue order. <i>Crash:</i> the transaction rolls back; nothing was appended.
 *   <li>The entries are inserted with one JDBC batch. <i>Crash:</i> as in step 3.
 *   <li>COMMIT makes the head and the entries visible together, so committed entries are always the
 *       dense prefix {@code [0, log_size)}, and each request's entries are all there or none is.
 *       <i>Crash during COMMIT:</i> the batch is either all present or all absent; no caller got an
 *       index either way.
 *   <li>On H2, whose commit does not reach the disk, {@code CHECKPOINT SYNC} forces it, once for the
 *       batch. <i>Crash before it returns:</i> H2 reopens at an earlier consistent state, which may
 *       lack the batch; no caller got an index.
 *   <li>The leader hands the lead to the oldest caller still waiting (which goes on at step 2), then
 *       wakes every caller of the batch with its first index and returns its own: the entries are
 *       durable. <i>Crash:</i> the batch survives, whether or not its callers were answered.
 * </ol>
 *
 * <p>Whatever queues while one transaction commits becomes the next transaction, so concurrent
 * appenders share one WAL flush without any timer, and an idle log adds no latency. Only one
 * transaction per process runs at a time, so appends queue in the JVM rather than on the head row's
 * lock (whose timeout H2 keeps short). If the transaction fails, every caller of its batch gets
 * {@link LogUnavailableException} and the next waiting caller leads a new one; when the failure is in
 * COMMIT itself (a lost connection), the outcome is unknown and the entries may be present. A caller
 * interrupted while waiting keeps waiting: its outcome is decided by the leader.
 *
 * <p>Limits, the same as the file log's: an {@code appendAll} group holds at most
 * {@value #MAX_APPEND_ENTRIES} entries and {@value #MAX_APPEND_BYTES} bytes; each entry is 1 to
 * {@link RecordLog#MAX_ENTRY_BYTES} bytes. Callers must not change an entry's array until its append
 * returns. {@link #close} refuses new calls; appends already queued are still committed. It does not
 * close the {@link Database}.
 */
public final class JdbcRecordLog implements RecordLog {
    static final int MAX_APPEND_ENTRIES = 1024;
    static final int MAX_APPEND_BYTES = 4 << 20;
    /** Entries read per query while scanning; with 1 MiB entries at most, a page stays below 64 MiB. */
    static final int SCAN_PAGE_ENTRIES = 64;

    private final Jdbi jdbi;
    private final Dialect dialect;
    /** Guards {@link #waiting} and {@link #leading}; held only briefly, never during IO or a wake-up. */
    private final ReentrantLock queueLock = new ReentrantLock();
    /** Requests not yet taken into a transaction, oldest first. */
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    /** Whether a caller of this process leads a transaction (or has been handed the lead). */
    private boolean leading;
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
        Request mine = new Request(entries, checkEntries(entries));
        checkOpen();
        boolean leads;
        queueLock.lock();
        try {
            waiting.add(mine);
            leads = !leading;
            leading = true;
        } finally {
            queueLock.unlock();
        }
        // join() ignores interrupts: the outcome is the leader's to decide
        if (!leads && mine.woken.join()) {
            return mine.firstIndex();
        }
        // the lead goes only to the oldest waiting request, so this batch starts with mine
        commit(takeBatch());
        return mine.firstIndex();
    }

    private List<Request> takeBatch() {
        List<Request> batch = new ArrayList<>();
        int entries = 0;
        long bytes = 0;
        queueLock.lock();
        try {
            for (Request next = waiting.peek(); next != null; next = waiting.peek()) {
                if (entries + next.entries.size() > MAX_APPEND_ENTRIES || bytes + next.bytes > MAX_APPEND_BYTES) {
                    break; // the first request always fits: checkEntries holds each to these limits
                }
                batch.add(waiting.poll());
                entries += next.entries.size();
                bytes += next.bytes;
            }
        } finally {
            queueLock.unlock();
        }
        return batch;
    }

    /** Commits the batch in one transaction, hands the lead on, and answers the batch's callers. */
    private void commit(List<Request> batch) {
        List<byte[]> entries = new ArrayList<>();
        for (Request request : batch) {
            entries.addAll(request.entries);
        }
        long first = -1;
        LogUnavailableException failure = null;
        try {
            first = jdbi.inTransaction(handle -> insert(handle, entries));
            if (dialect == Dialect.H2) {
                jdbi.useHandle(handle -> handle.execute("CHECKPOINT SYNC"));
            }
        } catch (RuntimeException | Error e) {
            // whatever went wrong, the waiting callers must be answered, or they would wait forever
            failure = new LogUnavailableException("appending " + entries.size() + " entries (" + batch.size()
                    + " requests) to the " + dialect + " record log failed: " + e.getMessage(), e);
        }
        Request nextLeader;
        queueLock.lock();
        try {
            nextLeader = waiting.peek();
            leading = nextLeader != null;
        } finally {
            queueLock.unlock();
        }
        // the next transaction starts first; waking this batch's callers overlaps with it
        if (nextLeader != null) {
            nextLeader.woken.complete(false);
        }
        long next = first;
        for (Request request : batch) {
            request.answer(next, failure);
            next += request.entries.size();
        }
    }

    /** One caller's entries, committed together, and the caller's wait. */
    private static final class Request {
        final List<byte[]> entries;
        final long bytes;
        /** Completed with true when the request is answered, with false when it is handed the lead. */
        final CompletableFuture<Boolean> woken = new CompletableFuture<>();
        // written before woken completes, read after
        private long firstIndex;
        private LogUnavailableException failure;

        Request(List<byte[]> entries, long bytes) {
            this.entries = entries;
            this.bytes = bytes;
        }

        void answer(long firstIndex, LogUnavailableException failure) {
            this.firstIndex = firstIndex;
            this.failure = failure;
            woken.complete(true);
        }

        long firstIndex() {
            if (failure != null) {
                // a fresh exception, so that the stack trace shows this caller; the leader's is the cause
                throw new LogUnavailableException(failure.getMessage(), failure);
            }
            return firstIndex;
        }
    }

    /** Checks an {@code appendAll} group and returns its size in bytes. */
    private static long checkEntries(List<byte[]> entries) {
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
        return bytes;
    }

    private long insert(Handle handle, List<byte[]> entries) {
        // every round trip counts, as the whole batch waits for the transaction: the UPDATE returns the
        // new size, and on PostgreSQL it also does the SET LOCAL of step 2 (set_config(..., true))
        String advance = "UPDATE record_log_head SET log_size = log_size + :count WHERE id = 1";
        long newSize = switch (dialect) {
            case POSTGRESQL -> handle.createQuery(advance + " RETURNING log_size, set_config('synchronous_commit', 'on', true)")
                    .bind("count", entries.size())
                    .mapTo(Long.class)
                    .one();
            case H2 -> handle.createUpdate(advance)
                    .bind("count", entries.size())
                    .executeAndReturnGeneratedKeys("log_size")
                    .mapTo(Long.class)
                    .one();
        };
        long first = newSize - entries.size();
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
