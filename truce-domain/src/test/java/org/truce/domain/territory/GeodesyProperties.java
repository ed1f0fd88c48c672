package org.truce.domain.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.truce.domain.geo.GeoPoint;

/** Ellipsoidal areas and distances against known values, numerical integration and their own identities. */
class GeodesyProperties {
    private static final double A = 6_378_137.0;
    private static final double F = 1 / 298.257223563;
    private static final double E2 = F * (2 - F);

    static Geometry box(double west, double south, double east, double north) {
        return Geometries.FACTORY.createPolygon(new Coordinate[] {new Coordinate(west, south), new Coordinate(east, south),
                new Coordinate(east, north), new Coordinate(west, north), new Coordinate(west, south)});
    }

    private static Geometry triangle(double[] x, double[] y) {
        return Geometries.FACTORY.createPolygon(new Coordinate[] {new Coordinate(x[0], y[0]), new Coordinate(x[1], y[1]),
                new Coordinate(x[2], y[2]), new Coordinate(x[0], y[0])});
    }

    /** The ellipsoid's area element M·N·cos φ, per radian² of latitude and longitude. */
    private static double element(double phi) {
        double s = Math.sin(phi);
        return A * A * (1 - E2) * Math.cos(phi) / Math.pow(1 - E2 * s * s, 2);
    }

    /** Square metres of a lon/lat polygon by slicing it along parallels (midpoint rule, many slices). */
    private static double sliced(Geometry polygon, int slices) {
        var env = polygon.getEnvelopeInternal();
        double h = (env.getMaxY() - env.getMinY()) / slices;
        double sum = 0;
        for (int i = 0; i < slices; i++) {
            double lat = env.getMinY() + (i + 0.5) * h;
            Geometry line = Geometries.FACTORY.createLineString(new Coordinate[] {
                    new Coordinate(env.getMinX() - 1, lat), new Coordinate(env.getMaxX() + 1, lat)});
            double width = polygon.intersection(line).getLength();
            sum += Math.toRadians(width) * element(Math.toRadians(lat)) * Math.toRadians(h);
        }
        return sum;
    }

    @Test
    void knownAreas() {
        // GeographicLib gives 510,065,621.724 km² for the WGS 84 ellipsoid
        assertThat(GeodesicArea.squareKilometres(box(-180, -90, 180, 90))).isCloseTo(510_065_621.724, within(0.001));
        assertThat(GeodesicArea.squareKilometres(box(0, 0, 1, 1))).isCloseTo(12_308.4639, within(0.0001));
        assertThat(GeodesicArea.squareMetres(box(37, 36, 38, 37))).isCloseTo(sliced(box(37, 36, 38, 37), 20_000), within(1.0));
        assertThat(GeodesicArea.squareMetres(Geometries.FACTORY.createLineString(new Coordinate[] {
                new Coordinate(37, 36), new Coordinate(38, 37)}))).isZero();
    }

    @Test
    void slantedEdgesAgreeWithSlicing() {
        qt().withExamples(40).forAll(integers().between(0, 1_000_000)).checkAssert(seed -> {
            Random r = new Random(seed);
            double[] x = new double[3];
            double[] y = new double[3];
            double lon = -170 + r.nextDouble() * 340;
            double lat = -70 + r.nextDouble() * 140;
            double size = 0.01 + r.nextDouble() * 5;
            for (int i = 0; i < 3; i++) {
                x[i] = lon + r.nextDouble() * size;
                y[i] = lat + r.nextDouble() * size;
            }
            Geometry t = triangle(x, y);
            // the sliced reference itself errs by a few parts per million at 4,000 slices
            double expected = sliced(t, 4_000);
            assertThat(GeodesicArea.squareMetres(t)).isCloseTo(expected, within(expected * 1e-5 + 1e-3));
        });
    }

