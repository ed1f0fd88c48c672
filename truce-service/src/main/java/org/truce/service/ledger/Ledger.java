package org.truce.service.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.truce.log.RecordLog;
import org.truce.service.port.Change;
import org.truce.service.port.ProjectionStore;
import org.truce.service.projection.Projector;

/**
 * The write path: every accepted change becomes an entry in the log first, and the projections
 * follow the log.
 *
 * <ol>
 *   <li>The caller has validated the change; nothing is written for an invalid one.</li>
 *   <li>The entry is appended to the log and made durable. A crash before this point loses a change
 *       that was never acknowledged; after it, the change exists.</li>
 *   <li>The projections are brought up to the log's size ({@link #catchUp}), entry by entry, each in
 *       one transaction with the applied size. A crash here leaves the projections behind the log;
 *       the next start catches up, so an acknowledged change always reaches the tables.</li>
 *   <li>The caller answers with the entry's index.</li>
 * </ol>
 */
public final class Ledger {
    /** Largest entry: a C2SP entry bundle frames each entry with a 16-bit length. */
    public static final int MAX_ENTRY_BYTES = 65_535;

    private final RecordLog log;
    private final ProjectionStore projections;
    private final Clock clock;
    private final ReentrantLock projecting = new ReentrantLock();
    private final List<Consumer<Change>> listeners = new ArrayList<>();

    public Ledger(RecordLog log, ProjectionStore projections, Clock clock) {
        this.log = log;
        this.projections = projections;
        this.clock = clock;
    }

    /** Called (under the projection lock) after each change was applied to the projections. */
    public void onApplied(Consumer<Change> listener) {
        listeners.add(listener);
    }

    /** Appends one entry durably, projects it, and returns its index. */
    public long record(String principal, String type, JsonNode payload, Entry.RequestHashes request) {
        Entry entry = new Entry(type, EntryCodec.SCHEMA, principal, clock.instant(), payload, request);
        long index = log.append(bounded(EntryCodec.encode(entry), 0));
        catchUp(index + 1);
        return index;
    }

    /** Appends several entries as one atomic unit, projects them, and returns the first index. */
    public long recordAll(String principal, List<TypedPayload> changes) {
        var encoded = new ArrayList<byte[]>(changes.size());
        var now = clock.instant();
        for (TypedPayload change : changes) {
            encoded.add(bounded(EntryCodec.encode(new Entry(change.type(), EntryCodec.SCHEMA, principal, now, change.payload(), null)),
                    encoded.size()));
        }
        long first = log.appendAll(encoded);
        catchUp(first + changes.size());
        return first;
    }

    private static byte[] bounded(byte[] entry, int position) {
        if (entry.length > MAX_ENTRY_BYTES) {
            throw org.truce.domain.problem.InvalidInputException.of("[" + position + "]", "is " + entry.length
                    + " bytes once recorded; one entry holds at most " + MAX_ENTRY_BYTES + " (simplify or split the geometry, shorten the text)");
        }
        return entry;
    }

    /** An entry type and its payload. */
    public record TypedPayload(String type, JsonNode payload) {
    }

    /**
     * Appends entries recorded by another log (a mirror), byte for byte, after checking that each
     * decodes as an entry; then projects them. Returns the index of the first.
     */
    public long mirror(List<byte[]> entries) {
        for (int i = 0; i < entries.size(); i++) {
            Projector.changeOf(EntryCodec.decode(entries.get(i)));
        }
        long first = log.appendAll(entries);
        catchUp(first + entries.size());
        return first;
    }

    /** Applies every entry not yet in the projections; returns how many were applied. */
    public long catchUp() {
        return catchUp(log.size());
    }

    private long catchUp(long targetSize) {
        projecting.lock();
        try {
            long applied = projections.appliedSize();
            if (applied > log.size()) {
                throw new IllegalStateException("the projections reflect " + applied + " entries but the log holds only "
                        + log.size() + ": the store belongs to another log");
            }
            long start = applied;
            while (applied < targetSize) {
                Entry entry = EntryCodec.decode(log.read(applied));
                Change change = Projector.changeOf(entry);
                projections.apply(new Change.At(applied, entry.recordedAt(), entry.principal()), change);
                listeners.forEach(l -> l.accept(change));
                applied++;
            }
            return applied - start;
        } finally {
            projecting.unlock();
        }
    }

    /** Drops the projections and replays the whole log into them. */
    public long rebuild() {
        projecting.lock();
        try {
            projections.clear();
            return catchUp(log.size());
        } finally {
            projecting.unlock();
        }
    }

    public long size() {
        return log.size();
    }

    /** The encoded entry at {@code index}. Requires {@code 0 <= index < size()}. */
    public byte[] read(long index) {
        return log.read(index);
    }
}
