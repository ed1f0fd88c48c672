package org.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Geometry;
import org.truce.cli.command.TruceCommand;
import org.truce.domain.problem.Problems;
import org.truce.domain.territory.ControlArea;
import org.truce.service.format.GeoJson;
import org.truce.service.format.Json;
import org.truce.service.format.Kml;
import picocli.CommandLine;

/**
 * The real OCHA boundaries (test resources, CC BY 3.0 IGO: see the README beside them) as areas of
 * control, on each store: the 109 Aleppo neighbourhoods and the 62 districts import without loss,
 * and GeoJSON → store → KML → another store gives the same areas, by the API and the command line.
 */
class TerritoryRealDataTest {
    static final String OCHA = "/org/truce/cli/territory/ocha/";
    static final String ACTORS = """
            {"format": "truce-actors/1", "actors": [
              {"id": "fatah-halab", "name": "Fatah Halab", "kind": "COALITION", "acled_inter": 2},
              {"id": "syrian-arab-army", "name": "Syrian Arab Army", "kind": "STATE_FORCE", "acled_inter": 1}]}""";

    @TempDir
    Path temp;

    static List<TestStores.Kind> stores() {
        return TestStores.kinds();
    }

    static JsonNode resource(String name) throws IOException {
        try (InputStream in = TerritoryRealDataTest.class.getResourceAsStream(OCHA + name)) {
            assertThat(in).as(OCHA + name).isNotNull();
            return Json.parse(in.readAllBytes());
        }
    }

    /**
     * The OCHA features as areas of a test actor over 2016: id from the P-code, the geometry as it
     * is. The OCHA properties are not a control attribution, so they are replaced, not mapped.
     */
    static String areas(JsonNode ocha, String actor) {
        ObjectNode collection = Json.object().put("type", "FeatureCollection").put("time_zone", "Asia/Damascus");
        ArrayNode features = collection.putArray("features");
        for (JsonNode f : ocha.get("features")) {
            ObjectNode feature = features.addObject().put("type", "Feature");
            feature.set("geometry", f.get("geometry"));
            feature.putObject("properties")
                    .put("id", "ocha-" + f.get("properties").get("PCODE").textValue().toLowerCase(Locale.ROOT))
                    .put("actor", actor)
                    .put("valid_from", "2016-01-01")
                    .put("valid_to", "2017-01-01")
                    .put("source", "UN OCHA / HDX COD-AB 2016-09-05 (CC BY 3.0 IGO): " + f.get("properties").get("NAME_EN").textValue())
                    .put("confidence", "low")
                    .put("approximate", true);
        }
        return Json.write(collection);
    }

    static Map<String, Geometry> geometries(JsonNode ocha) {
        return java.util.stream.StreamSupport.stream(ocha.get("features").spliterator(), false).collect(Collectors.toMap(
                f -> "ocha-" + f.get("properties").get("PCODE").textValue().toLowerCase(Locale.ROOT),
                f -> {
                    Problems problems = new Problems();
                    Geometry g = GeoJson.geometry(f.get("geometry"), "geometry", problems);
                    problems.throwIfAny();
                    return g;
                }));
    }

