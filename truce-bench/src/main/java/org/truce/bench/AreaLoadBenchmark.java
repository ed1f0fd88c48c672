package org.truce.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.truce.cli.Runtime;
import org.truce.cli.StoreOptions;
import org.truce.domain.problem.Problems;
import org.truce.service.format.GeoJson;
import org.truce.service.format.Json;
import org.truce.service.intake.TerritoryImports;
import picocli.CommandLine;

/**
 * Loading 10,000 areas of control from one GeoJSON document into the embedded store, end to end:
 * parse, check every feature (properties, geometry validity, antimeridian, entry size), record the
 * areas durably as one atomic group of log entries, and project them into the tables (what
 * {@code truce import --format areas-geojson} and {@code POST /api/v1/territory/imports} do).
 *
 * <p>The areas are the 272 OCHA sub-districts and the 109 Aleppo neighbourhoods, replicated with
 * random actors and validity intervals (seeded) until there are {@code areas} of them. Their
 * boundaries are oversampled (points every few metres along straight edges); before the run each is
 * simplified at {@code toleranceDegrees} (topology-preserving), which is how areas of control are
 * drawn, and keeps every geometry within one log entry.
 *
 * <p>The OCHA files are read from {@code -Dtruce.bench.geo=DIR} (default {@code truce-bench/data/geo},
 * the copies with their attribution, seen from the repository root). Each invocation loads
 * into a fresh store, created outside the measured time.
 *
 * <pre>java -jar truce-bench/target/benchmarks.jar AreaLoadBenchmark -f 1 -wi 2 -i 5</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class AreaLoadBenchmark {
    static final String PRINCIPAL = "bench:areas";
    static final List<String> ACTORS = List.of("syrian-arab-army", "fatah-halab", "isis", "sdf", "euphrates-shield", "jabhat-al-nusra");

    @Param({"10000"})
    int areas;

    @Param({"0.0001"})
    double toleranceDegrees;

    byte[] document;
    Path data;
    Runtime runtime;
    TerritoryImports imports;

    @Setup(Level.Trial)
    public void buildDocument() throws IOException {
        Path geo = Path.of(System.getProperty("truce.bench.geo", "truce-bench/data/geo"));
        List<Geometry> shapes = new ArrayList<>();
        shapes.addAll(geometries(geo.resolve("admin_boundaries_ocha/syr_admin3_subdistricts.geojson")));
        shapes.addAll(geometries(geo.resolve("city_neighbourhoods_ocha/aleppo_city_neighbourhoods.geojson")));
        document = document(shapes, areas, toleranceDegrees, new Random(2016));
        System.out.printf("%n%d areas from %d OCHA shapes, %,d bytes of GeoJSON%n", areas, shapes.size(), document.length);
    }

    /** The geometries of an OCHA FeatureCollection. */
    static List<Geometry> geometries(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " is missing: pass -Dtruce.bench.geo=DIR, the folder holding"
                    + " admin_boundaries_ocha/ and city_neighbourhoods_ocha/");
        }
        JsonNode doc = Json.parse(Files.readAllBytes(file));
        List<Geometry> shapes = new ArrayList<>();
        for (JsonNode feature : doc.get("features")) {
            Problems problems = new Problems();
            Geometry g = GeoJson.geometry(feature.get("geometry"), "geometry", problems);
            problems.throwIfAny();
            shapes.add(g);
        }
        return shapes;
    }

    /** {@code count} areas cycling through {@code shapes}, each with a random actor and a random interval in 2016. */
    static byte[] document(List<Geometry> shapes, int count, double tolerance, Random random) {
        List<JsonNode> geometries = shapes.stream()
                .map(g -> (JsonNode) GeoJson.write(tolerance > 0 ? TopologyPreservingSimplifier.simplify(g, tolerance) : g))
                .toList();
        ObjectNode collection = Json.object().put("type", "FeatureCollection").put("time_zone", "Asia/Damascus");
        ArrayNode features = collection.putArray("features");
        LocalDate start = LocalDate.of(2016, 1, 1);
        for (int i = 0; i < count; i++) {
            ObjectNode feature = features.addObject().put("type", "Feature");
            feature.set("geometry", geometries.get(i % geometries.size()));
            LocalDate from = start.plusDays(random.nextInt(366));
            ObjectNode p = feature.putObject("properties");
            p.put("id", "bench-" + i);
            p.put("actor", ACTORS.get(random.nextInt(ACTORS.size())));
            p.put("valid_from", from.toString());
            p.put("valid_to", from.plusDays(1 + random.nextInt(180)).toString());
            p.put("source", "benchmark: OCHA shape " + (i % geometries.size()) + " with a random validity");
            p.put("confidence", "low");
            p.put("approximate", true);
        }
        return Json.write(collection).getBytes(StandardCharsets.UTF_8);
    }

    @Setup(Level.Invocation)
    public void openStore() throws IOException {
        data = Files.createTempDirectory("truce-bench-areas");
        runtime = Runtime.open(embedded(data));
        runtime.catchUp();
        ArrayNode actors = Json.array();
        ACTORS.forEach(id -> actors.addObject().put("id", id).put("name", id).put("kind", "ARMED_GROUP"));
        ObjectNode doc = Json.object().put("format", "truce-actors/1");
        doc.set("actors", actors);
        runtime.imports().importActors(PRINCIPAL, doc);
        imports = new TerritoryImports(runtime.catalog());
    }

    @Benchmark
    public TerritoryImports.Summary load() {
        TerritoryImports.Summary summary = imports.importAreas(PRINCIPAL, TerritoryImports.Format.GEOJSON, document,
                TerritoryImports.Options.STRICT);
        if (summary.accepted() != areas) {
            throw new IllegalStateException("recorded " + summary.accepted() + " of " + areas);
        }
        return summary;
    }

    @TearDown(Level.Invocation)
    public void closeStore() throws IOException {
        runtime.close();
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static StoreOptions embedded(Path data) {
        StoreOptions options = new StoreOptions();
        new CommandLine(new Holder(options)).parseArgs("--data", data.toString());
        return options;
    }

    @CommandLine.Command
    static final class Holder {
        @CommandLine.Mixin
        StoreOptions options;

        Holder(StoreOptions options) {
            this.options = options;
        }
    }

    /** One run outside JMH, for a quick look: {@code java -cp benchmarks.jar org.truce.bench.AreaLoadBenchmark [runs]}. */
    public static void main(String[] args) throws IOException {
        AreaLoadBenchmark bench = new AreaLoadBenchmark();
        bench.areas = Integer.getInteger("truce.bench.areas", 10_000);
        bench.toleranceDegrees = Double.parseDouble(System.getProperty("truce.bench.tolerance", "0.0001"));
        bench.buildDocument();
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        for (int r = 0; r < runs; r++) {
            bench.openStore();
            long t0 = System.nanoTime();
            bench.load();
            System.out.printf("run %d: %d ms%n", r, (System.nanoTime() - t0) / 1_000_000);
            bench.closeStore();
        }
    }
}
