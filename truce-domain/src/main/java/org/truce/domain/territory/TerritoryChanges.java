package org.truce.domain.territory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.truce.domain.actor.ActorId;

/**
 * What changed between two instants: for each actor, the ground it held at {@code to} and not at
 * {@code from} (gained) and the reverse (lost), as geometries and in km² ({@link GeodesicArea}).
 * This is the check behind "freeze all fronts": an actor whose gained and lost are both empty held
 * exactly the same ground at both instants.
 *
 * <p>An actor's holding at an instant is the union of its areas valid then. Holdings are compared per
 * actor, so the same ground lost by one actor and gained by another appears twice, once for each;
 * ground shared by two actors (a contested or mixed area) counts for both. Actors are listed in id
 * order, every actor holding ground at either instant, changed or not. {@code from} after {@code to}
 * is allowed and reads the change backwards.
 */
public record TerritoryChanges(Instant from, Instant to, List<ActorChange> actors) {
    public TerritoryChanges {
        actors = List.copyOf(actors);
    }

    /**
     * One actor's change. {@code gained} and {@code lost} are MultiPolygons (empty when nothing changed);
     * {@code netKm2} is the change of the actor's total area, which equals gained − lost up to rounding.
     */
    public record ActorChange(ActorId actor, double fromKm2, double toKm2, MultiPolygon gained, double gainedKm2,
                              MultiPolygon lost, double lostKm2) {
        public double netKm2() {
            return toKm2 - fromKm2;
        }

        public boolean unchanged() {
            return gained.isEmpty() && lost.isEmpty();
        }
    }

    /** The changes of every actor between {@code from} and {@code to}. */
    public static TerritoryChanges between(Collection<ControlArea> areas, Instant from, Instant to) {
        return between(areas, from, to, null);
    }

    /** The changes of {@code only} (every actor when null) between {@code from} and {@code to}. */
    public static TerritoryChanges between(Collection<ControlArea> areas, Instant from, Instant to, ActorId only) {
        Map<ActorId, List<Geometry>> before = new TreeMap<>();
        Map<ActorId, List<Geometry>> after = new TreeMap<>();
        for (ControlArea area : areas) {
            if (only != null && !only.equals(area.actor())) {
                continue;
            }
            if (area.validity().contains(from)) {
                before.computeIfAbsent(area.actor(), a -> new ArrayList<>()).add(area.geometry());
            }
            if (area.validity().contains(to)) {
                after.computeIfAbsent(area.actor(), a -> new ArrayList<>()).add(area.geometry());
            }
        }
        TreeSet<ActorId> actors = new TreeSet<>(before.keySet());
        actors.addAll(after.keySet());
        List<ActorChange> changes = new ArrayList<>();
        for (ActorId actor : actors) {
            Geometry held = union(before.getOrDefault(actor, List.of()));
            Geometry holds = union(after.getOrDefault(actor, List.of()));
            MultiPolygon gained = polygons(OverlayNGRobust.overlay(holds, held, OverlayNG.DIFFERENCE));
            MultiPolygon lost = polygons(OverlayNGRobust.overlay(held, holds, OverlayNG.DIFFERENCE));
            changes.add(new ActorChange(actor, GeodesicArea.squareKilometres(held), GeodesicArea.squareKilometres(holds),
                    gained, GeodesicArea.squareKilometres(gained), lost, GeodesicArea.squareKilometres(lost)));
        }
        return new TerritoryChanges(from, to, changes);
    }

    private static Geometry union(List<Geometry> geometries) {
        if (geometries.isEmpty()) {
            return Geometries.FACTORY.createMultiPolygon();
        }
        // the areas of one actor at one instant may overlap (two sources for the same ground): union, not sum
        return OverlayNGRobust.union(geometries, Geometries.FACTORY);
    }

    private static MultiPolygon polygons(Geometry geometry) {
        @SuppressWarnings("unchecked")
        List<Polygon> polygons = PolygonExtracter.getPolygons(geometry);
        List<Polygon> nonEmpty = polygons.stream().filter(p -> !p.isEmpty()).toList();
        MultiPolygon result = Geometries.FACTORY.createMultiPolygon(nonEmpty.toArray(Polygon[]::new));
        result.setSRID(Geometries.WGS84);
        return result;
    }
}
