package org.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.truce.service.format.Json;

/** The report API end to end, over HTTP, on each store. */
class ReportApiTest {
    static final String VALID = """
            {"occurred_from": "2016-05-06T10:00:00+03:00", "occurred_to": "2016-05-06T10:30:00+03:00",
             "location": {"lat": 36.2021, "lon": 37.1343, "precision_m": 500},
             "origin": {"lat": 36.21, "lon": 37.18, "precision_m": 1000},
             "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
             "perpetrator": "Fatah Halab", "target": "Syrian Arab Army", "fatalities": 3,
             "source": {"name": "SANA", "reliability": "C", "credibility": 3},
             "description": "Mortar shells hit al-Midan"}""";

    @TempDir
    Path temp;

    static List<TestStores.Kind> stores() {
        return TestStores.kinds();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aValidReportIsRecordedAndReadsBackWithTheSameFields(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), false)) {
            HttpResponse<String> created = server.postJson("/api/v1/reports", VALID);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode body = json(created);
            String id = body.get("id").textValue();
            assertThat(created.headers().firstValue("Location")).contains("/api/v1/reports/" + id);
            assertThat(body.get("log_index").asLong()).isEqualTo(server.runtime().ledger().size() - 1);

            JsonNode read = json(server.get("/api/v1/reports/" + id));
            JsonNode sent = Json.parse(VALID.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sent.fieldNames().forEachRemaining(field ->
                    assertThat(read.get(field)).as(field).isEqualTo(normalised(sent.get(field))));
            assertThat(read.get("log_index")).isEqualTo(body.get("log_index"));
        }
    }

    /** Numbers read back as JSON numbers of the same value (500 may come back as 500, 36.2021 as 36.2021). */
    private static JsonNode normalised(JsonNode node) {
        return Json.parse(Json.write(node).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A broken request and the status it must get. */
    record Broken(String what, int status, HttpRequest.Builder request) {
    }

    private static List<Broken> brokenRequests(TestServer server) {
        List<Broken> broken = new ArrayList<>();
        java.util.function.BiConsumer<String, String> bodyOnly = (what, body) -> broken.add(new Broken(what, 422, post(server, body)));
        bodyOnly.accept("missing occurred_from", VALID.replace("\"occurred_from\": \"2016-05-06T10:00:00+03:00\",", ""));
        bodyOnly.accept("missing location", VALID.replace("\"location\": {\"lat\": 36.2021, \"lon\": 37.1343, \"precision_m\": 500},", ""));
        bodyOnly.accept("missing source", VALID.replaceAll("\"source\": \\{[^}]*\\},", ""));
        bodyOnly.accept("missing event_type", VALID.replace("\"event_type\": \"Explosions/Remote violence\",", ""));
        bodyOnly.accept("latitude 95", VALID.replace("36.2021", "95"));
        bodyOnly.accept("longitude -200", VALID.replace("37.1343", "-200"));
        bodyOnly.accept("a date in 3016", VALID.replace("2016-05-06T10", "3016-05-06T10"));
        bodyOnly.accept("end before start", VALID.replace("10:30:00+03:00", "09:30:00+03:00"));
        bodyOnly.accept("date without offset", VALID.replace("2016-05-06T10:00:00+03:00", "2016-05-06T10:00:00"));
        bodyOnly.accept("latitude as a string", VALID.replace("36.2021", "\"36.2021\""));
        bodyOnly.accept("fatalities as a string", VALID.replace("\"fatalities\": 3", "\"fatalities\": \"three\""));
        bodyOnly.accept("fatalities negative", VALID.replace("\"fatalities\": 3", "\"fatalities\": -3"));
        bodyOnly.accept("fatalities fractional", VALID.replace("\"fatalities\": 3", "\"fatalities\": 2.5"));
        bodyOnly.accept("unknown event type", VALID.replace("Explosions/Remote violence", "Shelling"));
        bodyOnly.accept("sub-type of another type", VALID.replace("Shelling/artillery/missile attack", "Armed clash"));
        bodyOnly.accept("reliability G", VALID.replace("\"reliability\": \"C\"", "\"reliability\": \"G\""));
        bodyOnly.accept("credibility 9", VALID.replace("\"credibility\": 3", "\"credibility\": 9"));
        bodyOnly.accept("misspelt field", VALID.replace("\"description\"", "\"descripton\""));
        bodyOnly.accept("a JSON array", "[" + VALID + "]");
        bodyOnly.accept("huge number", VALID.replace("36.2021", "1e400"));
        broken.add(new Broken("invalid JSON", 400, post(server, VALID.substring(0, VALID.length() - 5))));
        broken.add(new Broken("empty body", 400, post(server, "")));
        broken.add(new Broken("duplicate key", 400, post(server, VALID.replace("{\"occurred_from\"", "{\"fatalities\": 1, \"fatalities\": 2, \"occurred_from\""))));
        broken.add(new Broken("deep nesting", 400, post(server, "[".repeat(5000) + "]".repeat(5000))));
        broken.add(new Broken("wrong content type", 415, HttpRequest.newBuilder(server.uri("/api/v1/reports"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(VALID))));
        broken.add(new Broken("no content type", 415, HttpRequest.newBuilder(server.uri("/api/v1/reports"))
                .POST(HttpRequest.BodyPublishers.ofString(VALID))));
        String tenMegabytes = VALID.replace("Mortar shells hit al-Midan", "x".repeat(10 * 1024 * 1024));
        broken.add(new Broken("a 10 MB body", 413, post(server, tenMegabytes)));
        broken.add(new Broken("a bad Idempotency-Key", 400, post(server, VALID).header("Idempotency-Key", "has spaces in it")));
        return broken;
    }

    private static HttpRequest.Builder post(TestServer server, String body) {
        return HttpRequest.newBuilder(server.uri("/api/v1/reports")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void brokenReportsGetProblemDetailsAndChangeNothing(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), false)) {
            assertThat(server.postJson("/api/v1/reports", VALID).statusCode()).isEqualTo(201);
            long reports = server.runtime().reports().count();
            long entries = server.runtime().ledger().size();
            List<Broken> broken = brokenRequests(server);
            assertThat(broken).hasSizeGreaterThanOrEqualTo(20);
            for (Broken b : broken) {
                HttpResponse<String> response = server.send(b.request().build());
                assertThat(response.statusCode()).as(b.what() + ": " + response.body()).isEqualTo(b.status());
                assertThat(response.headers().firstValue("Content-Type")).as(b.what()).contains("application/problem+json");
                JsonNode problem = json(response);
                assertThat(problem.get("status").asInt()).isEqualTo(b.status());
                assertThat(problem.get("errors").isArray()).isTrue();
                assertThat(problem.get("errors").size()).as(b.what() + " names the field at fault").isGreaterThan(0);
                assertThat(problem.get("errors").get(0).get("field").textValue()).isNotBlank();
            }
            assertThat(server.runtime().reports().count()).isEqualTo(reports);
            assertThat(server.runtime().ledger().size()).isEqualTo(entries);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theSameIdempotencyKeyAndBodyCreateOneReport(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), false)) {
            HttpResponse<String> first = server.postJson("/api/v1/reports", VALID, "Idempotency-Key", "field-note-2016-05-06-a");
            HttpResponse<String> again = server.postJson("/api/v1/reports", VALID.replace("\n", " "), "Idempotency-Key", "field-note-2016-05-06-a");
            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(again.statusCode()).isEqualTo(201);
            assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(json(again).get("id")).isEqualTo(json(first).get("id"));
            assertThat(server.runtime().reports().count()).isEqualTo(1);
            assertThat(server.runtime().ledger().size()).isEqualTo(1);

            HttpResponse<String> conflict = server.postJson("/api/v1/reports", VALID.replace("\"fatalities\": 3", "\"fatalities\": 4"),
                    "Idempotency-Key", "field-note-2016-05-06-a");
            assertThat(conflict.statusCode()).isEqualTo(422);
            assertThat(json(conflict).get("errors").get(0).get("field").textValue()).isEqualTo("Idempotency-Key");
            assertThat(server.postJson("/api/v1/reports", VALID, "Idempotency-Key", "another-key").statusCode()).isEqualTo(201);
            assertThat(server.runtime().reports().count()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anExternalIdIsRecordedOnce(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), false)) {
            String body = VALID.replace("\"description\"", "\"external_id\": \"ucdp-ged:999\", \"description\"");
            assertThat(server.postJson("/api/v1/reports", body).statusCode()).isEqualTo(201);
            HttpResponse<String> again = server.postJson("/api/v1/reports", body);
            assertThat(again.statusCode()).isEqualTo(422);
            assertThat(json(again).get("errors").get(0).get("field").textValue()).isEqualTo("external_id");
            assertThat(server.runtime().reports().count()).isEqualTo(1);
            assertThat(server.runtime().ledger().size()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anIdempotentReportSurvivesARestartAndStillDeduplicates(TestStores.Kind store) {
        StoreOptions options = TestStores.options(store, temp);
        String id;
        try (TestServer server = TestServer.start(options, false)) {
            id = json(server.postJson("/api/v1/reports", VALID, "Idempotency-Key", "k-1")).get("id").textValue();
        }
        try (TestServer server = TestServer.start(options, false)) {
            HttpResponse<String> again = server.postJson("/api/v1/reports", VALID, "Idempotency-Key", "k-1");
            assertThat(json(again).get("id").textValue()).isEqualTo(id);
            assertThat(server.get("/api/v1/reports/" + id).statusCode()).isEqualTo(200);
            assertThat(server.runtime().reports().count()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void listingFiltersByTimeAndBoxAndPages(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), false)) {
            for (int day = 1; day <= 5; day++) {
                String body = VALID.replace("2016-05-06", "2016-05-0" + day).replace("37.1343", String.valueOf(37.0 + day / 10.0));
                assertThat(server.postJson("/api/v1/reports", body).statusCode()).isEqualTo(201);
            }
            JsonNode all = json(server.get("/api/v1/reports"));
            assertThat(all.get("items").size()).isEqualTo(5);
            assertThat(all.get("next_cursor").isNull()).isTrue();
            JsonNode window = json(server.get("/api/v1/reports?from=2016-05-02T00:00:00Z&to=2016-05-04T00:00:00Z"));
            assertThat(window.get("items").size()).isEqualTo(2);
            JsonNode box = json(server.get("/api/v1/reports?bbox=37.25,36,37.45,36.5"));
            assertThat(box.get("items").size()).isEqualTo(2);
            String thirdRecordedAt = all.get("items").get(2).get("recorded_at").textValue();
            JsonNode known = json(server.get("/api/v1/reports?known_at=" + thirdRecordedAt));
            assertThat(known.get("items").size()).as("what was known when the third report was recorded").isEqualTo(3);
            assertThat(json(server.get("/api/v1/reports?known_at=2016-01-01T00:00:00Z")).get("items").size()).isZero();
            JsonNode page1 = json(server.get("/api/v1/reports?limit=2"));
            assertThat(page1.get("items").size()).isEqualTo(2);
            JsonNode page2 = json(server.get("/api/v1/reports?limit=2&cursor=" + page1.get("next_cursor").textValue()));
            assertThat(page2.get("items").get(0).get("log_index").asLong()).isGreaterThan(page1.get("items").get(1).get("log_index").asLong());
            for (String bad : List.of("?from=yesterday", "?known_at=soon", "?bbox=1,2,3", "?bbox=200,0,201,1", "?limit=0", "?limit=5000", "?cursor=abc",
                    "?from=2016-05-04T00:00:00Z&to=2016-05-02T00:00:00Z")) {
                HttpResponse<String> response = server.get("/api/v1/reports" + bad);
                assertThat(response.statusCode()).as(bad).isEqualTo(400);
                assertThat(json(response).get("errors").size()).as(bad).isGreaterThan(0);
            }
            assertThat(server.get("/api/v1/reports/not-a-uuid").statusCode()).isEqualTo(400);
            assertThat(server.get("/api/v1/reports/3f1c2d4e-0000-4000-8000-000000000000").statusCode()).isEqualTo(404);
        }
    }
}
