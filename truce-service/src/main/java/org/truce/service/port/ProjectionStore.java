package org.truce.service.port;

/**
 * The write side of the projections. Tables are projections of the log: each entry is applied once,
 * in index order, and the applied size moves in the same transaction as the entry's effects, so a
 * crash at any point leaves the projections equal to some prefix of the log.
 */
public interface ProjectionStore {
    /** Number of log entries whose effects are in the projections. */
    long appliedSize();

    /**
     * Applies the effects of the entry at {@code at.logIndex()} and records {@code logIndex + 1} as
     * the applied size, atomically.
     *
     * <p>Requires {@code at.logIndex() == appliedSize()}.
     */
    void apply(Change.At at, Change change);

    /** Empties every projection table and sets the applied size to 0 (rebuild from the log). */
    void clear();
}
