package org.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.truce.service.format.Json;

/** The 2016 Syria demo: it loads through the import paths, on each store, and the first page shows it. */
class DemoTest {
    @TempDir
    Path temp;

    static List<TestStores.Kind> stores() {
        return TestStores.kinds();
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theDemoScenarioLoadsAndIsServed(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), true)) {
            JsonNode actors = json(server.get("/api/v1/actors?at=2016-08-01"));
            assertThat(actors.get("items").size()).isGreaterThanOrEqualTo(20);
            JsonNode nusra = find(actors.get("items"), "jabhat-al-nusra");
            assertThat(nusra.get("name_at").textValue()).isEqualTo("Jabhat Fateh al-Sham");
            assertThat(nusra.get("designated_at").booleanValue()).isTrue();
            Set<String> languages = new HashSet<>();
            nusra.get("aliases").forEach(a -> languages.add(a.get("lang").textValue()));
            assertThat(languages).contains("en", "ar", "ru");

            JsonNode agreements = json(server.get("/api/v1/agreements")).get("items");
            JsonNode coh = find(agreements, "coh-2016-02");
            assertThat(coh.get("legal_basis").textValue()).contains("2268");
            assertThat(coh.get("effective_from").textValue()).isEqualTo("2016-02-27T00:00:00+02:00");
            assertThat(coh.get("excluded_actors").toString()).contains("isis", "jabhat-al-nusra");
            assertThat(agreements.toString()).contains("REGIME_OF_CALM", "ARRANGEMENT");

            JsonNode before = json(server.get("/api/v1/areas?at=2016-08-01T00:00:00Z"));
            JsonNode after = json(server.get("/api/v1/areas?at=2016-12-28T00:00:00Z"));
            assertThat(before.get("features").size()).isGreaterThan(0);
            assertThat(after.get("features").size()).isGreaterThan(0);
            assertThat(before.toString()).isNotEqualTo(after.toString());
            assertThat(json(server.get("/api/v1/areas?at=2016-08-01T00:00:00Z&known_at=2016-12-31T00:00:00Z")).get("features").size())
                    .as("in 2016 Truce had recorded none of these areas").isZero();
            assertThat(json(server.get("/api/v1/areas?at=2016-08-01T00:00:00Z&known_at=" + java.time.Instant.now())))
                    .isEqualTo(before);
            assertThat(server.get("/api/v1/areas?known_at=2016-12-31T00:00:00Z").statusCode()).isEqualTo(400);
            assertThat(json(server.get("/api/v1/lines")).toString()).containsIgnoringCase("euphrates");

            assertThat(server.runtime().reports().count()).isGreaterThanOrEqualTo(200);
            JsonNode page = json(server.get("/api/v1/reports?limit=5"));
            assertThat(page.get("items").get(0).get("external_id").textValue()).startsWith("ucdp-ged:");
            assertThat(page.get("items").get(0).get("source").get("name").textValue()).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theFirstPageAndEverythingItLoadsAreServedLocally(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), true)) {
            HttpResponse<String> page = server.get("/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("id=\"map\"", "Cessation of Hostilities", "approximate");
            for (String asset : List.of("/static/app.js", "/static/app.css", "/webjars/leaflet/1.9.4/dist/leaflet.js",
                    "/webjars/leaflet/1.9.4/dist/leaflet.css", "/basemap/country.geojson", "/basemap/governorates.geojson",
                    "/basemap/rivers.geojson", "/basemap/places.geojson")) {
                assertThat(server.get(asset).statusCode()).as(asset).isEqualTo(200);
            }
            assertThat(page.body()).doesNotContain("http://", "https://");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aRestartDoesNotLoadTheDemoTwice(TestStores.Kind store) {
        StoreOptions options = TestStores.options(store, temp);
        long entries;
        try (TestServer server = TestServer.start(options, true)) {
            entries = server.runtime().ledger().size();
        }
        try (TestServer server = TestServer.start(options, true)) {
            assertThat(server.runtime().ledger().size()).isEqualTo(entries);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void rebuildingTheProjectionsFromTheLogGivesTheSameState(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), true)) {
            List<String> paths = List.of("/api/v1/actors", "/api/v1/agreements", "/api/v1/areas", "/api/v1/lines", "/api/v1/zones",
                    "/api/v1/reports?limit=1000");
            List<String> before = paths.stream().map(p -> server.get(p).body()).toList();
            long replayed = server.runtime().ledger().rebuild();
            assertThat(replayed).isEqualTo(server.runtime().ledger().size());
            List<String> after = paths.stream().map(p -> server.get(p).body()).toList();
            assertThat(after).isEqualTo(before);
        }
    }

    private static JsonNode find(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.get("id").textValue().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item with id " + id);
    }
}
