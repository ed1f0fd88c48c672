package org.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.truce.service.format.Json;

/**
 * {@code GET /api/v1/territory/control} over HTTP with the 2016 demo loaded, on each store: the places
 * whose control changed in 2016 answer the right actor on either side of the change, East Aleppo is
 * a mixed area while the cessation excluded Jabhat al-Nusra, and bad parameters are 400 problems
 * naming them.
 *
 * <p>Points: OCHA neighbourhood label points for Aleppo (Jouret Awwad N0168, lost on 7 Dec; As-Sukkari
 * N0219, in the last pocket evacuated by 22 Dec), GeoNames town points for Jarablus, Manbij and Tadmur
 * (Palmyra). Dates are taken a few days clear of each change, whose instants the demo gives as local
 * dates in Asia/Damascus.
 */
class TerritoryControlApiTest {
    private static final String JOURET_AWWAD = "lat=36.2047601969&lon=37.18879933705";
    private static final String AS_SUKKARI = "lat=36.17548466135&lon=37.14202934198";
    private static final String JARABLUS = "lat=36.8175&lon=38.0114";
    private static final String MANBIJ = "lat=36.5281&lon=37.9549";
    private static final String PALMYRA = "lat=34.5601&lon=38.2674";

    @TempDir
    Path temp;

    static List<TestStores.Kind> stores() {
        return TestStores.kinds();
    }

