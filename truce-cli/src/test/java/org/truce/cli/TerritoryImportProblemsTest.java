package org.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.truce.cli.command.TruceCommand;
import org.truce.service.format.Json;
import org.truce.service.format.Kml;
import picocli.CommandLine;

/**
 * Broken GeoJSON and KML documents of areas of control, each sent to {@code POST
 * /api/v1/territory/imports} and given to {@code truce import}, on each store: every one gets a 4xx
 * problem (a failed import) naming the feature and field at fault, and leaves the log as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerritoryImportProblemsTest {
    static final String SQUARE = "{\"type\": \"Polygon\", \"coordinates\": [[[37.10, 36.18], [37.12, 36.18], [37.12, 36.20], [37.10, 36.20], [37.10, 36.18]]]}";
    static final String PROPS = "\"id\": \"ID\", \"actor\": \"fatah-halab\", \"valid_from\": \"2016-02-27\", \"valid_to\": \"2016-11-26\","
            + " \"source\": \"test\", \"confidence\": \"medium\", \"approximate\": true";
    static final String KML_SQUARE = "37.10,36.18 37.12,36.18 37.12,36.20 37.10,36.20 37.10,36.18";
    /** A 50 MB document: larger than the 32 MiB a territory document may hold. */
    static final long FIFTY_MB = 50_000_000;

    /** Static: the fixtures outlive each test, and an instance field's folder is emptied after every one. */
    @TempDir
    static Path temp;

    private final Map<String, Fixture> fixtures = new HashMap<>();

    /** A document, the status the API must answer, and the field and words its problem must have. */
    record Case(String name, String format, byte[] body, long padTo, int status, String field, String message, boolean apiOnly) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case geojson(String name, String doc, int status, String field, String message) {
        return new Case(name, "geojson", doc.getBytes(StandardCharsets.UTF_8), 0, status, field, message, false);
    }

    static Case kml(String name, String doc, int status, String field, String message) {
        return new Case(name, "kml", doc.getBytes(StandardCharsets.UTF_8), 0, status, field, message, false);
    }

    static String collection(String... features) {
        return "{\"type\": \"FeatureCollection\", \"time_zone\": \"Asia/Damascus\", \"features\": [" + String.join(", ", features) + "]}";
    }

    static String feature(String id, String geometry) {
        return featureWith(geometry, PROPS.replace("ID", id));
    }

    static String featureWith(String geometry, String properties) {
        return "{\"type\": \"Feature\", \"geometry\": " + geometry + ", \"properties\": {" + properties + "}}";
    }

    static String polygon(String rings) {
        return "{\"type\": \"Polygon\", \"coordinates\": " + rings + "}";
    }

    static String kmlDoc(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"" + Kml.NAMESPACE + "\"><Document>" + body + "</Document></kml>";
    }

    static String data(String name, String value) {
        return "<Data name=\"" + name + "\"><value>" + value + "</value></Data>";
    }

    static String placemark(String extendedData, String geometry) {
        return "<Placemark>" + extendedData + geometry + "</Placemark>";
    }

    static String kmlData(String id) {
        return "<ExtendedData>" + data("id", id) + data("actor", "fatah-halab") + data("valid_from", "2016-02-27")
                + data("valid_to", "2016-11-26") + data("source", "test") + "</ExtendedData>";
    }

    static String kmlPolygon(String coordinates) {
        return "<Polygon><outerBoundaryIs><LinearRing><coordinates>" + coordinates + "</coordinates></LinearRing></outerBoundaryIs></Polygon>";
    }

    /** A ring of {@code n} positions round Aleppo: a valid polygon too large for one log entry when n is in the thousands. */
    static String circle(int n) {
        StringBuilder ring = new StringBuilder("[[");
        for (int i = 0; i <= n; i++) {
            double angle = 2 * Math.PI * (i % n) / n;
            ring.append(i == 0 ? "" : ", ").append('[').append(37.15 + 0.1 * Math.cos(angle)).append(", ").append(36.2 + 0.1 * Math.sin(angle)).append(']');
        }
        return polygon(ring.append("]]").toString());
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        String ok = feature("ok-1", SQUARE);
        c.add(geojson("GeoJSON: ring not closed", collection(feature("a", polygon("[[[37.10, 36.18], [37.12, 36.18], [37.12, 36.20], [37.10, 36.20]]]"))),
                422, "features[0].geometry.coordinates[0]", "not closed"));
        c.add(geojson("GeoJSON: ring of three positions", collection(feature("a", polygon("[[[37.10, 36.18], [37.12, 36.18], [37.10, 36.18]]]"))),
                422, "features[0].geometry.coordinates[0]", "at least 4 positions"));
        c.add(geojson("GeoJSON: self-intersecting ring (bow tie)", collection(feature("a",
                polygon("[[[37.10, 36.18], [37.12, 36.20], [37.12, 36.18], [37.10, 36.20], [37.10, 36.18]]]"))),
                422, "features[0].geometry", "Self-intersection"));
        c.add(geojson("GeoJSON: hole outside its shell", collection(feature("a", polygon("[[[37.10, 36.18], [37.12, 36.18], [37.12, 36.20], [37.10, 36.20], [37.10, 36.18]],"
                + " [[37.20, 36.30], [37.21, 36.30], [37.21, 36.31], [37.20, 36.30]]]"))), 422, "features[0].geometry", "outside shell"));
        c.add(geojson("GeoJSON: latitude and longitude swapped beyond range", collection(feature("a",
                polygon("[[[16.80, 96.15], [16.82, 96.15], [16.82, 96.17], [16.80, 96.17], [16.80, 96.15]]]"))),
                422, "features[0].geometry.coordinates[0][0]", "swapped"));
        c.add(geojson("GeoJSON: longitude beyond 180", collection(feature("a", polygon("[[[200, 36.18], [201, 36.18], [201, 36.20], [200, 36.18]]]"))),
                422, "features[0].geometry.coordinates[0][0]", "outside longitude"));
        c.add(geojson("GeoJSON: NaN (not JSON)", collection(feature("a", polygon("[[[NaN, 36.18], [37.12, 36.18], [37.12, 36.20], [37.10, 36.18]]]"))),
                400, "(body)", "not valid JSON"));
        c.add(geojson("GeoJSON: NaN as a string", collection(feature("a", polygon("[[[\"NaN\", 36.18], [37.12, 36.18], [37.12, 36.20], [37.10, 36.18]]]"))),
                422, "features[0].geometry.coordinates[0][0][0]", "must be a number"));
        c.add(geojson("GeoJSON: infinite coordinate (1e999)", collection(feature("a", polygon("[[[1e999, 36.18], [37.12, 36.18], [37.12, 36.20], [37.10, 36.18]]]"))),
                422, "features[0].geometry.coordinates[0][0][0]", "finite"));
        c.add(geojson("GeoJSON: crosses the antimeridian uncut", collection(feature("a",
                polygon("[[[179.5, 10], [-179.5, 10], [-179.5, 11], [179.5, 11], [179.5, 10]]]"))), 422, "features[0].geometry", "antimeridian"));
        c.add(geojson("GeoJSON: a position of one number", collection(feature("a", polygon("[[[37.10, 36.18], [37.12, 36.18], [37.12], [37.10, 36.20], [37.10, 36.18]]]"))),
                422, "features[0].geometry.coordinates[0][2]", "must be a position"));
        c.add(geojson("GeoJSON: a LineString as an area", collection(feature("a", "{\"type\": \"LineString\", \"coordinates\": [[37.1, 36.1], [37.2, 36.2]]}")),
                422, "features[0].geometry.type", "Polygon or MultiPolygon"));
        c.add(geojson("GeoJSON: no geometry", collection("{\"type\": \"Feature\", \"properties\": {" + PROPS.replace("ID", "a") + "}}"),
                422, "features[0].geometry", "is required"));
        c.add(geojson("GeoJSON: no properties", collection("{\"type\": \"Feature\", \"geometry\": " + SQUARE + "}"),
                422, "features[0].properties", "is required"));
        c.add(geojson("GeoJSON: no actor", collection(featureWith(SQUARE, PROPS.replace("ID", "a").replace("\"actor\": \"fatah-halab\", ", ""))),
                422, "features[0].properties.actor", "is required"));
        c.add(geojson("GeoJSON: no valid_from", collection(featureWith(SQUARE, PROPS.replace("ID", "a").replace("\"valid_from\": \"2016-02-27\", ", ""))),
                422, "features[0].properties.valid_from", "is required"));
        c.add(geojson("GeoJSON: no source", collection(featureWith(SQUARE, PROPS.replace("ID", "a").replace("\"source\": \"test\", ", ""))),
                422, "features[0].properties.source", "is required"));
        c.add(geojson("GeoJSON: valid_to before valid_from", collection(featureWith(SQUARE, PROPS.replace("ID", "a").replace("2016-11-26", "2016-01-01"))),
                422, "features[0].properties.valid_to", "after valid_from"));
        c.add(geojson("GeoJSON: a date that does not exist", collection(featureWith(SQUARE, PROPS.replace("ID", "a").replace("2016-02-27", "2016-02-30"))),
                422, "features[0].properties.valid_from", "must be a date"));
        c.add(geojson("GeoJSON: unknown actor", collection(featureWith(SQUARE, PROPS.replace("ID", "a").replace("fatah-halab", "no-such-group"))),
                422, "features[0].properties.actor", "unknown actor"));
        c.add(geojson("GeoJSON: an id twice in the document", collection(ok, feature("ok-1", SQUARE)), 422, "features[1].properties.id", "appears twice"));
        c.add(geojson("GeoJSON: an id already recorded", collection(feature("existing-area", SQUARE)), 422, "features[0].properties.id", "already exists"));
        c.add(geojson("GeoJSON: unknown confidence", collection(featureWith(SQUARE, PROPS.replace("ID", "a").replace("\"medium\"", "\"very\""))),
                422, "features[0].properties.confidence", "must be one of"));
        c.add(geojson("GeoJSON: approximate as a string", collection(featureWith(SQUARE, PROPS.replace("ID", "a").replace("true", "\"yes\""))),
                422, "features[0].properties.approximate", "true or false"));
        c.add(geojson("GeoJSON: the second feature broken, the first fine", collection(ok, feature("b",
                polygon("[[[37.10, 36.18], [37.12, 95.18], [37.12, 36.20], [37.10, 36.20], [37.10, 36.18]]]"))),
                422, "features[1].geometry.coordinates[0][1]", "latitude"));
        c.add(geojson("GeoJSON: empty collection", collection(), 422, "features", "is empty"));
        c.add(geojson("GeoJSON: a Feature, not a FeatureCollection", "{\"type\": \"Feature\", \"features\": []}", 422, "type", "FeatureCollection"));
        c.add(geojson("GeoJSON: features not an array", "{\"type\": \"FeatureCollection\", \"features\": {}}", 422, "features", "must be an array"));
        c.add(geojson("GeoJSON: an unknown time zone", "{\"type\": \"FeatureCollection\", \"time_zone\": \"Mars/Olympus\", \"features\": [" + ok + "]}",
                422, "time_zone", "IANA"));
        String truncated = collection(ok);
        c.add(geojson("GeoJSON: truncated JSON", truncated.substring(0, truncated.length() / 2), 400, "(body)", "not valid JSON"));
        c.add(geojson("GeoJSON: a geometry too large for one log entry", collection(feature("big", circle(4000))), 422, "features[0].geometry", "65,535"));
        c.add(new Case("GeoJSON: a 50 MB document", "geojson", collection(ok).getBytes(StandardCharsets.UTF_8), FIFTY_MB, 413, "(body)", "at most", false));
        c.add(new Case("GeoJSON: a body sent as text/plain", "text/plain", collection(ok).getBytes(StandardCharsets.UTF_8), 0, 415, "Content-Type",
                "application/geo+json", true));

        String okPlacemark = placemark(kmlData("k-ok"), kmlPolygon(KML_SQUARE));
        c.add(kml("KML: billion laughs (entity expansion)", "<?xml version=\"1.0\"?>\n<!DOCTYPE kml [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\n<kml xmlns=\"" + Kml.NAMESPACE + "\"><Document>"
                + placemark("<ExtendedData>" + data("id", "&lol3;") + "</ExtendedData>", kmlPolygon(KML_SQUARE)) + "</Document></kml>",
                400, "(body)", "DTD"));
        c.add(kml("KML: external entity (XXE)", "<?xml version=\"1.0\"?>\n<!DOCTYPE kml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<kml xmlns=\""
                + Kml.NAMESPACE + "\"><Document>" + placemark("<ExtendedData>" + data("note", "&xxe;") + "</ExtendedData>", kmlPolygon(KML_SQUARE))
                + "</Document></kml>", 400, "(body)", "DTD"));
        c.add(kml("KML: an external DTD", "<?xml version=\"1.0\"?>\n<!DOCTYPE kml SYSTEM \"http://127.0.0.1:9/kml.dtd\">\n<kml xmlns=\"" + Kml.NAMESPACE
                + "\"><Document>" + okPlacemark + "</Document></kml>", 400, "(body)", "DTD"));
        c.add(kml("KML: wrong root element", "<?xml version=\"1.0\"?>\n<gpx xmlns=\"http://www.topografix.com/GPX/1/1\"><trk/></gpx>",
                422, "(root)", "must be a KML document"));
        String whole = kmlDoc(okPlacemark);
        c.add(kml("KML: truncated XML", whole.substring(0, whole.length() - 40), 400, "(body)", "XML"));
        c.add(kml("KML: not XML at all", "this is not a KML document", 400, "(body)", "XML"));
        c.add(kml("KML: a Point as an area", kmlDoc(placemark(kmlData("k"), "<Point><coordinates>37.1,36.2</coordinates></Point>")),
                422, "features[0].geometry.type", "Polygon or MultiGeometry"));
        c.add(kml("KML: coordinates that are not numbers", kmlDoc(placemark(kmlData("k"), kmlPolygon(KML_SQUARE.replace("37.12,36.18", "east,north")))),
                422, "features[0].geometry.Polygon[0].outerBoundaryIs.coordinates[1]", "decimal numbers"));
        c.add(kml("KML: NaN in coordinates", kmlDoc(placemark(kmlData("k"), kmlPolygon(KML_SQUARE.replace("37.12,36.18", "NaN,36.18")))),
                422, "features[0].geometry.Polygon[0].outerBoundaryIs.coordinates[1]", "finite"));
        c.add(kml("KML: latitude and longitude swapped beyond range", kmlDoc(placemark(kmlData("k"),
                kmlPolygon("16.80,96.15 16.82,96.15 16.82,96.17 16.80,96.17 16.80,96.15"))),
                422, "features[0].geometry.Polygon[0].outerBoundaryIs.coordinates[0]", "swapped"));
        c.add(kml("KML: ring not closed", kmlDoc(placemark(kmlData("k"), kmlPolygon("37.10,36.18 37.12,36.18 37.12,36.20 37.10,36.20"))),
                422, "features[0].geometry.Polygon[0].outerBoundaryIs.coordinates", "not closed"));
        c.add(kml("KML: self-intersecting ring", kmlDoc(placemark(kmlData("k"), kmlPolygon("37.10,36.18 37.12,36.20 37.12,36.18 37.10,36.20 37.10,36.18"))),
                422, "features[0].geometry", "Self-intersection"));
        c.add(kml("KML: no actor", kmlDoc(placemark(kmlData("k").replace(data("actor", "fatah-halab"), ""), kmlPolygon(KML_SQUARE))),
                422, "features[0].properties.actor", "is required"));
        c.add(kml("KML: unknown actor", kmlDoc(placemark(kmlData("k").replace("fatah-halab", "no-such-group"), kmlPolygon(KML_SQUARE))),
                422, "features[0].properties.actor", "unknown actor"));
        c.add(kml("KML: TimeSpan ending before it begins", kmlDoc(placemark("<TimeSpan><begin>2016-08-01</begin><end>2016-07-01</end></TimeSpan>"
                + kmlData("k").replace(data("valid_from", "2016-02-27"), "").replace(data("valid_to", "2016-11-26"), ""), kmlPolygon(KML_SQUARE))),
                422, "features[0].properties.valid_to", "after valid_from"));
        c.add(kml("KML: TimeSpan and ExtendedData disagree", kmlDoc(placemark("<TimeSpan><begin>2016-03-01</begin></TimeSpan>" + kmlData("k"),
                kmlPolygon(KML_SQUARE))), 422, "features[0].properties.valid_from", "must agree"));
        c.add(kml("KML: a date that does not exist", kmlDoc(placemark(kmlData("k").replace("2016-02-27", "2016-02-30"), kmlPolygon(KML_SQUARE))),
                422, "features[0].properties.valid_from", "must be a date"));
        c.add(kml("KML: nested 100 levels deep", kmlDoc("<Folder>".repeat(100) + okPlacemark + "</Folder>".repeat(100)), 400, "(body)", "deeper than 64"));
        c.add(kml("KML: no Placemark", kmlDoc("<name>empty</name>"), 422, "features", "holds no Placemark"));
        c.add(kml("KML: a NetworkLink instead of Placemarks", kmlDoc("<NetworkLink><Link><href>http://127.0.0.1:9/areas.kml</href></Link></NetworkLink>"),
                422, "features", "NetworkLink"));
        c.add(kml("KML: an id twice in the document", kmlDoc(okPlacemark + okPlacemark), 422, "features[1].properties.id", "appears twice"));
        c.add(new Case("KML: a 50 MB document", "kml", whole.getBytes(StandardCharsets.UTF_8), FIFTY_MB, 413, "(body)", "at most", false));
        return c;
    }

    @Test
    void thereAreAtLeastThirtyKindsOfBrokenDocument() {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(cases().stream().map(Case::name).distinct().count()).isEqualTo(cases().size());
    }

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        for (TestStores.Kind store : TestStores.kinds()) {
            for (String channel : List.of("api", "cli")) {
                for (Case c : cases()) {
                    if (!(c.apiOnly() && channel.equals("cli"))) {
                        rows.add(Arguments.of(store, channel, c));
                    }
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("table")
    void aBrokenDocumentIsRefusedNamingTheFieldAndChangesNothing(TestStores.Kind store, String channel, Case c) throws IOException {
        Fixture fixture = fixtures.computeIfAbsent(store.name() + "/" + channel, key -> new Fixture(store, channel, temp.resolve(key.replace('/', '-'))));
        Path file = fixture.write(c);
        long before = fixture.logSize();
        if (channel.equals("api")) {
            HttpResponse<String> response = fixture.post(c, file);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            JsonNode errors = Json.parse(response.body().getBytes(StandardCharsets.UTF_8)).get("errors");
            List<String> named = new ArrayList<>();
            boolean found = false;
            for (JsonNode e : errors) {
                named.add(e.get("field").textValue() + ": " + e.get("message").textValue());
                found |= e.get("field").textValue().equals(c.field())
                        && e.get("message").textValue().toLowerCase(Locale.ROOT).contains(c.message().toLowerCase(Locale.ROOT));
            }
            assertThat(found).as("a problem at " + c.field() + " saying '" + c.message() + "' among " + named).isTrue();
        } else {
            String err = fixture.runImport(c, file);
            assertThat(err).contains(": " + c.field() + ": ").containsIgnoringCase(c.message()).contains("nothing was imported");
        }
        assertThat(fixture.logSize()).as("the log after a refused document").isEqualTo(before);
        Files.delete(file);
    }

    /** The command-line options of a new store of {@code kind} in {@code dir} (and a new schema on PostgreSQL). */
    static List<String> storeArgs(TestStores.Kind kind, Path dir) {
        List<String> args = new ArrayList<>(List.of("--data", dir.resolve("data").toString()));
        if (kind.name().equals("postgresql")) {
            args.addAll(List.of("--db", TestStores.freshSchemaUrl(), "--db-user", TestStores.env("TRUCE_PG_USER", "truce"),
                    "--db-password", TestStores.env("TRUCE_PG_PASSWORD", "truce")));
        }
        return args;
    }

    static StoreOptions options(List<String> storeArgs) {
        StoreOptions options = new StoreOptions();
        new CommandLine(new TestStores.Holder(options)).parseArgs(storeArgs.toArray(String[]::new));
        return options;
    }

    @AfterAll
    void closeFixtures() {
        fixtures.values().forEach(Fixture::close);
    }

    /**
     * A store with two actors and one area, and the way to reach it: a server for the API, the
     * command line (which opens the store itself each time) for the CLI.
     */
    final class Fixture {
        final String channel;
        final Path dir;
        final List<String> storeArgs = new ArrayList<>();
        final TestServer server;

        Fixture(TestStores.Kind store, String channel, Path dir) {
            this.channel = channel;
            this.dir = dir;
            storeArgs.addAll(storeArgs(store, dir));
            try (Runtime runtime = Runtime.open(options())) {
                runtime.catchUp();
                runtime.imports().importActors("test", Json.parse(("""
                        {"format": "truce-actors/1", "actors": [
                          {"id": "fatah-halab", "name": "Fatah Halab", "kind": "COALITION", "acled_inter": 2},
                          {"id": "syrian-arab-army", "name": "Syrian Arab Army", "kind": "STATE_FORCE", "acled_inter": 1}]}""")
                        .getBytes(StandardCharsets.UTF_8)));
                runtime.imports().importAreas("test", Json.parse(collection(feature("existing-area", SQUARE)).getBytes(StandardCharsets.UTF_8)));
            }
            server = channel.equals("api") ? TestServer.start(options(), false) : null;
        }

        StoreOptions options() {
            return TerritoryImportProblemsTest.options(storeArgs);
        }

        Path write(Case c) throws IOException {
            Files.createDirectories(dir);
            Path file = dir.resolve("case." + (c.format().equals("kml") ? "kml" : "geojson"));
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(c.body());
                byte[] spaces = new byte[1 << 20];
                java.util.Arrays.fill(spaces, (byte) ' ');
                for (long size = c.body().length; size < c.padTo(); size += spaces.length) {
                    out.write(spaces, 0, (int) Math.min(spaces.length, c.padTo() - size));
                }
            }
            return file;
        }

        long logSize() {
            if (server != null) {
                return server.runtime().ledger().size();
            }
            try (Runtime runtime = Runtime.open(options())) {
                return runtime.ledger().size();
            }
        }

        HttpResponse<String> post(Case c, Path file) {
            String type = switch (c.format()) {
                case "geojson" -> "application/geo+json";
                case "kml" -> Kml.MEDIA_TYPE;
                default -> c.format();
            };
            try {
                // Expect: 100-continue lets the server refuse an oversized body before it is sent
                return server.send(HttpRequest.newBuilder(server.uri("/api/v1/territory/imports")).header("Content-Type", type)
                        .expectContinue(c.padTo() > 0).POST(HttpRequest.BodyPublishers.ofFile(file)).build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String runImport(Case c, Path file) {
            List<String> args = new ArrayList<>(List.of("import", "--format", c.format().equals("kml") ? "kml" : "areas-geojson"));
            args.addAll(storeArgs);
            args.add(file.toString());
            CommandLine cli = TruceCommand.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            int exit = cli.execute(args.toArray(String[]::new));
            assertThat(exit).as(out + "\n" + err).isEqualTo(1);
            return err.toString();
        }

        void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
