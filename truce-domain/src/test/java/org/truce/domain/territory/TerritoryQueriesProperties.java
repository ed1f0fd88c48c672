package org.truce.domain.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.truce.domain.actor.ActorId;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.time.Interval;

/** What changed between two instants, which side of a line, and the history of a place. */
class TerritoryQueriesProperties {
    private static final Instant T0 = Instant.parse("2016-01-01T00:00:00Z");

    private static Instant day(long d) {
        return T0.plusSeconds(d * 86400);
    }

    private static ControlArea area(String id, String actor, Geometry g, long fromDay, Long toDay) {
        return new ControlArea(id, new ActorId(actor), g, Interval.of(day(fromDay), toDay == null ? null : day(toDay)),
                "test", Confidence.MEDIUM, true, null);
    }

    /** Random overlapping rectangles and triangles of a few actors with random validity, from a seed. */
    private static List<ControlArea> world(long seed) {
        Random random = new Random(seed);
        List<ControlArea> areas = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            double west = 36 + random.nextInt(20) / 10.0;
            double south = 35 + random.nextInt(20) / 10.0;
            double east = west + 0.1 + random.nextInt(5) / 10.0;
            double north = south + 0.1 + random.nextInt(5) / 10.0;
            Geometry g = random.nextBoolean() ? GeodesyProperties.box(west, south, east, north)
                    : Geometries.FACTORY.createPolygon(new Coordinate[] {new Coordinate(west, south), new Coordinate(east, south),
                            new Coordinate(west + random.nextDouble() * (east - west), north), new Coordinate(west, south)});
            long from = random.nextInt(300);
            Long to = random.nextBoolean() ? null : from + 1 + random.nextInt(100);
            areas.add(area("a" + i, "actor-" + random.nextInt(4), g, from, to));
        }
        return areas;
    }

    private static Geometry holding(List<ControlArea> areas, ActorId actor, Instant at) {
        List<Geometry> g = areas.stream().filter(a -> a.actor().equals(actor) && a.validity().contains(at)).map(ControlArea::geometry).toList();
        return g.isEmpty() ? Geometries.FACTORY.createPolygon() : OverlayNGRobust.union(g, Geometries.FACTORY);
    }

    @Test
    void gainedMinusLostIsTheNetChangeAndEachLiesWhereItShould() {
        qt().withExamples(150).forAll(integers().between(0, 1_000_000), integers().between(0, 400), integers().between(0, 400))
                .checkAssert((seed, d1, d2) -> {
                    List<ControlArea> areas = world(seed);
                    TerritoryChanges changes = TerritoryChanges.between(areas, day(d1), day(d2));
                    for (TerritoryChanges.ActorChange c : changes.actors()) {
                        double scale = Math.max(1, c.fromKm2() + c.toKm2());
                        assertThat(c.gainedKm2() - c.lostKm2()).as(c.actor().value()).isCloseTo(c.netKm2(), within(scale * 1e-9));
                        Geometry before = holding(areas, c.actor(), day(d1));
                        Geometry after = holding(areas, c.actor(), day(d2));
                        assertThat(c.fromKm2()).isCloseTo(GeodesicArea.squareKilometres(before), within(1e-9));
                        assertThat(c.toKm2()).isCloseTo(GeodesicArea.squareKilometres(after), within(1e-9));
                        // what was gained was not held before and is held after; what was lost, the reverse
                        assertThat(GeodesicArea.squareKilometres(OverlayNGRobust.overlay(c.gained(), before, OverlayNG.INTERSECTION)))
                                .isCloseTo(0, within(scale * 1e-9));
                        assertThat(GeodesicArea.squareKilometres(OverlayNGRobust.overlay(c.gained(), after, OverlayNG.DIFFERENCE)))
                                .isCloseTo(0, within(scale * 1e-9));
                        assertThat(GeodesicArea.squareKilometres(OverlayNGRobust.overlay(c.lost(), after, OverlayNG.INTERSECTION)))
                                .isCloseTo(0, within(scale * 1e-9));
                        assertThat(c.fromKm2() > 0 || c.toKm2() > 0).isTrue();
                    }
                    assertThat(changes.actors()).extracting(c -> c.actor().value()).isSorted();
                    TerritoryChanges backwards = TerritoryChanges.between(areas, day(d2), day(d1));
                    for (int i = 0; i < changes.actors().size(); i++) {
                        assertThat(backwards.actors().get(i).gainedKm2()).isCloseTo(changes.actors().get(i).lostKm2(), within(1e-9));
                    }
                });
    }

    @Test
    void nothingChangesBetweenAnInstantAndItselfAndOneActorIsThatActorsShare() {
        qt().withExamples(100).forAll(integers().between(0, 1_000_000), integers().between(0, 400)).checkAssert((seed, d) -> {
            List<ControlArea> areas = world(seed);
            TerritoryChanges same = TerritoryChanges.between(areas, day(d), day(d));
            assertThat(same.actors()).allMatch(TerritoryChanges.ActorChange::unchanged);
            TerritoryChanges all = TerritoryChanges.between(areas, day(d), day(d + 37));
            for (TerritoryChanges.ActorChange c : all.actors()) {
                TerritoryChanges one = TerritoryChanges.between(areas, day(d), day(d + 37), c.actor());
                assertThat(one.actors()).hasSize(1);
                assertThat(one.actors().get(0).gainedKm2()).isEqualTo(c.gainedKm2());
            }
        });
    }

    @Test
    void groundChangingHandsIsOnesGainAndTheOthersLoss() {
        Geometry town = GeodesyProperties.box(38.0, 36.8, 38.1, 36.9);
        List<ControlArea> areas = List.of(area("town-isis", "isis", town, 0, 236L), area("town-es", "euphrates-shield", town, 236, null));
        TerritoryChanges c = TerritoryChanges.between(areas, day(230), day(240));
        assertThat(c.actors()).extracting(a -> a.actor().value()).containsExactly("euphrates-shield", "isis");
        double km2 = GeodesicArea.squareKilometres(town);
        assertThat(km2).as("0.1° by 0.1° at 36.85° N").isBetween(98.0, 100.0);
        assertThat(c.actors().get(0).gainedKm2()).isCloseTo(km2, within(1e-9));
        assertThat(c.actors().get(0).lost().isEmpty()).isTrue();
        assertThat(c.actors().get(1).lostKm2()).isCloseTo(km2, within(1e-9));
        assertThat(c.actors().get(1).toKm2()).isZero();
    }

    private static NamedLine line(Double buffer, double... lonLat) {
        Coordinate[] c = new Coordinate[lonLat.length / 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = new Coordinate(lonLat[2 * i], lonLat[2 * i + 1]);
        }
        return new NamedLine("l", "L", LineKind.DEMARCATION_LINE, Geometries.FACTORY.createLineString(c), buffer, "test", false);
    }

    @Test
    void mirroringAPointAcrossAMeridianFlipsItsSideAndKeepsItsDistance() {
        qt().withExamples(300).forAll(integers().between(0, 1_000_000)).checkAssert(seed -> {
            Random r = new Random(seed);
            double lon = 35 + r.nextDouble() * 7;
            boolean north = r.nextBoolean();
            NamedLine meridian = north ? line(null, lon, 32, lon, 37.5) : line(null, lon, 37.5, lon, 32);
            double offset = (r.nextBoolean() ? 1 : -1) * (0.0001 + r.nextDouble() * 2);
            double lat = 32.5 + r.nextDouble() * 4.5;
            LinePosition p = LinePosition.of(meridian, new GeoPoint(lat, lon + offset));
            LinePosition m = LinePosition.of(meridian, new GeoPoint(lat, lon - offset));
            assertThat(p.side()).isNotNull().isNotEqualTo(LinePosition.Side.ON).isNotEqualTo(m.side());
            assertThat(m.side()).isNotNull().isNotEqualTo(LinePosition.Side.ON);
            assertThat(p.compassSide()).isEqualTo(offset > 0 ? LinePosition.Compass.EAST : LinePosition.Compass.WEST);
            assertThat(m.compassSide()).isEqualTo(offset > 0 ? LinePosition.Compass.WEST : LinePosition.Compass.EAST);
            // walking north, east is on the right
            assertThat(p.side()).isEqualTo((offset > 0) == north ? LinePosition.Side.RIGHT : LinePosition.Side.LEFT);
            assertThat(p.distanceMetres()).isCloseTo(m.distanceMetres(), within(1e-6 * p.distanceMetres() + 1e-6));
            assertThat(p.beyondEnd()).isFalse();
        });
    }

    @Test
    void mirroringAPointAcrossAnyStraightLineFlipsItsSide() {
        qt().withExamples(300).forAll(integers().between(0, 1_000_000)).checkAssert(seed -> {
            Random r = new Random(seed);
            double lat0 = 33 + r.nextDouble() * 4;
            double k = Math.cos(Math.toRadians(lat0));
            double angle = r.nextDouble() * 2 * Math.PI;
            double half = 0.05 + r.nextDouble();
            // the line and the mirror are drawn in a plane scaled by cos(latitude), nearly conformal here
            double ux = Math.cos(angle);
            double uy = Math.sin(angle);
            double cx = 38 * k;
            NamedLine l = line(null, (cx - half * ux) / k, lat0 - half * uy, (cx + half * ux) / k, lat0 + half * uy);
            double along = (r.nextDouble() - 0.5) * half;
            double across = (r.nextBoolean() ? 1 : -1) * (0.0002 + r.nextDouble() * half / 2);
            GeoPoint p = new GeoPoint(lat0 + along * uy + across * ux, (cx + along * ux - across * uy) / k);
            GeoPoint mirrored = new GeoPoint(lat0 + along * uy - across * ux, (cx + along * ux + across * uy) / k);
            LinePosition a = LinePosition.of(l, p);
            LinePosition b = LinePosition.of(l, mirrored);
            assertThat(a.side()).isNotNull().isNotEqualTo(LinePosition.Side.ON).isNotEqualTo(b.side());
            assertThat(b.side()).isNotNull().isNotEqualTo(LinePosition.Side.ON);
            // digitised direction (ux, uy): a point at −(uy, −ux)·across is on the left for across > 0
            assertThat(a.side()).isEqualTo(across > 0 ? LinePosition.Side.LEFT : LinePosition.Side.RIGHT);
            // near a diagonal course, east-or-north is a near tie that the two nearest points may break
            // differently (their courses differ by the projection's small distortion): skip the name there
            if (Math.abs(Math.abs(ux) - Math.abs(uy)) > 0.05) {
                assertThat(opposite(a.compassSide())).isEqualTo(b.compassSide());
            }
            assertThat(a.distanceMetres()).isCloseTo(b.distanceMetres(), within(a.distanceMetres() * 0.03));
        });
    }

    private static LinePosition.Compass opposite(LinePosition.Compass c) {
        return switch (c) {
            case EAST -> LinePosition.Compass.WEST;
            case WEST -> LinePosition.Compass.EAST;
            case NORTH -> LinePosition.Compass.SOUTH;
            case SOUTH -> LinePosition.Compass.NORTH;
        };
    }

    /** The least geodesic distance from p to the lon/lat-straight segment a→b, by ternary search on the segment. */
    private static double bruteForce(GeoPoint p, Coordinate a, Coordinate b) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 200; i++) {
            double m1 = lo + (hi - lo) / 3;
            double m2 = hi - (hi - lo) / 3;
            if (distanceAt(p, a, b, m1) <= distanceAt(p, a, b, m2)) {
                hi = m2;
            } else {
                lo = m1;
            }
        }
        return distanceAt(p, a, b, (lo + hi) / 2);
    }

    private static double distanceAt(GeoPoint p, Coordinate a, Coordinate b, double t) {
        return GeodesicDistance.metres(p, new GeoPoint(a.y + t * (b.y - a.y), a.x + t * (b.x - a.x)));
    }

    @Test
    void distanceAgreesWithASearchAlongEverySegment() {
        qt().withExamples(200).forAll(integers().between(0, 1_000_000)).checkAssert(seed -> {
            Random r = new Random(seed);
            int n = 2 + r.nextInt(4);
            double[] c = new double[2 * n];
            for (int i = 0; i < n; i++) {
                c[2 * i] = 37 + r.nextDouble() * 2;
                c[2 * i + 1] = 35 + r.nextDouble() * 2;
            }
            NamedLine l = line(1000.0, c);
            GeoPoint p = new GeoPoint(34.5 + r.nextDouble() * 3, 36.5 + r.nextDouble() * 3);
            Coordinate[] v = l.geometry().getCoordinates();
            double expected = Double.POSITIVE_INFINITY;
            for (int i = 0; i + 1 < v.length; i++) {
                expected = Math.min(expected, bruteForce(p, v[i], v[i + 1]));
            }
            LinePosition pos = LinePosition.of(l, p);
            assertThat(pos.distanceMetres()).isCloseTo(expected, within(1e-4 * expected + 0.05));
            assertThat(GeodesicDistance.metres(p, pos.nearest())).isCloseTo(pos.distanceMetres(), within(1e-6));
            assertThat(pos.withinBuffer()).isEqualTo(pos.distanceMetres() <= 1000.0);
            assertThat(pos.beyondEnd() || pos.side() != null).isTrue();
        });
    }

    @Test
    void aPointJustOffAPolylineIsOnTheSideItWasPutOnEvenAtACorner() {
        qt().withExamples(300).forAll(integers().between(0, 1_000_000)).checkAssert(seed -> {
            Random r = new Random(seed);
            // a zigzag heading broadly east, with corners turning both ways
            double[] c = new double[10];
            for (int i = 0; i < 5; i++) {
                c[2 * i] = 37 + i * 0.2;
                // slopes under 45°, so that north of the line is also its left
                c[2 * i + 1] = 36 + (r.nextDouble() - 0.5) * 0.1;
            }
            NamedLine l = line(null, c);
            int vertex = 1 + r.nextInt(3);
            double lon = c[2 * vertex];
            double lat = c[2 * vertex + 1];
            double k = Math.cos(Math.toRadians(lat));
            // just above or below a corner (about 10 m), where the corner rule decides
            double dy = (r.nextBoolean() ? 1 : -1) * 0.0001;
            LinePosition p = LinePosition.of(l, new GeoPoint(lat + dy, lon + (r.nextDouble() - 0.5) * 0.00005 / k));
            assertThat(p.side()).isEqualTo(dy > 0 ? LinePosition.Side.LEFT : LinePosition.Side.RIGHT);
            assertThat(p.compassSide()).isEqualTo(dy > 0 ? LinePosition.Compass.NORTH : LinePosition.Compass.SOUTH);
            assertThat(LinePosition.of(l, new GeoPoint(lat, lon)).side()).isEqualTo(LinePosition.Side.ON);
        });
    }

    @Test
    void aPointBeyondAnEndIsOnNeitherSideButMayBeInTheBuffer() {
        NamedLine road = line(3500.0, 37.10, 36.245, 37.16, 36.245);
        LinePosition past = LinePosition.of(road, new GeoPoint(36.245, 37.17));
        assertThat(past.beyondEnd()).isTrue();
        assertThat(past.side()).isNull();
        assertThat(past.compassSide()).isNull();
        assertThat(past.distanceMetres()).isCloseTo(898, within(5.0));
        assertThat(past.withinBuffer()).isTrue();
        LinePosition before = LinePosition.of(road, new GeoPoint(36.245, 37.0));
        assertThat(before.beyondEnd()).isTrue();
        assertThat(before.withinBuffer()).isFalse();
        LinePosition alongside = LinePosition.of(road, new GeoPoint(36.26, 37.13));
        assertThat(alongside.beyondEnd()).isFalse();
        assertThat(alongside.side()).isEqualTo(LinePosition.Side.LEFT);
        assertThat(alongside.compassSide()).isEqualTo(LinePosition.Compass.NORTH);
        assertThat(alongside.distanceMetres()).isCloseTo(1664, within(5.0));
        assertThat(alongside.withinBuffer()).isTrue();
        assertThat(LinePosition.of(line(null, 37.10, 36.245, 37.16, 36.245), new GeoPoint(36.26, 37.13)).withinBuffer()).isNull();
        // where two parts meet, the meeting point is no end: past it, the point is outside the corner they make
        NamedLine twoParts = new NamedLine("m", "M", LineKind.RIVER, Geometries.FACTORY.createMultiLineString(new org.locationtech.jts.geom.LineString[] {
                (org.locationtech.jts.geom.LineString) line(null, 38.0, 37.0, 38.0, 36.5).geometry(),
                (org.locationtech.jts.geom.LineString) line(null, 38.0, 36.5, 38.5, 36.5).geometry()}), null, "test", false);
        LinePosition atJunction = LinePosition.of(twoParts, new GeoPoint(36.45, 37.95));
        assertThat(atJunction.beyondEnd()).isFalse();
        assertThat(atJunction.side()).isEqualTo(LinePosition.Side.RIGHT);
        assertThat(atJunction.compassSide()).isEqualTo(LinePosition.Compass.WEST);
        LinePosition oneLine = LinePosition.of(line(null, 38.0, 37.0, 38.0, 36.5, 38.5, 36.5), new GeoPoint(36.45, 37.95));
        assertThat(oneLine.side()).isEqualTo(LinePosition.Side.RIGHT);
        assertThat(oneLine.distanceMetres()).isCloseTo(atJunction.distanceMetres(), within(1e-6));
        NamedLine apart = new NamedLine("a", "A", LineKind.RIVER, Geometries.FACTORY.createMultiLineString(new org.locationtech.jts.geom.LineString[] {
                (org.locationtech.jts.geom.LineString) line(null, 38.0, 37.0, 38.0, 36.5).geometry(),
                (org.locationtech.jts.geom.LineString) line(null, 38.1, 36.5, 38.5, 36.5).geometry()}), null, "test", false);
        assertThat(LinePosition.of(apart, new GeoPoint(36.45, 37.99)).beyondEnd()).isTrue();
    }

    @Test
    void historyListsEveryCoveringAreaInOrderAndItsTimelineAgreesWithAScan() {
        qt().withExamples(200).forAll(integers().between(0, 1_000_000), integers().between(0, 40), integers().between(0, 40),
                integers().between(0, 420)).checkAssert((seed, x, y, d) -> {
                    List<ControlArea> areas = world(seed);
                    // a coarse grid puts many points on edges and corners
                    GeoPoint p = new GeoPoint(35 + y / 10.0, 36 + x / 10.0);
                    PlaceHistory h = PlaceHistory.of(areas, p);
                    List<ControlArea> covering = areas.stream().filter(a -> a.geometry().covers(Geometries.point(p))).toList();
                    assertThat(h.areas()).containsExactlyInAnyOrderElementsOf(covering);
                    assertThat(h.areas()).isSortedAccordingTo(PlaceHistory.BY_VALIDITY);
                    Instant at = day(d);
                    List<ActorId> expected = covering.stream().filter(a -> a.validity().contains(at)).map(ControlArea::actor)
                            .distinct().sorted().toList();
                    List<PlaceHistory.Period> containing = h.timeline().stream().filter(t -> t.validity().contains(at)).toList();
                    assertThat(containing.size()).isLessThanOrEqualTo(1);
                    assertThat(containing.isEmpty() ? List.of() : containing.get(0).actors()).isEqualTo(expected);
                    for (int i = 0; i + 1 < h.timeline().size(); i++) {
                        assertThat(h.timeline().get(i).validity().to()).isEqualTo(h.timeline().get(i + 1).validity().from());
                        assertThat(h.timeline().get(i).actors()).isNotEqualTo(h.timeline().get(i + 1).actors());
                    }
                    if (!h.timeline().isEmpty()) {
                        assertThat(h.timeline().get(0).actors()).isNotEmpty();
                        assertThat(h.timeline().get(h.timeline().size() - 1).actors()).isNotEmpty();
                    }
                });
    }

    @Test
    void theHistoryOfAPlaceThatChangedHandsReadsInOrder() {
        Geometry east = GeodesyProperties.box(37.15, 36.15, 37.25, 36.25);
        List<ControlArea> areas = List.of(
                area("west", "government", GeodesyProperties.box(37.0, 36.15, 37.15, 36.25), 0, null),
                area("east-2", "opposition", east, 100, 200L),
                area("east-1", "opposition", east, 0, 100L),
                area("east-nusra", "nusra", east, 0, 200L),
                area("east-gov", "government", east, 250, null));
        PlaceHistory h = PlaceHistory.of(areas, new GeoPoint(36.2, 37.2));
        assertThat(h.areas()).extracting(ControlArea::id).containsExactly("east-1", "east-nusra", "east-2", "east-gov");
        assertThat(h.timeline()).hasSize(3);
        assertThat(h.timeline().get(0).actors()).extracting(ActorId::value).containsExactly("nusra", "opposition");
        assertThat(h.timeline().get(0).validity()).isEqualTo(Interval.of(day(0), day(200)));
        assertThat(h.timeline().get(0).areas()).extracting(ControlArea::id).containsExactly("east-1", "east-nusra", "east-2");
        assertThat(h.timeline().get(1).actors()).isEmpty();
        assertThat(h.timeline().get(2).actors()).extracting(ActorId::value).containsExactly("government");
        assertThat(h.timeline().get(2).validity().isOpenEnded()).isTrue();
        assertThat(PlaceHistory.of(areas, new GeoPoint(30, 30)).areas()).isEmpty();
        assertThat(PlaceHistory.of(areas, new GeoPoint(30, 30)).timeline()).isEmpty();
        // on the border both sides' areas covered it
        assertThat(PlaceHistory.of(areas, new GeoPoint(36.2, 37.15)).areas()).extracting(ControlArea::id)
                .containsExactly("east-1", "east-nusra", "west", "east-2", "east-gov");
    }
}
