package org.truce.log.merkle.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.truce.log.RecordLog;

/**
 * An in-memory sequencer for tests. "Closing" it keeps its entries, so a test can reopen a Merkle
 * log over the same sequence as if the process had restarted, or give two logs one shared sequence.
 */
public final class MemoryRecordLog implements RecordLog {
    private final List<byte[]> entries = new ArrayList<>();

    @Override
    public synchronized long append(byte[] entry) {
        check(entry);
        entries.add(entry.clone());
        return entries.size() - 1;
    }

    @Override
    public synchronized long appendAll(List<byte[]> group) {
        if (group.isEmpty()) {
            throw new IllegalArgumentException("empty group");
        }
        group.forEach(MemoryRecordLog::check);
        long first = entries.size();
        group.forEach(e -> entries.add(e.clone()));
        return first;
    }

    private static void check(byte[] entry) {
        if (entry.length == 0 || entry.length > MAX_ENTRY_BYTES) {
            throw new IllegalArgumentException("entry of " + entry.length + " bytes");
        }
    }

    @Override
    public synchronized long size() {
        return entries.size();
    }

    @Override
    public synchronized byte[] read(long index) {
        Objects.checkIndex(index, entries.size());
        return entries.get((int) index).clone();
    }

    @Override
    public void scan(long fromIndex, EntryVisitor visitor) {
        List<byte[]> snapshot;
        synchronized (this) {
            Objects.checkFromToIndex(fromIndex, entries.size(), entries.size());
            snapshot = new ArrayList<>(entries.subList((int) fromIndex, entries.size()));
        }
        for (int i = 0; i < snapshot.size(); i++) {
            visitor.visit(fromIndex + i, snapshot.get(i).clone());
        }
    }

    @Override
    public void close() {
        // the entries stay: this stands for a durable log that outlives the process using it
    }
}
