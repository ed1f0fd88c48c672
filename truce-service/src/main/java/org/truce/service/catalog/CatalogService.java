package org.truce.service.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorDirectory;
import org.truce.domain.actor.ActorId;
import org.truce.domain.actor.ActorRules;
import org.truce.domain.agreement.Adherence;
import org.truce.domain.agreement.Agreement;
import org.truce.domain.agreement.LifecycleEvent;
import org.truce.domain.problem.InvalidInputException;
import org.truce.domain.problem.Problems;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.territory.NamedLine;
import org.truce.domain.territory.Zone;
import org.truce.service.format.ActorFormat;
import org.truce.service.format.AgreementFormat;
import org.truce.service.format.TerritoryFormat;
import org.truce.service.format.Json;
import org.truce.service.ledger.Entry;
import org.truce.service.ledger.EntryType;
import org.truce.service.ledger.Ledger;
import org.truce.service.port.ActorVersion;
import org.truce.service.port.CatalogQueries;
import org.truce.service.port.Change;
import org.truce.service.report.Hashing;
import org.truce.service.report.ReportService;

/**
 * Recording and reading actors, agreements, areas of control, lines and zones. Each batch is checked
 * as a whole (references to actors, zones and parent agreements must resolve, ids must be new) and
 * recorded as one atomic group of entries, or not at all.
 */
public final class CatalogService {
    private final Ledger ledger;
    private final CatalogQueries catalog;
    /** Held from the checks of a batch to its append, so that two batches never record the same id. */
    private final java.util.concurrent.locks.ReentrantLock writing = new java.util.concurrent.locks.ReentrantLock();
    private volatile ActorDirectory directory;
    private final TerritoryControl control;

