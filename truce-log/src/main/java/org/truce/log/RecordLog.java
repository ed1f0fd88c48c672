package org.truce.log;

import java.util.List;

/**
 * The append-only record: an ordered sequence of opaque entries, each identified by its index
 * (0-based, dense). Truce decides what an entry means; the log only keeps it, in order, forever.
 *
 * <p>Architecture invariant: an index returned by {@link #append} refers to an entry that is
 * durable (it survives SIGKILL and power loss) and is never changed or removed afterwards.
 *
 * <p>Implementations are safe for concurrent use; concurrent appends may be committed together
 * (group commit), so the indexes they receive are unique but not necessarily in call order.
 */
public interface RecordLog extends AutoCloseable {

    /** Largest entry accepted, in bytes. Larger entries are a programming error upstream. */
    int MAX_ENTRY_BYTES = 1 << 20;

    /**
     * Appends one entry and returns its index once it is durable.
     *
     * @throws IllegalArgumentException if the entry is empty or larger than {@link #MAX_ENTRY_BYTES}
     * @throws LogUnavailableException if the entry could not be made durable (it was not appended)
     */
    long append(byte[] entry);

    /**
     * Appends several entries as one atomic unit: after a crash either all of them are present,
     * contiguously, or none is. Returns the index of the first, once all are durable.
     *
     * @throws IllegalArgumentException if {@code entries} is empty, holds an entry {@link #append}
     *     would reject, or is larger than the implementation can commit atomically
     * @throws LogUnavailableException if the entries could not be made durable (none was appended)
     */
    long appendAll(List<byte[]> entries);

    /** Number of durable entries; the next index to be assigned. */
    long size();

    /**
     * Reads the entry at {@code index}.
     *
     * <p>Requires {@code 0 <= index < size()}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is outside that range
     */
    byte[] read(long index);

    /**
     * Calls {@code visitor} with every entry from {@code fromIndex} (inclusive) up to the size at
     * the time of the call, in order, on the calling thread. Entries appended meanwhile are not visited.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= fromIndex <= size()}
     */
    void scan(long fromIndex, EntryVisitor visitor);

    /** Receives entries in index order. */
    @FunctionalInterface
    interface EntryVisitor {
        void visit(long index, byte[] entry);
    }

    /** Releases the log; later appends and reads fail with {@link LogUnavailableException}. Idempotent. */
    @Override
    void close();
}
