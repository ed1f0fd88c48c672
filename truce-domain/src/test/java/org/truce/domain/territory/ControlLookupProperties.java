package org.truce.domain.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.truce.domain.actor.ActorId;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.time.Interval;

/**
 * The indexed control lookup against a brute-force scan of every area (JTS {@code covers}, and the
 * radius's own distance rule on every edge), over random worlds: tilings with shared borders, star
 * polygons with many vertices (so the grid subdivides), holes, multipolygons, repeated geometries.
 * Coordinates are multiples of 1/64° so that lattice points, edge midpoints and shared borders are
 * exact in binary: many points fall exactly on vertices and edges.
 */
class ControlLookupProperties {
    private static final Instant T0 = Instant.parse("2016-01-01T00:00:00Z");
    private static final double STEP = 1.0 / 64;
    private static final List<String> ACTORS = List.of("fatah-halab", "government", "isis", "jabhat-al-nusra", "sdf", "ypg");
    private static final Predicate<ActorId> EXCLUDED = id -> id.value().equals("isis") || id.value().equals("jabhat-al-nusra");

    private static double lon(int i) {
        return 36 + i * STEP;
    }

    private static double lat(int j) {
        return 35 + j * STEP;
    }

    private static Polygon ring(List<Coordinate> coordinates) {
        List<Coordinate> closed = new ArrayList<>(coordinates);
        closed.add(coordinates.get(0));
        return Geometries.FACTORY.createPolygon(closed.toArray(Coordinate[]::new));
    }

    private static Polygon box(int i0, int j0, int i1, int j1) {
        return ring(List.of(new Coordinate(lon(i0), lat(j0)), new Coordinate(lon(i1), lat(j0)),
                new Coordinate(lon(i1), lat(j1)), new Coordinate(lon(i0), lat(j1))));
    }

