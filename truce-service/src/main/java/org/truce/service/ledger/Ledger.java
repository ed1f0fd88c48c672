package org.truce.service.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.truce.log.RecordLog;
import org.truce.log.sealed.Opening;
import org.truce.log.sealed.OpeningSource;
import org.truce.log.sealed.OpeningStore;
import org.truce.service.port.Change;
import org.truce.service.port.ProjectionStore;
import org.truce.service.projection.Projector;

/**
 * The write path: every accepted change becomes an entry in the log first, and the projections
 * follow the log.
 *
 * <ol>
 *   <li>The caller has validated the change; nothing is written for an invalid one.</li>
 *   <li>The change's non-public fields are sealed ({@link Sealing}) and their openings stored
 *       durably in the {@link OpeningStore}. A crash after this point and before the next leaves
 *       orphan openings that no entry commits to: they open nothing and are never served.</li>
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
    private final OpeningStore openingStore;
    private final OpeningSource openings;
    private final ProjectionStore projections;
    private final Clock clock;
    private final ReentrantLock projecting = new ReentrantLock();
    private final List<Consumer<Change>> listeners = new ArrayList<>();

    /** The ledger of a node: it records changes, keeping their openings in {@code openings}. */
    public Ledger(RecordLog log, OpeningStore openings, ProjectionStore projections, Clock clock) {
        this(log, openings, openings, projections, clock);
    }

    private Ledger(RecordLog log, OpeningStore openingStore, OpeningSource openings, ProjectionStore projections, Clock clock) {
        this.log = log;
        this.openingStore = openingStore;
        this.openings = openings;
        this.projections = projections;
        this.clock = clock;
    }

    /**
     * A ledger that only replays {@code log} into {@code projections}, opening the sealed fields
     * {@code openings} can open (a disclosure bundle, or none); it records nothing.
     */
    public static Ledger replaying(RecordLog log, OpeningSource openings, ProjectionStore projections) {
        return new Ledger(log, null, openings, projections, Clock.systemUTC());
    }

    /** Called (under the projection lock) after each change was applied to the projections. */
    public void onApplied(Consumer<Change> listener) {
        listeners.add(listener);
    }

    /** Appends one entry with every field public, durably; projects it and returns its index. */
    public long record(String principal, String type, JsonNode payload, Entry.RequestHashes request) {
        return record(principal, type, Sealing.Sealed.allPublic(payload), request);
    }

    /** Stores the openings of a sealed change, then appends its entry durably; projects it and returns its index. */
    public long record(String principal, String type, Sealing.Sealed change, Entry.RequestHashes request) {
        Entry entry = new Entry(type, EntryCodec.SCHEMA, principal, clock.instant(), change.payload(), request, change.seals());
        byte[] encoded = bounded(EntryCodec.encode(entry), 0);
        storeOpenings(change.openings());
        long index = log.append(encoded);
        catchUp(index + 1);
        return index;
    }

    /** Appends several entries as one atomic unit (openings first), projects them, and returns the first index. */
    public long recordAll(String principal, List<TypedPayload> changes) {
        var encoded = new ArrayList<byte[]>(changes.size());
        var now = clock.instant();
        for (TypedPayload change : changes) {
            Entry entry = new Entry(change.type(), EntryCodec.SCHEMA, principal, now, change.sealed().payload(), null, change.sealed().seals());
            encoded.add(bounded(EntryCodec.encode(entry), encoded.size()));
        }
        var openings = new ArrayList<Opening>();
        changes.forEach(change -> openings.addAll(change.sealed().openings()));
        storeOpenings(openings);
        long first = log.appendAll(encoded);
        catchUp(first + changes.size());
        return first;
    }

    private void storeOpenings(List<Opening> openings) {
        if (openings.isEmpty()) {
            return;
        }
        if (openingStore == null) {
            throw new IllegalStateException("a replaying ledger records nothing");
        }
        openingStore.putAll(openings);
    }

    private static byte[] bounded(byte[] entry, int position) {
        if (entry.length > MAX_ENTRY_BYTES) {
            throw org.truce.domain.problem.InvalidInputException.of("[" + position + "]", "is " + entry.length
                    + " bytes once recorded; one entry holds at most " + MAX_ENTRY_BYTES + " (simplify or split the geometry, shorten the text)");
        }
        return entry;
    }

    /** An entry type and its payload, sealed. */
    public record TypedPayload(String type, Sealing.Sealed sealed) {
        public TypedPayload(String type, JsonNode payload) {
            this(type, Sealing.Sealed.allPublic(payload));
        }
    }

    /**
     * Appends entries recorded by another log (a mirror), byte for byte, after checking that each
     * decodes as an entry; then projects them. Returns the index of the first.
     */
    public long mirror(List<byte[]> entries) {
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = EntryCodec.decode(entries.get(i));
            Projector.changeOf(entry, Sealing.open(entry, OpeningSource.NONE));
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
                Change change;
                try {
                    change = Projector.changeOf(entry, Sealing.open(entry, openings));
                } catch (IllegalStateException e) {
                    throw new IllegalStateException("entry " + applied + ": " + e.getMessage(), e);
                }
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
