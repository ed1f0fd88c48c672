package org.truce.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.truce.domain.actor.ActorId;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.problem.Problems;
import org.truce.domain.territory.Confidence;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.time.Interval;
import org.truce.service.format.GeoJson;
import org.truce.service.format.Json;

/**
 * The data of the control lookup benchmarks: the 272 OCHA sub-districts and the 109 Aleppo
 * neighbourhoods at full resolution (129,060 and 3,856 vertices), replicated into {@code count}
 * dated areas, and random questions (a point, an instant) about them. Seeded, so every benchmark of
 * one run, in-memory or PostGIS, gets the same areas and the same questions.
 *
 * <p>Area i has shape i mod 381, one of eight actors at random, and a validity starting on a random day
 * of 2016 and lasting 1 to 180 days (as in {@code AreaLoadBenchmark}). Questions: instants uniform
 * over 2016; points uniform over the sub-districts' bounding box ({@code syria}: a third of them fall
 * outside Syria, in the box's corners) or over the neighbourhoods' ({@code aleppo}: the city, where
 * 109 small polygons and the Jebel Saman sub-district overlap).
 *
 * <p>The OCHA files are read from {@code -Dtruce.bench.geo=DIR} (default {@code truce-bench/data/geo},
 * the copies with their attribution, seen from the repository root).
 */
final class ControlLookupData {
    static final List<String> ACTORS = List.of("syrian-arab-army", "fatah-halab", "jabhat-al-nusra", "isis", "sdf", "ypg",
            "euphrates-shield", "manbij-military-council");
    static final Instant YEAR_START = Instant.parse("2016-01-01T00:00:00Z");
    static final int QUESTIONS = 100_000;

    final List<Geometry> subdistricts;
    final List<Geometry> neighbourhoods;
    final List<ControlArea> areas;

    ControlLookupData(int count) throws IOException {
        Path geo = Path.of(System.getProperty("truce.bench.geo", "truce-bench/data/geo"));
        subdistricts = geometries(geo.resolve("admin_boundaries_ocha/syr_admin3_subdistricts.geojson"));
        neighbourhoods = geometries(geo.resolve("city_neighbourhoods_ocha/aleppo_city_neighbourhoods.geojson"));
        List<Geometry> shapes = new ArrayList<>(subdistricts);
        shapes.addAll(neighbourhoods);
        Random random = new Random(2016);
        areas = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant from = YEAR_START.plus(random.nextInt(366), ChronoUnit.DAYS);
            Instant to = from.plus(1 + random.nextInt(180), ChronoUnit.DAYS);
            areas.add(new ControlArea("bench-" + i, new ActorId(ACTORS.get(random.nextInt(ACTORS.size()))), shapes.get(i % shapes.size()),
                    Interval.of(from, to), "benchmark: OCHA shape " + (i % shapes.size()), Confidence.LOW, true, null));
        }
    }

    /** A random question about the territory. */
    record Question(GeoPoint point, Instant at) {
    }

    /** {@value #QUESTIONS} questions with points uniform over the box of {@code where} ({@code syria} or {@code aleppo}). */
    List<Question> questions(String where) {
        Envelope box = new Envelope();
        (where.equals("aleppo") ? neighbourhoods : subdistricts).forEach(g -> box.expandToInclude(g.getEnvelopeInternal()));
        Random random = new Random(where.hashCode());
        List<Question> questions = new ArrayList<>(QUESTIONS);
        long seconds = ChronoUnit.SECONDS.between(YEAR_START, YEAR_START.plus(366, ChronoUnit.DAYS));
        for (int i = 0; i < QUESTIONS; i++) {
            GeoPoint p = new GeoPoint(box.getMinY() + random.nextDouble() * box.getHeight(), box.getMinX() + random.nextDouble() * box.getWidth());
            questions.add(new Question(p, YEAR_START.plusSeconds((long) (random.nextDouble() * seconds))));
        }
        return questions;
    }

    private static List<Geometry> geometries(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " is missing: pass -Dtruce.bench.geo=DIR, the folder holding"
                    + " admin_boundaries_ocha/ and city_neighbourhoods_ocha/");
        }
        List<Geometry> shapes = new ArrayList<>();
        for (JsonNode feature : Json.parse(Files.readAllBytes(file)).get("features")) {
            Problems problems = new Problems();
            Geometry g = GeoJson.geometry(feature.get("geometry"), "geometry", problems);
            problems.throwIfAny();
            shapes.add(g);
        }
        return shapes;
    }
}
