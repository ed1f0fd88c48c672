package org.truce.service.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorId;
import org.truce.domain.agreement.Agreement;
import org.truce.domain.agreement.AgreementStatus;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.territory.ControlAnswer;
import org.truce.domain.territory.Geometries;
import org.truce.domain.territory.Territory;
import org.truce.domain.territory.Zone;
import org.truce.service.port.CatalogQueries;
import org.truce.service.port.Change;

/**
 * "Who controlled point P at instant T", over the areas, agreements, zones and actors recorded so far.
 *
 * <p><b>Excluded actors.</b> An actor is excluded at P and T when an agreement in force then and there
 * names it among its excluded actors, or names a designation list the actor was on at T (the 2016
 * cessation excluded "ISIS, Jabhat al-Nusra and other groups designated by the UN Security Council").
 * An agreement is in force at T when T lies in its window and its latest lifecycle step for the
 * agreement as a whole is not {@code SUSPENDED}, {@code LAPSED}, {@code SUPERSEDED} or {@code DRAFT}
 * (one party's declaration does not end it for the others); it is in force at P when it has no scope
 * zone or its scope zone covers P (the centre, whatever the radius). Exclusion follows ids and
 * designation lists only: a coalition that includes an excluded group is not itself excluded.
 *
 * <p><b>Rebuilding.</b> The territory index and the prepared scope zones are built on the first
 * question after a change to areas, agreements, zones or actors, once (other questions wait for that
 * build rather than repeat it), and then shared by every question until the next change. A change
 * that lands while a build reads the catalogue makes that build stale, and the next question builds
 * again.
 */
public final class TerritoryControl {
    private static final Set<AgreementStatus> NOT_IN_FORCE =
            EnumSet.of(AgreementStatus.DRAFT, AgreementStatus.SUSPENDED, AgreementStatus.LAPSED, AgreementStatus.SUPERSEDED);

    private final CatalogQueries catalog;
    private final AtomicLong generation = new AtomicLong();
    private final Object building = new Object();
    private volatile Snapshot snapshot;

    /** The answer, the actors excluded there and then (of those answering), and the agreements in force there and then, in id order. */
    public record Result(ControlAnswer answer, Set<ActorId> excluded, List<String> agreementsInForce, Map<ActorId, Actor> actors) {
        public Result {
            excluded = Set.copyOf(excluded);
            agreementsInForce = List.copyOf(agreementsInForce);
            actors = Map.copyOf(actors);
        }

        /** The actor as recorded, if it is. */
        public Optional<Actor> actor(ActorId id) {
            return Optional.ofNullable(actors.get(id));
        }
    }

    private record Snapshot(long generation, Territory territory, List<Agreement> agreements, Map<String, PreparedGeometry> zones,
                            Map<ActorId, Actor> actors) {
    }

    public TerritoryControl(CatalogQueries catalog) {
        this.catalog = catalog;
    }

    /** To be called after each change is applied to the projections. */
    public void changed(Change change) {
        if (change instanceof Change.AreaRecorded || change instanceof Change.AgreementRecorded
                || change instanceof Change.ZoneRecorded || change instanceof Change.ActorRecorded) {
            generation.incrementAndGet();
        }
    }

    /** Who controlled {@code p}, or ground within {@code radiusMetres} of it (0 for the point alone), at {@code at}. */
    public Result controlAt(GeoPoint p, Instant at, double radiusMetres) {
        Snapshot s = current();
        List<String> inForce = new ArrayList<>();
        Set<ActorId> excluded = excludedAt(s, p, at, inForce);
        ControlAnswer answer = s.territory().controlAt(p, at, radiusMetres, excluded::contains);
        Set<ActorId> answeringExcluded = new TreeSet<>();
        answer.controllers().forEach(a -> {
            if (excluded.contains(a.actor())) {
                answeringExcluded.add(a.actor());
            }
        });
        Map<ActorId, Actor> actors = new HashMap<>();
        answer.controllers().forEach(a -> {
            Actor actor = s.actors().get(a.actor());
            if (actor != null) {
                actors.put(a.actor(), actor);
            }
        });
        return new Result(answer, answeringExcluded, inForce, actors);
    }

    /** The territory as of the latest applied change. */
    public Territory territory() {
        return current().territory();
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s != null && s.generation() == generation.get()) {
            return s;
        }
        synchronized (building) {
            s = snapshot;
            long now = generation.get();
            if (s != null && s.generation() == now) {
                return s;
            }
            // the generation is read before the catalogue: a change applied meanwhile makes this snapshot stale
            Map<String, PreparedGeometry> zones = new HashMap<>();
            for (Zone z : catalog.zones()) {
                zones.put(z.id(), PreparedGeometryFactory.prepare(z.geometry()));
            }
            s = new Snapshot(now, new Territory(catalog.areas()), catalog.agreements(), zones,
                    catalog.actors().stream().collect(Collectors.toMap(Actor::id, Function.identity(), (x, y) -> y)));
            snapshot = s;
            return s;
        }
    }

    private static Set<ActorId> excludedAt(Snapshot s, GeoPoint p, Instant at, List<String> inForce) {
        Point point = Geometries.point(p);
        Set<ActorId> excluded = new TreeSet<>();
        for (Agreement a : s.agreements()) {
            if (!inForce(a, at)) {
                continue;
            }
            if (a.scopeZone() != null) {
                PreparedGeometry zone = s.zones().get(a.scopeZone());
                if (zone == null || !zone.covers(point)) {
                    continue;
                }
            }
            inForce.add(a.id());
            excluded.addAll(a.excludedActors());
            if (!a.excludedDesignations().isEmpty()) {
                for (Actor actor : s.actors().values()) {
                    if (a.excludedDesignations().stream().anyMatch(list -> actor.designatedAt(list, at))) {
                        excluded.add(actor.id());
                    }
                }
            }
        }
        inForce.sort(null);
        return excluded;
    }

    static boolean inForce(Agreement a, Instant at) {
        return a.inWindow(at) && a.statusAt(at).map(status -> !NOT_IN_FORCE.contains(status)).orElse(true);
    }
}
