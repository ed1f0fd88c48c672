package org.truce.log.file;

import java.util.Arrays;
import org.truce.log.LogUnavailableException;

/**
 * Where each durable entry's frame starts and how long its payload is, so that a read is one
 * positioned read.
 *
 * <p>Only the writer thread (or recovery, before the writer starts) adds entries. Readers work on
 * an immutable {@link Snapshot} published through a volatile field: the writer fills array slots
 * beyond the published count, which no reader looks at, and publishes a new snapshot only after
 * the batch was forced. Growing copies the arrays, so older snapshots stay valid.
 */
final class EntryIndex {
    private static final int INITIAL_CAPACITY = 1024;
    private static final int MAX_ENTRIES = Integer.MAX_VALUE - 8;

    /** The durable entries as a reader may see them. */
    record Snapshot(long[] frameOffsets, int[] payloadLengths, int count) {
        long frameOffset(int index) {
            return frameOffsets[index];
        }

        int payloadLength(int index) {
            return payloadLengths[index];
        }
    }

    private long[] frameOffsets = new long[INITIAL_CAPACITY];
    private int[] payloadLengths = new int[INITIAL_CAPACITY];
    private int stagedCount;
    private volatile Snapshot published = new Snapshot(frameOffsets, payloadLengths, 0);

    Snapshot snapshot() {
        return published;
    }

    int size() {
        return published.count();
    }

    /** Fails before anything is written if {@code entries} more would not fit. */
    void checkRoomFor(int entries) {
        if (stagedCount > MAX_ENTRIES - entries) {
            throw new LogUnavailableException("log is full: at most " + MAX_ENTRIES + " entries per segment");
        }
    }

    /** Stages an entry; invisible to readers until {@link #publish()}. */
    void stage(long frameOffset, int payloadLength) {
        if (stagedCount == frameOffsets.length) {
            int capacity = (int) Math.min(MAX_ENTRIES, frameOffsets.length * 2L);
            frameOffsets = Arrays.copyOf(frameOffsets, capacity);
            payloadLengths = Arrays.copyOf(payloadLengths, capacity);
        }
        frameOffsets[stagedCount] = frameOffset;
        payloadLengths[stagedCount] = payloadLength;
        stagedCount++;
    }

    int stagedCount() {
        return stagedCount;
    }

    /** Forgets staged entries from {@code count} on (their batch failed or was never committed). */
    void discardStagedFrom(int count) {
        if (count < published.count() || count > stagedCount) {
            throw new IllegalArgumentException("cannot discard published entries");
        }
        stagedCount = count;
    }

    void publish() {
        published = new Snapshot(frameOffsets, payloadLengths, stagedCount);
    }
}
