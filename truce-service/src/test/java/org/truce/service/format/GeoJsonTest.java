package org.truce.service.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.truce.domain.problem.Problem;
import org.truce.domain.problem.Problems;
import org.truce.domain.territory.Geometries;

/** The GeoJSON geometry reader and writer. */
class GeoJsonTest {
    private final Random random = new Random(7);

    /** A value as the data has them: full double precision, few decimals, integers, near-ties of the 8th decimal. */
    private double ordinate(double min, double max) {
        double v = min + random.nextDouble() * (max - min);
        return switch (random.nextInt(4)) {
            case 0 -> v;
            case 1 -> Math.rint(v * 1e4) / 1e4;
            case 2 -> Math.rint(v);
            default -> (Math.floor(v * 1e8) + 0.5) / 1e8;
        };
    }

    private LinearRing ring(double x, double y, double r, boolean withZ) {
        int n = 4 + random.nextInt(12);
        Coordinate[] c = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * i / n;
            double rx = x + r * Math.cos(angle) + ordinate(-1e-6, 1e-6);
            double ry = y + r * Math.sin(angle) + ordinate(-1e-6, 1e-6);
            c[i] = withZ ? new Coordinate(rx, ry, ordinate(-100, 3000)) : new Coordinate(rx, ry);
        }
        c[n] = c[0].copy();
        return Geometries.FACTORY.createLinearRing(c);
    }

    private Polygon polygon(boolean withZ) {
        double x = ordinate(-170, 170);
        double y = ordinate(-80, 80);
        LinearRing shell = ring(x, y, 1, withZ);
        LinearRing[] holes = random.nextBoolean() ? new LinearRing[] {ring(x, y, 0.3, withZ)} : new LinearRing[0];
        return Geometries.FACTORY.createPolygon(shell, holes);
    }

    private List<Geometry> geometries() {
        List<Geometry> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            boolean z = i % 5 == 0;
            all.add(polygon(z));
            all.add(Geometries.FACTORY.createMultiPolygon(new Polygon[] {polygon(z), polygon(z)}));
            all.add(polygon(z).getExteriorRing().getFactory().createLineString(polygon(z).getExteriorRing().getCoordinates()));
            all.add(Geometries.FACTORY.createPoint(new Coordinate(ordinate(-180, 180), ordinate(-90, 90))));
        }
        all.add(Geometries.FACTORY.createPolygon());
        all.add(Geometries.FACTORY.createMultiPolygon());
        all.add(Geometries.FACTORY.createGeometryCollection(new Geometry[] {polygon(false), Geometries.FACTORY.createPoint(new Coordinate(1, 2))}));
        return all;
    }

    @Test
    void theWriterGivesTheCanonicalBytesJtsGeoJsonWriterGave() {
        // entries recorded before the writer was replaced must encode the same way
        GeoJsonWriter jts = new GeoJsonWriter();
        jts.setEncodeCRS(false);
        for (Geometry g : geometries()) {
            byte[] before = Json.canonical(Json.parse(jts.write(g).getBytes(StandardCharsets.UTF_8)));
            assertThat(new String(Json.canonical(GeoJson.write(g)), StandardCharsets.UTF_8)).as(g.toText())
                    .isEqualTo(new String(before, StandardCharsets.UTF_8));
        }
    }

    @Test
    void ordinatesAreRoundedAsJtsGeoJsonWriterRoundedThem() {
        GeoJsonWriter jts = new GeoJsonWriter();
        jts.setEncodeCRS(false);
        for (int i = 0; i < 100_000; i++) {
            double v = i % 3 == 0 ? ordinate(-2e7, 2e7) : i % 3 == 1 ? ordinate(-180, 180) : ordinate(-0.01, 0.01);
            String written = jts.write(Geometries.FACTORY.createPoint(new Coordinate(v, 0)));
            double before = Double.parseDouble(written.substring(written.indexOf('[') + 1, written.indexOf(',', written.indexOf('['))));
            assertThat(GeoJson.round(v)).as("%s", v).isEqualTo(before);
        }
    }

    @Test
    void whatIsWrittenReadsBackAsItself() {
        for (Geometry g : geometries()) {
            Problems problems = new Problems();
            Geometry read = GeoJson.geometry(GeoJson.write(g), "geometry", problems);
            if (g.isValid()) {
                assertThat(problems.list()).as(g.toText()).isEmpty();
                assertThat(GeoJson.write(read)).isEqualTo(GeoJson.write(g));
            }
        }
    }

    private static List<Problem> problems(String geometry) {
        Problems problems = new Problems();
        assertThat(GeoJson.geometry(Json.parse(geometry.getBytes(StandardCharsets.UTF_8)), "g", problems)).isNull();
        return problems.list();
    }

    @Test
    void everyBrokenPositionIsNamedUpToALimit() {
        StringBuilder ring = new StringBuilder("[[0, 95]");
        for (int i = 1; i < 50; i++) {
            ring.append(", [").append(i * 0.01).append(", 95]");
        }
        ring.append(", [0, 95]]");
        List<Problem> found = problems("{\"type\": \"Polygon\", \"coordinates\": [" + ring + "]}");
        assertThat(found).hasSize(21);
        assertThat(found.get(0).field()).isEqualTo("g.coordinates[0][0]");
        assertThat(found.get(19).field()).isEqualTo("g.coordinates[0][19]");
        assertThat(found.get(20).message()).contains("31 more");
    }

    @Test
    void structuralProblemsNameTheirPlace() {
        assertThat(problems("{\"type\": \"MultiPolygon\", \"coordinates\": [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[0, 0], [1, 0]]]]}"))
                .extracting(Problem::field).containsExactly("g.coordinates[1][0]");
        assertThat(problems("{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, \"x\"], [0, 0]]]}"))
                .extracting(Problem::field).containsExactly("g.coordinates[0][2][1]");
        assertThat(problems("{\"type\": \"Polygon\", \"coordinates\": {}}")).extracting(Problem::field).containsExactly("g.coordinates");
        assertThat(problems("{\"type\": \"GeometryCollection\", \"geometries\": [{\"type\": \"Point\", \"coordinates\": [0, 91]}]}"))
                .extracting(Problem::field).containsExactly("g.geometries[0].coordinates");
    }
}