    /**
     * A star-shaped polygon around a lattice point with up to {@code n} vertices at multiples of 1/4096°
     * (so that edge midpoints stay exact): many edges, most slanted. When rounding made it invalid, its
     * convex hull, which is valid and still has many vertices.
     */
    private static Polygon star(Random random, int ci, int cj, int n, int reach) {
        double fine = STEP / 64;
        List<Coordinate> c = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double angle = 2 * Math.PI * k / n;
            double r = reach * 64 * (0.35 + 0.65 * random.nextDouble());
            Coordinate v = new Coordinate(lon(ci) + Math.round(r * Math.cos(angle)) * fine, lat(cj) + Math.round(r * Math.sin(angle)) * fine);
            if (c.isEmpty() || !c.get(c.size() - 1).equals2D(v)) {
                c.add(v);
            }
        }
        if (c.size() > 1 && c.get(0).equals2D(c.get(c.size() - 1))) {
            c.remove(c.size() - 1);
        }
        Polygon polygon = ring(c);
        return polygon.isValid() ? polygon : (Polygon) polygon.convexHull();
    }

    private static ControlArea area(String id, String actor, Geometry g, long fromDay, Long toDay) {
        return new ControlArea(id, new ActorId(actor), g, Interval.of(T0.plusSeconds(fromDay * 86400),
                toDay == null ? null : T0.plusSeconds(toDay * 86400)), "test", Confidence.MEDIUM, true, null);
    }

    private static Interval randomDays(Random random) {
        long from = random.nextInt(300);
        return Interval.of(T0.plusSeconds(from * 86400), random.nextInt(4) == 0 ? null : T0.plusSeconds((from + random.nextInt(120)) * 86400));
    }

    /** A random world: a tiling of the lattice with shared borders, stars, boxes with holes, multipolygons, repeats. */
    static List<ControlArea> world(long seed) {
        Random random = new Random(seed);
        List<Geometry> shapes = new ArrayList<>();
        // a tiling: columns and rows cut at random lattice lines, every tile sharing its edges with its neighbours
        int[] xs = cuts(random, 0, 128);
        int[] ys = cuts(random, 0, 96);
        for (int a = 0; a + 1 < xs.length; a++) {
            for (int b = 0; b + 1 < ys.length; b++) {
                if (random.nextInt(3) > 0) {
                    shapes.add(box(xs[a], ys[b], xs[a + 1], ys[b + 1]));
                }
            }
        }
        // a fan of triangles around one lattice point: slanted shared borders
        int fi = random.nextInt(128);
        int fj = random.nextInt(96);
        int[][] rim = {{8, 0}, {6, 6}, {0, 8}, {-6, 6}, {-8, 0}, {-6, -6}, {0, -8}, {6, -6}};
        for (int k = 0; k < rim.length; k++) {
            int[] u = rim[k];
            int[] v = rim[(k + 1) % rim.length];
            shapes.add(ring(List.of(new Coordinate(lon(fi), lat(fj)), new Coordinate(lon(fi + u[0]), lat(fj + u[1])),
                    new Coordinate(lon(fi + v[0]), lat(fj + v[1])))));
        }
        int stars = 2 + random.nextInt(5);
        for (int k = 0; k < stars; k++) {
            shapes.add(star(random, random.nextInt(128), random.nextInt(96), 20 + random.nextInt(200), 3 + random.nextInt(30)));
        }
        // a box with a hole, and a multipolygon of two boxes
        int hi = random.nextInt(100);
        int hj = random.nextInt(70);
        LinearRing shell = box(hi, hj, hi + 24, hj + 24).getExteriorRing();
        LinearRing hole = box(hi + 6, hj + 6, hi + 14, hj + 18).getExteriorRing();
        shapes.add(Geometries.FACTORY.createPolygon(shell, new LinearRing[] {hole}));
        shapes.add(Geometries.FACTORY.createMultiPolygon(new Polygon[] {box(hi + 30, hj, hi + 34, hj + 4), box(hi + 40, hj + 10, hi + 50, hj + 12)}));

        List<ControlArea> areas = new ArrayList<>();
        for (Geometry g : shapes) {
            // each shape held one to three times (by different actors, at different times: repeated geometries)
            int holders = 1 + random.nextInt(3);
            for (int h = 0; h < holders; h++) {
                Interval validity = randomDays(random);
                // equal copies and the same object both count as one shape
                Geometry geometry = h > 0 && random.nextBoolean() ? g.copy() : g;
                areas.add(new ControlArea("a" + areas.size(), new ActorId(ACTORS.get(random.nextInt(ACTORS.size()))), geometry,
                        validity, "test", Confidence.MEDIUM, true, null));
            }
        }
        return areas;
    }

    private static int[] cuts(Random random, int from, int to) {
        List<Integer> cuts = new ArrayList<>(List.of(from, to));
        int n = 2 + random.nextInt(6);
        for (int k = 0; k < n; k++) {
            cuts.add(from + random.nextInt(to - from));
        }
        return cuts.stream().distinct().sorted().mapToInt(Integer::intValue).toArray();
    }

    /** The brute force: every area, JTS covers, and the radius's distance rule on every edge of every ring. */
    static List<ControlArea> scan(List<ControlArea> areas, GeoPoint p, Instant at, double radius) {
        Point point = Geometries.point(p);
        ControlIndex.Disc disc = radius > 0 ? new ControlIndex.Disc(p, radius) : null;
        List<ControlArea> out = new ArrayList<>();
        for (ControlArea a : areas) {
            if (a.validity().contains(at)
                    && (a.geometry().covers(point) || (disc != null && ControlIndex.boundaryWithin(a.geometry(), disc)))) {
                out.add(a);
            }
        }
        out.sort(Comparator.comparing((ControlArea a) -> a.actor().value()).thenComparing(ControlArea::id));
        return out;
    }

    static ControlAnswer.Status expectedStatus(List<ControlArea> controllers, Predicate<ActorId> excluded) {
        Set<ActorId> actors = new java.util.TreeSet<>();
        controllers.forEach(a -> actors.add(a.actor()));
        if (actors.isEmpty()) {
            return ControlAnswer.Status.NONE;
        }
        if (actors.size() == 1) {
            return ControlAnswer.Status.SINGLE;
        }
        boolean someExcluded = actors.stream().anyMatch(excluded);
        boolean someCovered = actors.stream().anyMatch(excluded.negate());
        return someExcluded && someCovered ? ControlAnswer.Status.MIXED : ControlAnswer.Status.CONTESTED;
    }

    /** A point from the kind asked: a lattice point, a half-lattice point (edge midpoints), or anywhere. */
    private static GeoPoint point(Random random, int kind) {
        return switch (kind) {
            case 0 -> new GeoPoint(lat(random.nextInt(100) - 2), lon(random.nextInt(134) - 3));
            case 1 -> new GeoPoint(lat(0) + (random.nextInt(200) - 4) * STEP / 2, lon(0) + (random.nextInt(268) - 6) * STEP / 2);
            default -> new GeoPoint(lat(-2) + random.nextDouble() * 100 * STEP, lon(-3) + random.nextDouble() * 134 * STEP);
        };
    }

    @Test
    void pointLookupsAgreeWithABruteForceScan() {
        qt().withExamples(400).forAll(longs().all(), integers().between(0, 2), integers().between(0, 400))
                .checkAssert((seed, kind, day) -> {
                    List<ControlArea> areas = world(seed);
                    Territory territory = new Territory(areas);
                    Random random = new Random(seed ^ kind);
                    Instant at = T0.plusSeconds(day * 86400L);
                    // forty points per world, so that building the index is not all the test does
                    for (int k = 0; k < 40; k++) {
                        GeoPoint p = point(random, kind);
                        List<ControlArea> expected = scan(areas, p, at, 0);
                        ControlAnswer answer = territory.controlAt(p, at, 0, EXCLUDED);
                        assertThat(answer.controllers()).as("%s at %s", p, at).isEqualTo(expected);
                        assertThat(answer.status()).isEqualTo(expectedStatus(expected, EXCLUDED));
                    }
                });
    }

    @Test
    void radiusLookupsAgreeWithABruteForceScan() {
        qt().withExamples(150).forAll(longs().all(), integers().between(0, 2), integers().between(0, 400), integers().between(0, 3))
                .checkAssert((seed, kind, day, scale) -> {
                    List<ControlArea> areas = world(seed);
                    Territory territory = new Territory(areas);
                    Random random = new Random(seed * 31 + kind);
                    Instant at = T0.plusSeconds(day * 86400L);
                    double maxRadius = new double[] {50, 500, 3_000, 25_000}[scale];
                    for (int k = 0; k < 10; k++) {
                        GeoPoint p = point(random, kind);
                        double radius = random.nextDouble() * maxRadius;
                        List<ControlArea> expected = scan(areas, p, at, radius);
                        ControlAnswer answer = territory.controlAt(p, at, radius, EXCLUDED);
                        assertThat(answer.controllers()).as("%s at %s within %s m", p, at, radius).isEqualTo(expected);
                        assertThat(answer.status()).isEqualTo(expectedStatus(expected, EXCLUDED));
                    }
                });
    }

    @Test
    void theCrossingRuleAgreesWithJtsWhereverTheSegmentMeetsVerticesAndEdges() {
        // coarse lattice shapes, reference points and query points: the segment from the reference to
        // the point often runs through vertices or along edges, the cases the perturbation rule decides
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            List<Geometry> shapes = new ArrayList<>();
            for (Geometry g : world(seed).stream().map(ControlArea::geometry).distinct().toList()) {
                shapes.add(g);
            }
            shapes.add(coarseStar(random));
            for (Geometry g : shapes) {
                double[] edges = ControlIndex.edgesOf(g);
                org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator locator =
                        new org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator(g);
                for (int k = 0; k < 30; k++) {
                    GeoPoint c = point(random, random.nextInt(2));
                    int where = locator.locate(new Coordinate(c.lon(), c.lat()));
                    if (where == org.locationtech.jts.geom.Location.BOUNDARY) {
                        continue;
                    }
                    GeoPoint p = point(random, random.nextInt(2));
                    boolean expected = g.covers(Geometries.point(p));
                    assertThat(ControlIndex.covers(edges, 0, edges.length / 4, c.lon(), c.lat(),
                            where == org.locationtech.jts.geom.Location.INTERIOR, p.lon(), p.lat()))
                            .as("%s from %s in %s", p, c, g).isEqualTo(expected);
                }
            }
        });
    }

    /** A star on the coarse lattice (valid, or its convex hull): vertices where query points land. */
    private static Polygon coarseStar(Random random) {
        int ci = random.nextInt(128);
        int cj = random.nextInt(96);
        List<Coordinate> c = new ArrayList<>();
        int n = 6 + random.nextInt(20);
        for (int k = 0; k < n; k++) {
            double angle = 2 * Math.PI * k / n;
            double r = 2 + random.nextInt(12);
            Coordinate v = new Coordinate(lon(ci + (int) Math.round(r * Math.cos(angle))), lat(cj + (int) Math.round(r * Math.sin(angle))));
            if (c.isEmpty() || !c.get(c.size() - 1).equals2D(v)) {
                c.add(v);
            }
        }
        if (c.size() > 1 && c.get(0).equals2D(c.get(c.size() - 1))) {
            c.remove(c.size() - 1);
        }
        if (c.size() < 3) {
            return box(ci, cj, ci + 3, cj + 2);
        }
        Polygon polygon = ring(c);
        return polygon.isValid() ? polygon : (Polygon) polygon.convexHull();
    }

    @Test
    void theAnswerDoesNotDependOnTheOrderOfTheAreas() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            List<ControlArea> areas = world(seed);
            List<ControlArea> shuffled = new ArrayList<>(areas);
            Collections.shuffle(shuffled, new Random(seed));
            Territory one = new Territory(areas);
            Territory other = new Territory(shuffled);
            Random random = new Random(seed);
            for (int k = 0; k < 100; k++) {
                GeoPoint p = point(random, k % 3);
                Instant at = T0.plusSeconds(random.nextInt(400) * 86400L);
                assertThat(other.controlAt(p, at, 0, EXCLUDED)).isEqualTo(one.controlAt(p, at, 0, EXCLUDED));
            }
        });
    }

    @Test
    void everyPointOfASharedBorderIsAnsweredWithBothNeighbours() {
        // two actors' areas share a slanted border and a vertical one; a third actor, excluded, shares the vertical one
        Polygon west = ring(List.of(new Coordinate(lon(0), lat(0)), new Coordinate(lon(10), lat(0)), new Coordinate(lon(20), lat(30)),
                new Coordinate(lon(0), lat(30))));
        Polygon east = ring(List.of(new Coordinate(lon(10), lat(0)), new Coordinate(lon(40), lat(0)), new Coordinate(lon(40), lat(30)),
                new Coordinate(lon(20), lat(30))));
        Polygon beyond = box(40, 0, 60, 30);
        Territory t = new Territory(List.of(area("west", "government", west, 0, null), area("east", "fatah-halab", east, 0, null),
                area("beyond", "jabhat-al-nusra", beyond, 0, 100L)));
        Instant day1 = T0.plusSeconds(86400);
        // points exactly on the slanted border from (10, 0) to (20, 30) lattice steps: (10 + m, 3m), every half step
        for (int h = 0; h <= 20; h++) {
            double m = h / 2.0;
            GeoPoint onSlant = new GeoPoint(lat(0) + 3 * m * STEP, lon(0) + (10 + m) * STEP);
            ControlAnswer a = t.controlAt(onSlant, day1, 0, EXCLUDED);
            assertThat(a.status()).as("%s", onSlant).isEqualTo(ControlAnswer.Status.CONTESTED);
            assertThat(a.controllers()).extracting(ControlArea::id).containsExactly("east", "west");
        }
        for (int j = 0; j <= 30; j++) {
            GeoPoint onVertical = new GeoPoint(lat(j), lon(40));
            ControlAnswer mixed = t.controlAt(onVertical, day1, 0, EXCLUDED);
            assertThat(mixed.status()).as("covered fatah-halab and excluded al-Nusra on one border").isEqualTo(ControlAnswer.Status.MIXED);
            assertThat(mixed.controllers()).extracting(ControlArea::id).containsExactly("east", "beyond");
            ControlAnswer later = t.controlAt(onVertical, T0.plusSeconds(100 * 86400L), 0, EXCLUDED);
            assertThat(later.status()).as("al-Nusra's area ended at day 100 (half-open validity)").isEqualTo(ControlAnswer.Status.SINGLE);
        }
        // the shared corner at (20, 30) lies on all borders of west and east
        ControlAnswer corner = t.controlAt(new GeoPoint(lat(30), lon(20)), day1, 0, EXCLUDED);
        assertThat(corner.controllers()).extracting(ControlArea::id).containsExactly("east", "west");
        // nobody excluded: the same vertical border is merely contested
        assertThat(t.controlAt(new GeoPoint(lat(7), lon(40)), day1).status()).isEqualTo(ControlAnswer.Status.CONTESTED);
    }

    @Test
    void statusesFollowTheExclusions() {
        Polygon ground = box(0, 0, 10, 10);
        Territory t = new Territory(List.of(area("a", "fatah-halab", ground, 0, null), area("b", "jabhat-al-nusra", ground, 0, null),
                area("c", "isis", box(20, 0, 30, 10), 0, null), area("d", "jabhat-al-nusra", box(20, 0, 30, 10), 0, null),
                area("e", "isis", box(40, 0, 50, 10), 0, null), area("f", "isis", box(45, 0, 50, 10), 0, null)));
        Instant at = T0.plusSeconds(5 * 86400);
        assertThat(t.controlAt(new GeoPoint(lat(5), lon(5)), at, 0, EXCLUDED).status()).isEqualTo(ControlAnswer.Status.MIXED);
        assertThat(t.controlAt(new GeoPoint(lat(5), lon(25)), at, 0, EXCLUDED).status())
                .as("two excluded actors: contested").isEqualTo(ControlAnswer.Status.CONTESTED);
        assertThat(t.controlAt(new GeoPoint(lat(5), lon(47)), at, 0, EXCLUDED).status())
                .as("one actor's two areas: single, excluded or not").isEqualTo(ControlAnswer.Status.SINGLE);
        assertThat(t.controlAt(new GeoPoint(lat(5), lon(35)), at, 0, EXCLUDED).status()).isEqualTo(ControlAnswer.Status.NONE);
        assertThat(t.controlAt(new GeoPoint(lat(5), lon(35)), at, 7_500, EXCLUDED).controllers())
                .as("7.5 km reach both neighbours, 5/64° of longitude (7.1 km at 35°N) away on either side")
                .extracting(ControlArea::id).containsExactly("c", "e", "d");
        assertThat(t.controlAt(new GeoPoint(lat(5), lon(35)), at, 7_500, EXCLUDED).status()).isEqualTo(ControlAnswer.Status.CONTESTED);
        assertThat(t.controlAt(new GeoPoint(lat(5), lon(35)), at, 6_500, EXCLUDED).status()).isEqualTo(ControlAnswer.Status.NONE);
        assertThat(t.controlAt(new GeoPoint(lat(5), lon(15)), at, 7_500, EXCLUDED).status()).isEqualTo(ControlAnswer.Status.MIXED);
        assertThat(t.controlAt(new GeoPoint(lat(5), lon(15)), at, 1_000, EXCLUDED).status()).isEqualTo(ControlAnswer.Status.NONE);
    }

    @Test
    void emptyTerritoriesAndFarPointsAnswerNone() {
        Territory empty = new Territory(List.of());
        assertThat(empty.controlAt(new GeoPoint(36.2, 37.15), T0).status()).isEqualTo(ControlAnswer.Status.NONE);
        assertThat(empty.controlAt(new GeoPoint(36.2, 37.15), T0, 10_000, EXCLUDED).status()).isEqualTo(ControlAnswer.Status.NONE);
        Territory one = new Territory(List.of(area("a", "sdf", box(0, 0, 1, 1), 0, null)));
        assertThat(one.controlAt(new GeoPoint(-60, -170), T0).status()).isEqualTo(ControlAnswer.Status.NONE);
        assertThat(one.controlAt(new GeoPoint(lat(0), lon(0)), T0.minusSeconds(1)).status()).as("before every validity").isEqualTo(ControlAnswer.Status.NONE);
        assertThat(one.controlAt(new GeoPoint(lat(0), lon(0)), T0).status()).isEqualTo(ControlAnswer.Status.SINGLE);
        assertThatThrownBy(() -> one.controlAt(new GeoPoint(0, 0), T0, -1, EXCLUDED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> one.controlAt(new GeoPoint(0, 0), T0, Double.NaN, EXCLUDED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theIndexSubdividesWhereEdgesCrowdAndSharesRepeatedGeometries() {
        Random random = new Random(7);
        Polygon star = star(random, 64, 48, 2000, 40);
        List<ControlArea> areas = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            areas.add(area("s" + k, ACTORS.get(k % ACTORS.size()), k % 2 == 0 ? star : star.copy(), k, (long) k + 10));
        }
        Territory t = new Territory(areas);
        Territory.IndexSize size = t.indexSize();
        assertThat(size.shapes()).isEqualTo(1);
        assertThat(size.nodes()).isGreaterThan(size.rootCells());
        for (int k = 0; k < 2000; k++) {
            GeoPoint p = point(random, k % 3);
            Instant at = T0.plusSeconds(random.nextInt(70) * 86400L);
            assertThat(t.controlAt(p, at).controllers()).isEqualTo(scan(areas, p, at, 0));
        }
    }
}
