package org.truce.service.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorDirectory;
import org.truce.domain.actor.ActorId;
import org.truce.domain.agreement.Adherence;
import org.truce.domain.agreement.Agreement;
import org.truce.domain.agreement.LifecycleEvent;
import org.truce.domain.problem.Problems;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.territory.NamedLine;
import org.truce.domain.territory.Zone;
import org.truce.service.format.ActorFormat;
import org.truce.service.format.AgreementFormat;
import org.truce.service.format.TerritoryFormat;
import org.truce.service.ledger.EntryType;
import org.truce.service.ledger.Ledger;
import org.truce.service.port.CatalogQueries;
import org.truce.service.port.Change;

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

    public CatalogService(Ledger ledger, CatalogQueries catalog) {
        this.ledger = ledger;
        this.catalog = catalog;
        ledger.onApplied(this::invalidate);
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
                var affiliations = actors.get(i).affiliations();
                for (int j = 0; j < affiliations.size(); j++) {
                    String ref = affiliations.get(j).actor().value();
                    problems.check(known.contains(ref), "actors[" + i + "].affiliations[" + j + "].actor", "unknown actor '" + ref + "'");
                }
            }
            problems.throwIfAny();
            return record(principal, EntryType.ACTOR_RECORDED, actors.stream().map(ActorFormat::payload).toList());
        } finally {
            writing.unlock();
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
            return record(principal, EntryType.AREA_RECORDED, areas.stream().map(TerritoryFormat::areaFeature).toList());
        } finally {
            writing.unlock();
        }
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