    static HttpResponse<String> post(TestServer server, String query, String type, byte[] body) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/v1/territory/imports" + query)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    static TestServer server(List<String> storeArgs) {
        TestServer server = TestServer.start(TerritoryImportProblemsTest.options(storeArgs), false);
        server.runtime().imports().importActors("test", Json.parse(ACTORS.getBytes(StandardCharsets.UTF_8)));
        return server;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void ochaNeighbourhoodsAndDistrictsImportWithoutLossAndRoundTripThroughKml(TestStores.Kind store) throws IOException {
        JsonNode neighbourhoods = resource("aleppo_city_neighbourhoods.geojson");
        JsonNode districts = resource("syr_admin2_districts.geojson");
        assertThat(neighbourhoods.get("features")).hasSize(109);
        assertThat(districts.get("features")).hasSize(62);
        Map<String, Geometry> given = new java.util.HashMap<>(geometries(neighbourhoods));
        given.putAll(geometries(districts));

        List<String> first = TerritoryImportProblemsTest.storeArgs(store, temp.resolve("first"));
        List<String> second = TerritoryImportProblemsTest.storeArgs(store, temp.resolve("second"));
        byte[] kml;
        List<ControlArea> recorded;
        try (TestServer server = server(first)) {
            long before = server.runtime().ledger().size();
            HttpResponse<String> aleppo = post(server, "", "application/geo+json",
                    areas(neighbourhoods, "fatah-halab").getBytes(StandardCharsets.UTF_8));
            assertThat(aleppo.statusCode()).as(aleppo.body()).isEqualTo(200);
            assertThat(json(aleppo).get("accepted").asInt()).isEqualTo(109);
            assertThat(json(aleppo).get("simplified")).isEmpty();

            // five districts are too large for one log entry as given: refused, naming each, unless simplification is asked for
            byte[] districtAreas = areas(districts, "syrian-arab-army").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> strict = post(server, "", "application/geo+json", districtAreas);
            assertThat(strict.statusCode()).as(strict.body()).isEqualTo(422);
            List<String> fields = new ArrayList<>();
            json(strict).get("errors").forEach(e -> fields.add(e.get("field").textValue()));
            assertThat(fields).containsExactly("features[5].geometry", "features[6].geometry", "features[18].geometry",
                    "features[19].geometry", "features[52].geometry");
            assertThat(server.runtime().ledger().size()).isEqualTo(before + 109);

            HttpResponse<String> fitted = post(server, "?simplify=fit", "application/geo+json", districtAreas);
            assertThat(fitted.statusCode()).as(fitted.body()).isEqualTo(200);
            JsonNode summary = json(fitted);
            assertThat(summary.get("read").asInt()).isEqualTo(62);
            assertThat(summary.get("accepted").asInt()).isEqualTo(62);
            assertThat(summary.get("last_log_index").asLong() - summary.get("first_log_index").asLong()).isEqualTo(61);
            assertThat(summary.get("simplified")).hasSize(5);
            for (JsonNode s : summary.get("simplified")) {
                assertThat(Math.abs(s.get("area_change").asDouble())).as(s.toString()).isLessThan(1e-5);
                assertThat(s.get("tolerance_deg").asDouble()).as(s.toString()).isLessThan(1e-4);
            }
            assertThat(server.runtime().ledger().size()).isEqualTo(before + 171);

            recorded = server.runtime().catalog().areas();
            assertThat(recorded).hasSize(171);
            for (ControlArea area : recorded) {
                Geometry original = given.get(area.id());
                assertThat(original).as(area.id()).isNotNull();
                double change = Math.abs(area.geometry().getArea() - original.getArea()) / original.getArea();
                assertThat(change).as(area.id() + " keeps its area").isLessThan(1e-5);
                assertThat(area.geometry().getEnvelopeInternal().getMinX()).as(area.id()).isCloseTo(original.getEnvelopeInternal().getMinX(),
                        org.assertj.core.data.Offset.offset(1e-3));
                if (area.geometry().getNumPoints() == original.getNumPoints()) {
                    // not simplified: the same positions, to the 8 decimals (about 1 mm) the log keeps
                    assertThat(area.geometry().equalsExact(original, 1e-8)).as(area.id()).isTrue();
                }
            }
            assertThat(recorded.stream().filter(a -> a.geometry().getNumPoints() != given.get(a.id()).getNumPoints())).hasSize(5);

            HttpResponse<String> asKml = server.get("/api/v1/areas?format=kml");
            assertThat(asKml.statusCode()).isEqualTo(200);
            assertThat(asKml.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(Kml.MEDIA_TYPE));
            kml = asKml.body().getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> negotiated = server.send(HttpRequest.newBuilder(server.uri("/api/v1/areas"))
                    .header("Accept", Kml.MEDIA_TYPE).GET().build());
            assertThat(negotiated.body()).isEqualTo(asKml.body());
            assertThat(server.get("/api/v1/areas").headers().firstValue("Content-Type")).contains("application/geo+json");
        }

        try (TestServer server = server(second)) {
            HttpResponse<String> imported = post(server, "", Kml.MEDIA_TYPE, kml);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(json(imported).get("format").textValue()).isEqualTo("kml");
            assertThat(json(imported).get("accepted").asInt()).isEqualTo(171);
            assertThat(server.runtime().catalog().areas()).as("GeoJSON → store → KML → store").isEqualTo(recorded);
            assertThat(server.get("/api/v1/areas?format=kml").body().getBytes(StandardCharsets.UTF_8)).isEqualTo(kml);
        }

        // the command line: export both formats from the second store, import them into fresh ones
        Path kmlFile = temp.resolve("areas.kml");
        Path geojsonFile = temp.resolve("areas.geojson");
        assertThat(cli(concat(List.of("export", "--format", "areas-kml", "--out", kmlFile.toString()), second))).contains("exported 171");
        assertThat(Files.readAllBytes(kmlFile)).isEqualTo(kml);
        assertThat(cli(concat(List.of("export", "--format", "areas-geojson", "--at", "2016-06-01", "--out", geojsonFile.toString()), second)))
                .contains("exported 171");
        for (String format : List.of("kml", "areas-geojson")) {
            List<String> third = TerritoryImportProblemsTest.storeArgs(store, temp.resolve("third-" + format));
            try (Runtime runtime = Runtime.open(TerritoryImportProblemsTest.options(third))) {
                runtime.catchUp();
                runtime.imports().importActors("test", Json.parse(ACTORS.getBytes(StandardCharsets.UTF_8)));
            }
            Path file = format.equals("kml") ? kmlFile : geojsonFile;
            assertThat(cli(concat(List.of("import", "--format", format, file.toString()), third))).contains("read 171, accepted 171");
            try (Runtime runtime = Runtime.open(TerritoryImportProblemsTest.options(third))) {
                runtime.catchUp();
                assertThat(runtime.catalog().areas()).as(format + " through the command line").isEqualTo(recorded);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aDocumentLargerThanOneLogCommitIsRecordedWhole(TestStores.Kind store) {
        StringBuilder features = new StringBuilder();
        for (int i = 0; i < 2_500; i++) {
            double x = 36 + (i % 50) * 0.01;
            double y = 35 + (i / 50) * 0.01;
            features.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\","
                    + " \"coordinates\": [[[%1$.2f, %2$.2f], [%3$.2f, %2$.2f], [%3$.2f, %4$.2f], [%1$.2f, %4$.2f], [%1$.2f, %2$.2f]]]},"
                    + " \"properties\": {\"id\": \"cell-%5$d\", \"actor\": \"syrian-arab-army\", \"valid_from\": \"2016-01-01\", \"source\": \"grid\"}}",
                    x, y, x + 0.01, y + 0.01, i));
        }
        byte[] doc = ("{\"type\": \"FeatureCollection\", \"features\": [" + features + "]}").getBytes(StandardCharsets.UTF_8);
        try (TestServer server = server(TerritoryImportProblemsTest.storeArgs(store, temp.resolve("grid")))) {
            long before = server.runtime().ledger().size();
            HttpResponse<String> response = post(server, "", "application/geo+json", doc);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).get("accepted").asInt()).isEqualTo(2_500);
            assertThat(json(response).get("first_log_index").asLong()).isEqualTo(before);
            assertThat(server.runtime().ledger().size()).isEqualTo(before + 2_500);
            assertThat(server.runtime().catalog().areas()).hasSize(2_500);
        }
    }

    static List<String> concat(List<String> command, List<String> storeArgs) {
        List<String> args = new ArrayList<>(command);
        // options before the file, which comes last for import
        if (command.get(0).equals("import")) {
            args.addAll(args.size() - 1, storeArgs);
        } else {
            args.addAll(storeArgs);
        }
        return args;
    }

    static String cli(List<String> args) {
        CommandLine cli = TruceCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args.toArray(String[]::new));
        assertThat(exit).as(args + ": " + out + err).isZero();
        return out.toString();
    }
}