    public CatalogService(Ledger ledger, CatalogQueries catalog) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.control = new TerritoryControl(catalog);
        ledger.onApplied(this::invalidate);
        ledger.onApplied(control::changed);
    }

    /** "Who controlled P at T", over what is recorded; its index is rebuilt after areas, agreements, zones or actors change. */
    public TerritoryControl control() {
        return control;
    }

    private void invalidate(Change change) {
        if (change instanceof Change.ActorRecorded) {
            directory = null;
        }
    }

    /** The actor directory as of the latest applied entry. */
    public ActorDirectory directory() {
        ActorDirectory current = directory;
        if (current == null) {
            current = new ActorDirectory(catalog.actors());
            directory = current;
        }
        return current;
    }

    /** Every recorded area of control, in id order. */
    public List<ControlArea> areas() {
        return catalog.areas();
    }

    public List<Actor> actors() {
        return catalog.actors();
    }

    public List<Agreement> agreements() {
        return catalog.agreements();
    }

    public List<ControlArea> areasAt(Instant at) {
        return catalog.areasAt(at);
    }

    /** The areas valid at {@code at} that had been recorded by {@code knownAt} (all when null). */
    public List<ControlArea> areasAt(Instant at, Instant knownAt) {
        return catalog.areasAt(at, knownAt);
    }

    public List<NamedLine> lines() {
        return catalog.lines();
    }

    public List<Zone> zones() {
        return catalog.zones();
    }

    public Optional<Agreement> agreement(String id) {
        return catalog.agreements().stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** Records new actors; affiliations may refer to actors of the same batch. Returns the first entry's index. */
    public long recordActors(String principal, List<Actor> actors) {
        writing.lock();
        try {
            Problems problems = new Problems();
            Set<String> known = new HashSet<>(ids(catalog.actors()));
            Set<String> batch = new HashSet<>();
            for (int i = 0; i < actors.size(); i++) {
                String id = actors.get(i).id().value();
                problems.check(!known.contains(id), "actors[" + i + "].id", "actor '" + id + "' already exists");
                problems.check(batch.add(id), "actors[" + i + "].id", "actor '" + id + "' appears twice in this batch");
            }
            known.addAll(batch);
            for (int i = 0; i < actors.size(); i++) {
                ActorRules.check(actors.get(i), "actors[" + i + "]", problems);
                checkAffiliations(actors.get(i), "actors[" + i + "]", known, problems);
            }
            problems.throwIfAny();
            return record(principal, EntryType.ACTOR_RECORDED, actors.stream().map(ActorFormat::payload).toList());
        } finally {
            writing.unlock();
        }
    }

    private static void checkAffiliations(Actor actor, String at, Set<String> known, Problems problems) {
        var affiliations = actor.affiliations();
        for (int j = 0; j < affiliations.size(); j++) {
            String ref = affiliations.get(j).actor().value();
            problems.check(known.contains(ref), path(at, "affiliations[" + j + "].actor"), "unknown actor '" + ref + "'");
        }
    }

    private static String path(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    /**
     * The outcome of writing one actor: its version now current; whether this call recorded it (an
     * amendment identical to the current version records nothing); whether it is the answer to an
     * earlier request with the same Idempotency-Key.
     */
    public record ActorWrite(ActorVersion version, boolean recorded, boolean replayed) {
    }

    /**
     * Records a new actor sent as one actor form ({@link ActorFormat#input}). With an idempotency
     * key, the same key and body answer the version the first request recorded, and record nothing;
     * the same key with another body is refused.
     *
     * @throws InvalidInputException listing every problem (a malformed actor, an id already
     *     recorded, an affiliation to an unknown actor, ...); nothing was recorded
     * @throws ReportService.IdempotencyConflictException if the key was used with another body
     */
    public ActorWrite createActor(String principal, JsonNode body, String idempotencyKey) {
        Entry.RequestHashes request = idempotencyKey == null ? null : new Entry.RequestHashes(
                Hashing.sha256Hex((principal + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8)),
                Hashing.sha256Hex(Json.canonical(body)));
        writing.lock();
        try {
            if (request != null) {
                Optional<ActorVersion> earlier = catalog.actorVersionByRequest(request.idempotencyKeySha256());
                if (earlier.isPresent()) {
                    if (!earlier.get().request().bodySha256().equals(request.bodySha256())) {
                        throw new ReportService.IdempotencyConflictException();
                    }
                    return new ActorWrite(earlier.get(), false, true);
                }
            }
            Problems problems = new Problems();
            Actor actor = ActorFormat.input(body, problems);
            if (actor != null) {
                Set<String> known = new HashSet<>(ids(catalog.actors()));
                problems.check(!known.contains(actor.id().value()), "id", "actor '" + actor.id() + "' already exists; amend it with PUT /api/v1/actors/" + actor.id());
                known.add(actor.id().value());
                ActorRules.check(actor, "", problems);
                checkAffiliations(actor, "", known, problems);
            }
            problems.throwIfAny();
            long index = ledger.record(principal, EntryType.ACTOR_RECORDED, ActorFormat.payload(actor), request);
            return new ActorWrite(version(actor.id(), index), true, false);
        } finally {
            writing.unlock();
        }
    }

    /**
     * Records a new version of the actor {@code id} (its whole actor form, as for a new one); empty
     * when there is no such actor. A version equal to the current one records nothing.
     *
     * @throws InvalidInputException listing every problem (including an {@code id} in the body
     *     other than {@code id}); nothing was recorded
     */
    public Optional<ActorWrite> amendActor(String principal, ActorId id, JsonNode body) {
        return amendActor(principal, id, current -> body);
    }

    /**
     * Like {@link #amendActor(String, ActorId, JsonNode)}, with the new actor form computed from
     * the current version's ({@link ActorFormat#payload}) while no other write can intervene: a
     * partial amendment (a merge patch) cannot undo a concurrent one.
     */
    public Optional<ActorWrite> amendActor(String principal, ActorId id, UnaryOperator<JsonNode> amendment) {
        writing.lock();
        try {
            List<ActorVersion> versions = catalog.actorVersions(id);
            if (versions.isEmpty()) {
                return Optional.empty();
            }
            ActorVersion current = versions.get(versions.size() - 1);
            JsonNode body = amendment.apply(ActorFormat.payload(current.actor()));
            Problems problems = new Problems();
            Actor actor = ActorFormat.input(body, problems);
            if (actor != null) {
                problems.check(actor.id().equals(id), "id", "must be the id in the path ('" + id + "'): an actor keeps its id for life");
                Set<String> known = new HashSet<>(ids(catalog.actors()));
                ActorRules.check(actor, "", problems);
                checkAffiliations(actor, "", known, problems);
            }
            problems.throwIfAny();
            ObjectNode payload = ActorFormat.payload(actor);
            if (Arrays.equals(Json.canonical(payload), Json.canonical(ActorFormat.payload(current.actor())))) {
                return Optional.of(new ActorWrite(current, false, false));
            }
            long index = ledger.record(principal, EntryType.ACTOR_RECORDED, payload, null);
            return Optional.of(new ActorWrite(version(id, index), true, false));
        } finally {
            writing.unlock();
        }
    }

    private ActorVersion version(ActorId id, long index) {
        return catalog.actorVersions(id).stream().filter(v -> v.logIndex() == index).findFirst()
                .orElseThrow(() -> new IllegalStateException("actor " + id + " was recorded at " + index + " but not projected"));
    }

    /** The current version of the actor {@code id}, if there is one. */
    public Optional<ActorVersion> actor(ActorId id) {
        List<ActorVersion> versions = catalog.actorVersions(id);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /** Every version of the actor {@code id}, oldest first; empty when there is no such actor. */
    public List<ActorVersion> actorHistory(ActorId id) {
        return catalog.actorVersions(id);
    }

    /** The actors a name, alias or id may mean, with what matched and how, best first. */
    public List<ActorDirectory.Match> findActors(String name) {
        return directory().search(name);
    }

    /**
     * How the agreements treat {@code actor}: its declarations of adherence, and whether the
     * agreement excludes it by name or by a designation list it was on. Only agreements where it
     * adheres or is excluded are listed, in agreement id order.
     */
    public List<Standing> standing(Actor actor) {
        List<Standing> standings = new ArrayList<>();
        for (Agreement a : catalog.agreements()) {
            Standing s = new Standing(a, a.adherencesOf(actor.id()), a.excludedActors().contains(actor.id()), a.excludedListsOf(actor));
            if (!s.adherences().isEmpty() || s.excludedByName() || !s.excludedLists().isEmpty()) {
                standings.add(s);
            }
        }
        return standings;
    }

    /** One agreement's treatment of one actor (see {@link #standing}). */
    public record Standing(Agreement agreement, List<Adherence> adherences, boolean excludedByName, List<String> excludedLists) {
        public boolean excluded() {
            return excludedByName || !excludedLists.isEmpty();
        }
    }

    /** Records new agreements after checking every actor, zone and parent they name. */
    public long recordAgreements(String principal, List<Agreement> agreements) {
        writing.lock();
        try {
            Problems problems = new Problems();
            Set<String> actorIds = new HashSet<>(ids(catalog.actors()));
            Set<String> zoneIds = new HashSet<>();
            catalog.zones().forEach(z -> zoneIds.add(z.id()));
            Set<String> agreementIds = new HashSet<>();
            catalog.agreements().forEach(a -> agreementIds.add(a.id()));
            for (int i = 0; i < agreements.size(); i++) {
                Agreement a = agreements.get(i);
                String at = "agreements[" + i + "]";
                problems.check(agreementIds.add(a.id()), at + ".id", "agreement '" + a.id() + "' already exists");
                checkAgreementRefs(a, at, actorIds, zoneIds, agreementIds, problems);
            }
            problems.throwIfAny();
            return record(principal, EntryType.AGREEMENT_RECORDED, agreements.stream().map(AgreementFormat::payload).toList());
        } finally {
            writing.unlock();
        }
    }

    private static void checkAgreementRefs(Agreement a, String at, Set<String> actors, Set<String> zones,
                                           Set<String> agreements, Problems problems) {
        checkActors(a.guarantors(), at + ".guarantors", actors, problems);
        checkActors(a.excludedActors(), at + ".excluded_actors", actors, problems);
        for (int j = 0; j < a.adherents().size(); j++) {
            Adherence ad = a.adherents().get(j);
            problems.check(actors.contains(ad.actor().value()), at + ".adherents[" + j + "].actor", "unknown actor '" + ad.actor() + "'");
            if (ad.declaredTo() != null) {
                problems.check(a.guarantors().contains(ad.declaredTo()), at + ".adherents[" + j + "].declared_to",
                        "'" + ad.declaredTo() + "' is not a guarantor of this agreement");
            }
            if (ad.zone() != null) {
                problems.check(zones.contains(ad.zone()), at + ".adherents[" + j + "].zone", "unknown zone '" + ad.zone() + "'");
            }
        }
        for (int j = 0; j < a.lifecycle().size(); j++) {
            LifecycleEvent e = a.lifecycle().get(j);
            if (e.by() != null) {
                problems.check(actors.contains(e.by().value()), at + ".lifecycle[" + j + "].by", "unknown actor '" + e.by() + "'");
            }
        }
        if (a.scopeZone() != null) {
            problems.check(zones.contains(a.scopeZone()), at + ".scope.zone", "unknown zone '" + a.scopeZone() + "'");
        }
        if (a.parent() != null) {
            problems.check(agreements.contains(a.parent()) && !a.parent().equals(a.id()), at + ".parent",
                    "unknown parent agreement '" + a.parent() + "'");
        }
    }

    private static void checkActors(List<ActorId> ids, String at, Set<String> actors, Problems problems) {
        for (int j = 0; j < ids.size(); j++) {
            problems.check(actors.contains(ids.get(j).value()), at + "[" + j + "]", "unknown actor '" + ids.get(j) + "'");
        }
    }

    /** Records new areas of control; every actor must exist and every id be new. */
    public long recordAreas(String principal, List<ControlArea> areas) {
        writing.lock();
        try {
            Problems problems = new Problems();
            Set<String> actorIds = new HashSet<>(ids(catalog.actors()));
            Set<String> areaIds = new HashSet<>();
            catalog.areas().forEach(a -> areaIds.add(a.id()));
            for (int i = 0; i < areas.size(); i++) {
                ControlArea a = areas.get(i);
                String at = "features[" + i + "].properties";
                problems.check(actorIds.contains(a.actor().value()), at + ".actor", "unknown actor '" + a.actor() + "'");
                problems.check(areaIds.add(a.id()), at + ".id", "area '" + a.id() + "' already exists");
            }
            problems.throwIfAny();
            long[] bounds = areas.stream().mapToLong(a -> areaEntryBytesBound(principal, a)).toArray();
            return recordInGroups(principal, EntryType.AREA_RECORDED, areas.stream().map(TerritoryFormat::areaFeature).toList(), bounds);
        } finally {
            writing.unlock();
        }
    }

    /**
     * Most entries, and most bytes by {@link #areaEntryBytesBound}, per atomic group of a large batch:
     * both logs commit at most 1,024 entries and 4 MiB in one group.
     */
    static final int GROUP_ENTRIES = 1000;
    static final long GROUP_BYTES = 3L << 20;

    /**
     * A cheap upper bound of the bytes of an area's entry, without encoding it: a position is at
     * most three numbers of 24 characters (the longest shortest form of a double) with its brackets
     * and commas, a character of text at most 6 bytes (an escape), and the entry's other members fit
     * in 512 bytes.
     */
    public static long areaEntryBytesBound(String principal, ControlArea a) {
        long text = principal.length() + a.id().length() + a.actor().value().length() + a.source().length()
                + (a.note() == null ? 0 : a.note().length());
        return 512 + 6 * text + 80L * a.geometry().getNumPoints() + 16L * a.geometry().getNumGeometries();
    }

    /**
     * Records a checked batch as consecutive atomic groups, under the lock held by the caller so that
     * no other batch comes between them; returns the first index. A crash between two groups leaves
     * the groups before it recorded (their ids then report as existing).
     */
    private long recordInGroups(String principal, String type, List<? extends com.fasterxml.jackson.databind.JsonNode> payloads, long[] bounds) {
        long first = -1;
        int start = 0;
        while (start < payloads.size()) {
            int end = start + 1;
            long bytes = bounds[start];
            while (end < payloads.size() && end - start < GROUP_ENTRIES && bytes + bounds[end] <= GROUP_BYTES) {
                bytes += bounds[end++];
            }
            long index = record(principal, type, payloads.subList(start, end));
            first = first < 0 ? index : first;
            start = end;
        }
        return first < 0 ? ledger.size() : first;
    }

    public long recordLines(String principal, List<NamedLine> lines) {
        writing.lock();
        try {
            Problems problems = new Problems();
            Set<String> lineIds = new HashSet<>();
            catalog.lines().forEach(l -> lineIds.add(l.id()));
            for (int i = 0; i < lines.size(); i++) {
                problems.check(lineIds.add(lines.get(i).id()), "features[" + i + "].properties.id", "line '" + lines.get(i).id() + "' already exists");
            }
            problems.throwIfAny();
            return record(principal, EntryType.LINE_RECORDED, lines.stream().map(TerritoryFormat::lineFeature).toList());
        } finally {
            writing.unlock();
        }
    }

    public long recordZones(String principal, List<Zone> zones) {
        writing.lock();
        try {
            Problems problems = new Problems();
            Set<String> zoneIds = new HashSet<>();
            catalog.zones().forEach(z -> zoneIds.add(z.id()));
            for (int i = 0; i < zones.size(); i++) {
                problems.check(zoneIds.add(zones.get(i).id()), "features[" + i + "].properties.id", "zone '" + zones.get(i).id() + "' already exists");
            }
            problems.throwIfAny();
            return record(principal, EntryType.ZONE_RECORDED, zones.stream().map(TerritoryFormat::zoneFeature).toList());
        } finally {
            writing.unlock();
        }
    }

    private long record(String principal, String type, List<? extends com.fasterxml.jackson.databind.JsonNode> payloads) {
        if (payloads.isEmpty()) {
            return ledger.size();
        }
        List<Ledger.TypedPayload> entries = new ArrayList<>();
        payloads.forEach(p -> entries.add(new Ledger.TypedPayload(type, p)));
        return ledger.recordAll(principal, entries);
    }

    private static List<String> ids(List<Actor> actors) {
        return actors.stream().map(a -> a.id().value()).toList();
    }
}
