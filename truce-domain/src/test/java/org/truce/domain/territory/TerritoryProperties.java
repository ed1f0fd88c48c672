package org.truce.domain.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.truce.domain.actor.ActorId;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.time.Interval;

class TerritoryProperties {
    private static final Instant T0 = Instant.parse("2016-01-01T00:00:00Z");

    private static Geometry box(double west, double south, double east, double north) {
        return Geometries.FACTORY.createPolygon(new Coordinate[] {new Coordinate(west, south), new Coordinate(east, south),
                new Coordinate(east, north), new Coordinate(west, north), new Coordinate(west, south)});
    }

    private static ControlArea area(String id, String actor, Geometry g, long fromDay, Long toDay) {
        return new ControlArea(id, new ActorId(actor), g, Interval.of(T0.plusSeconds(fromDay * 86400),
                toDay == null ? null : T0.plusSeconds(toDay * 86400)), "test", Confidence.MEDIUM, true, null);
    }

    /** A world of random rectangles with random validity, from a seed. */
    private static List<ControlArea> world(long seed) {
        Random random = new Random(seed);
        List<ControlArea> areas = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double west = 36 + random.nextInt(20) / 10.0;
            double south = 35 + random.nextInt(20) / 10.0;
            long from = random.nextInt(300);
            Long to = random.nextBoolean() ? null : from + 1 + random.nextInt(100);
            areas.add(area("a" + i, "actor-" + random.nextInt(5), box(west, south, west + 0.1 + random.nextInt(5) / 10.0,
                    south + 0.1 + random.nextInt(5) / 10.0), from, to));
        }
        return areas;
    }

    @Test
    void lookupsAgreeWithABruteForceScan() {
        qt().withExamples(300).forAll(integers().between(0, 1_000_000), integers().between(0, 400), integers().between(0, 300),
                integers().between(0, 400)).checkAssert((seed, x, y, day) -> {
            List<ControlArea> areas = world(seed);
            Territory territory = new Territory(areas);
            // a coarse grid puts many points exactly on rectangle edges and corners
            GeoPoint p = new GeoPoint(35 + y / 100.0, 36 + x / 100.0);
            Instant at = T0.plusSeconds(day * 86400L);
            List<ControlArea> expected = areas.stream()
                    .filter(a -> a.validity().contains(at) && a.geometry().covers(Geometries.point(p)))
                    .sorted(Comparator.comparing((ControlArea a) -> a.actor().value()).thenComparing(ControlArea::id))
                    .toList();
            ControlAnswer answer = territory.controlAt(p, at);
            assertThat(answer.controllers()).isEqualTo(expected);
            long actors = expected.stream().map(ControlArea::actor).distinct().count();
            assertThat(answer.status()).isEqualTo(actors == 0 ? ControlAnswer.Status.NONE
                    : actors == 1 ? ControlAnswer.Status.SINGLE : ControlAnswer.Status.CONTESTED);
        });
    }

    @Test
    void aPointOnASharedBorderNamesBothHoldersInActorOrder() {
        Territory t = new Territory(List.of(area("west", "government", box(37.0, 36.0, 37.15, 36.3), 0, null),
                area("east", "opposition", box(37.15, 36.0, 37.3, 36.3), 0, 200L)));
        ControlAnswer onBorder = t.controlAt(new GeoPoint(36.2, 37.15), T0.plusSeconds(86400));
        assertThat(onBorder.status()).isEqualTo(ControlAnswer.Status.CONTESTED);
        assertThat(onBorder.controllers()).extracting(ControlArea::id).containsExactly("west", "east");
        ControlAnswer later = t.controlAt(new GeoPoint(36.2, 37.15), T0.plusSeconds(201 * 86400L));
        assertThat(later.status()).isEqualTo(ControlAnswer.Status.SINGLE);
        assertThat(t.controlAt(new GeoPoint(36.2, 37.2), T0.plusSeconds(201 * 86400L)).status()).isEqualTo(ControlAnswer.Status.NONE);
    }

    @Test
    void geometryProblemsAreNamed() {
        Geometry bowTie = Geometries.FACTORY.createPolygon(new Coordinate[] {new Coordinate(0, 0), new Coordinate(1, 1),
                new Coordinate(1, 0), new Coordinate(0, 1), new Coordinate(0, 0)});
        assertThat(Geometries.problemWith(bowTie)).contains("Self-intersection");
        assertThat(Geometries.problemWith(box(36, 95, 37, 96))).contains("outside");
        assertThat(Geometries.problemWith(box(36, 35, 37, 36))).isNull();
    }
}