    private static JsonNode control(TestServer server, String query) {
        HttpResponse<String> response = server.get("/api/v1/territory/control?" + query);
        assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> actors(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("controllers").forEach(c -> ids.add(c.get("actor").get("id").textValue()));
        return ids;
    }

    private static void assertSingle(TestServer server, String place, String at, String actor, String area) {
        JsonNode answer = control(server, place + "&at=" + at);
        assertThat(answer.get("status").textValue()).as(place + " at " + at).isEqualTo("single");
        assertThat(actors(answer)).as(place + " at " + at).containsExactly(actor);
        assertThat(answer.get("controllers").get(0).get("area_id").textValue()).isEqualTo(area);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theDemoPlacesAnswerTheirControllersOnEitherSideOfTheir2016Changes(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), true)) {
            // East Aleppo: a mixed area (Fatah Halab, covered; Jabhat Fateh al-Sham, excluded) until its fall
            JsonNode before = control(server, JOURET_AWWAD + "&at=2016-11-15T12:00:00Z");
            assertThat(before.get("status").textValue()).isEqualTo("mixed");
            assertThat(actors(before)).containsExactly("fatah-halab", "jabhat-al-nusra");
            JsonNode nusra = before.get("controllers").get(1);
            assertThat(nusra.get("actor").get("name").textValue()).as("named as it was called then").isEqualTo("Jabhat Fateh al-Sham");
            assertThat(nusra.get("excluded").booleanValue()).isTrue();
            assertThat(before.get("controllers").get(0).get("excluded").booleanValue()).isFalse();
            assertThat(nusra.get("area_id").textValue()).isEqualTo("aleppo-east-jfs-2016-09-29");
            assertThat(nusra.get("valid_from").textValue()).isEqualTo("2016-09-28T21:00:00Z");
            assertThat(nusra.get("valid_to").textValue()).isEqualTo("2016-11-27T22:00:00Z");
            assertThat(nusra.get("source").textValue()).isNotBlank();
            assertThat(before.get("agreements_in_force").toString()).contains("coh-2016-02");
            assertSingle(server, JOURET_AWWAD, "2016-12-10T12:00:00Z", "syrian-arab-army", "aleppo-west-2016-12-07");

            assertThat(control(server, AS_SUKKARI + "&at=2016-12-16T12:00:00Z").get("status").textValue())
                    .as("the last pocket, during the evacuation").isEqualTo("mixed");
            assertSingle(server, AS_SUKKARI, "2016-12-28T12:00:00Z", "syrian-arab-army", "aleppo-west-2016-12-22");
            JsonNode january = control(server, AS_SUKKARI + "&at=2016-01-15T12:00:00Z");
            assertThat(january.get("status").textValue()).as("before the cessation nobody was excluded").isEqualTo("contested");
            assertThat(january.get("agreements_in_force").size()).isZero();

            assertSingle(server, JARABLUS, "2016-08-01T12:00:00Z", "isis", "jarablus-isis-2016");
            assertSingle(server, JARABLUS, "2016-09-15T12:00:00Z", "euphrates-shield", "jarablus-euphrates-shield-2016");
            assertSingle(server, MANBIJ, "2016-08-01T12:00:00Z", "isis", "manbij-isis-2016");
            assertSingle(server, MANBIJ, "2016-09-01T12:00:00Z", "manbij-military-council", "manbij-mmc-2016");
            assertSingle(server, PALMYRA, "2016-03-01T12:00:00Z", "isis", "palmyra-isis-2016-01");
            assertSingle(server, PALMYRA, "2016-06-01T12:00:00Z", "syrian-arab-army", "palmyra-government-2016");
            assertSingle(server, PALMYRA, "2016-12-20T12:00:00Z", "isis", "palmyra-isis-2016-12");
            assertThat(control(server, PALMYRA + "&at=2015-06-01").get("status").textValue())
                    .as("nothing recorded before 2016").isEqualTo("none");

            // a report's precision: 10 km around Jouret Awwad after its fall reach the pocket still held
            JsonNode wide = control(server, JOURET_AWWAD + "&at=2016-12-10T12:00:00Z&radius_m=10000");
            assertThat(wide.get("status").textValue()).isEqualTo("mixed");
            assertThat(actors(wide)).contains("syrian-arab-army", "fatah-halab", "jabhat-al-nusra");
            assertThat(wide.get("radius_m").doubleValue()).isEqualTo(10000);
            assertThat(control(server, JOURET_AWWAD + "&at=2016-12-10T12:00:00Z&radius_m=0").get("status").textValue()).isEqualTo("single");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theAnswerFollowsNewlyRecordedAreasAndAgreements(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), true)) {
            // al-Bab, held by ISIS all year in the demo; a new area for Euphrates Shield from 23 Feb 2017
            String alBab = "lat=36.3704&lon=37.5167";
            assertSingle(server, alBab, "2017-03-01T12:00:00Z", "isis", "al-bab-isis-2016");
            server.runtime().imports().importAreas("test", Json.parse("""
                    {"type": "FeatureCollection", "time_zone": "Asia/Damascus", "features": [{"type": "Feature",
                      "properties": {"id": "al-bab-euphrates-shield-2017", "actor": "euphrates-shield", "valid_from": "2017-02-23",
                                     "valid_to": null, "source": "test", "confidence": "low", "approximate": true},
                      "geometry": {"type": "Polygon", "coordinates": [[[37.45, 36.30], [37.60, 36.30], [37.60, 36.45], [37.45, 36.45], [37.45, 36.30]]]}}]}
                    """.getBytes(StandardCharsets.UTF_8)));
            JsonNode contested = control(server, alBab + "&at=2017-03-01T12:00:00Z");
            assertThat(actors(contested)).as("the index was rebuilt with the new area").containsExactly("euphrates-shield", "isis");
            assertThat(contested.get("status").textValue()).as("the 30 Dec 2016 ceasefire excludes ISIS").isEqualTo("mixed");

            // an agreement that also excludes Euphrates Shield from 1 Mar 2017 turns mixed into contested (both excluded)
            server.runtime().imports().importAgreements("test", Json.parse("""
                    {"format": "truce-agreements/1", "agreements": [{"id": "test-2017-03", "title": "test", "kind": "COH",
                      "legal_basis": null, "parent": null, "guarantors": ["russia"], "time_zone": "Asia/Damascus",
                      "announced": "2017-03-01", "effective_from": "2017-03-01T00:00", "effective_until": null,
                      "adherence_deadline": null, "scope": {"zone": "syria"}, "excluded_actors": ["euphrates-shield"],
                      "excluded_designations": [], "obligations": [], "adherents": [], "lifecycle": [], "sources": []}]}
                    """.getBytes(StandardCharsets.UTF_8)));
            JsonNode later = control(server, alBab + "&at=2017-03-01T12:00:00Z");
            assertThat(later.get("status").textValue()).isEqualTo("contested");
            assertThat(later.get("agreements_in_force").toString()).contains("test-2017-03", "ceasefire-2016-12-30");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void badParametersAreProblemsNamingThem(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), true)) {
            assertProblem(server, "lon=37.1&at=2016-12-01", "lat");
            assertProblem(server, "lat=36.2&at=2016-12-01", "lon");
            assertProblem(server, "lat=36.2&lon=37.1", "at");
            assertProblem(server, "", "lat", "lon", "at");
            assertProblem(server, "lat=95&lon=37.1&at=2016-12-01", "lat");
            assertProblem(server, "lat=36.2&lon=-181&at=2016-12-01", "lon");
            assertProblem(server, "lat=NaN&lon=Infinity&at=2016-12-01", "lat", "lon");
            assertProblem(server, "lat=0x1p3&lon=37.1d&at=2016-12-01", "lat", "lon");
            assertProblem(server, "lat=36.2&lon=37.1&at=2016-13-45", "at");
            assertProblem(server, "lat=36.2&lon=37.1&at=yesterday", "at");
            assertProblem(server, "lat=36.2&lon=37.1&at=2016-12-01&radius_m=-1", "radius_m");
            assertProblem(server, "lat=36.2&lon=37.1&at=2016-12-01&radius_m=100001", "radius_m");
            assertProblem(server, "lat=36.2&lon=37.1&at=2016-12-01&radius_m=1e400", "radius_m");
            assertProblem(server, "lat=36.2&lon=37.1&at=2016-12-01&radius_m=wide", "radius_m");
            assertProblem(server, "lat=36.2&lat=36.3&lon=37.1&at=2016-12-01", "lat");
            assertProblem(server, "lat=" + URLEncoder.encode("36.2 OR 1=1", StandardCharsets.UTF_8) + "&lon=37.1&at=2016-12-01", "lat");
            assertProblem(server, "lat=" + "9".repeat(5000) + "&lon=37.1&at=2016-12-01", "lat");
            assertThat(control(server, "lat=-90&lon=180&at=2016-12-01&radius_m=100000").get("status").textValue())
                    .as("the extremes are valid, and far from every area").isEqualTo("none");
            assertThat(control(server, "lat=36.2&lon=37.1&at=2016-12-01T03:00:00%2B03:00").get("at").textValue())
                    .isEqualTo("2016-12-01T00:00:00Z");
        }
    }

    private static void assertProblem(TestServer server, String query, String... fields) {
        HttpResponse<String> response = server.get("/api/v1/territory/control?" + query);
        assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
        List<String> named = new ArrayList<>();
        problem.get("errors").forEach(e -> named.add(e.get("field").textValue()));
        assertThat(named).as(query).containsExactlyInAnyOrder(fields);
    }
}