    @Test
    void areaIsAdditiveAndIgnoresOrientation() {
        qt().withExamples(200).forAll(integers().between(0, 1_000_000)).checkAssert(seed -> {
            Random r = new Random(seed);
            Geometry a = box(36 + r.nextInt(30) / 10.0, 33 + r.nextInt(30) / 10.0, 39.5, 37.5);
            Geometry b = box(35 + r.nextDouble() * 3, 32 + r.nextDouble() * 3, 38 + r.nextDouble(), 36 + r.nextDouble());
            double union = GeodesicArea.squareMetres(OverlayNGRobust.overlay(a, b, OverlayNG.UNION));
            double both = GeodesicArea.squareMetres(OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION));
            double sum = GeodesicArea.squareMetres(a) + GeodesicArea.squareMetres(b);
            assertThat(union + both).isCloseTo(sum, within(sum * 1e-9));
            assertThat(GeodesicArea.squareMetres(a.reverse())).isCloseTo(GeodesicArea.squareMetres(a), within(1e-6));
        });
    }

    @Test
    void aHoleIsNotGround() {
        Geometry ring = OverlayNGRobust.overlay(box(37, 36, 38, 37), box(37.2, 36.2, 37.8, 36.8), OverlayNG.DIFFERENCE);
        assertThat(GeodesicArea.squareMetres(ring)).isCloseTo(
                GeodesicArea.squareMetres(box(37, 36, 38, 37)) - GeodesicArea.squareMetres(box(37.2, 36.2, 37.8, 36.8)), within(1e-3));
    }

    @Test
    void vincentysOwnExample() {
        // Flinders Peak to Buninyong, Vincenty (1975): 54,972.271 m
        GeoPoint flinders = new GeoPoint(-(37 + 57 / 60.0 + 3.72030 / 3600), 144 + 25 / 60.0 + 29.52440 / 3600);
        GeoPoint buninyong = new GeoPoint(-(37 + 39 / 60.0 + 10.15610 / 3600), 143 + 55 / 60.0 + 35.38390 / 3600);
        assertThat(GeodesicDistance.metres(flinders, buninyong)).isCloseTo(54_972.271, within(0.001));
        assertThat(GeodesicDistance.metres(buninyong, flinders)).isCloseTo(54_972.271, within(0.001));
        assertThat(GeodesicDistance.metres(flinders, flinders)).isZero();
        // one degree of longitude on the equator is a / 360 of the equator's length
        assertThat(GeodesicDistance.metres(new GeoPoint(0, 10), new GeoPoint(0, 11))).isCloseTo(2 * Math.PI * A / 360, within(0.001));
        // nearly antipodal points, where the iteration may not converge, still get a distance
        assertThat(GeodesicDistance.metres(new GeoPoint(0, 0), new GeoPoint(0.5, 179.7))).isBetween(19_900_000.0, 20_040_000.0);
    }

    @Test
    void theLocalPlaneKeepsDistanceFromItsCentreAndRoundTrips() {
        qt().withExamples(300).forAll(integers().between(0, 1_000_000)).checkAssert(seed -> {
            Random r = new Random(seed);
            GeoPoint centre = new GeoPoint(-80 + r.nextDouble() * 160, -179 + r.nextDouble() * 358);
            double lat = Math.max(-89.9, Math.min(89.9, centre.lat() + (r.nextDouble() - 0.5) * 10));
            double lon = centre.lon() + (r.nextDouble() - 0.5) * 10;
            lon = lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
            LocalPlane plane = new LocalPlane(centre);
            double[] xy = plane.project(lon, lat);
            GeoPoint back = plane.unproject(xy[0], xy[1]);
            assertThat(back.lat()).isCloseTo(lat, within(1e-9));
            assertThat(Math.abs(((back.lon() - lon) % 360 + 540) % 360 - 180)).isLessThan(1e-9);
            double sphere = GeodesicDistance.greatCircle(centre, new GeoPoint(lat, lon));
            assertThat(Math.hypot(xy[0], xy[1])).isCloseTo(sphere, within(1e-6 * sphere + 1e-6));
        });
    }
}
