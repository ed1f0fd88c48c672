package org.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Geometry;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.problem.Problems;
import org.truce.domain.territory.Geometries;
import org.truce.service.format.GeoJson;
import org.truce.service.format.Json;

/**
 * What changed between two instants, which side of a line, and the history of a place, over HTTP on
 * the 2016 demo: the fall of East Aleppo in December, Jarablus on 24 August, Manbij and Kobani on
 * either side of the Euphrates, the Castello Road's 3.5 km buffer.
 */
class TerritoryQueriesApiTest {
    /** In the last pocket of East Aleppo (OCHA neighbourhoods held until 22 Dec 2016). */
    private static final String LAST_POCKET = "lat=36.1802&lon=37.1324";
    /** In the part of East Aleppo lost in the first days of December. */
    private static final GeoPoint EAST_ALEPPO = new GeoPoint(36.186251, 37.152816);
    private static final GeoPoint PALMYRA = new GeoPoint(34.5583, 38.2667);

    @TempDir
    Path temp;

    static List<TestStores.Kind> stores() {
        return TestStores.kinds();
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode summary(JsonNode changes, String actor) {
        for (JsonNode a : changes.get("actors")) {
            if (a.get("actor").get("id").textValue().equals(actor)) {
                return a;
            }
        }
        throw new AssertionError("no summary for " + actor + " in " + changes.get("actors"));
    }

    private static Geometry feature(JsonNode changes, String id) {
        for (JsonNode f : changes.get("features")) {
            if (f.get("id").textValue().equals(id)) {
                Problems problems = new Problems();
                Geometry g = GeoJson.geometry(f.get("geometry"), "geometry", problems);
                assertThat(problems.list()).isEmpty();
                assertThat(f.get("properties").get("area_km2").doubleValue()).isPositive();
                return g;
            }
        }
        throw new AssertionError("no feature " + id);
    }

    private static List<String> actorIds(JsonNode actors) {
        List<String> ids = new ArrayList<>();
        actors.forEach(a -> ids.add(a.get("id").textValue()));
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theDemoAnswersTheTerritoryQuestions(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), true)) {
            // December 2016: the government takes East Aleppo and loses Palmyra
            HttpResponse<String> response = server.get("/api/v1/territory/changes?from=2016-12-01&to=2016-12-23");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/geo+json"));
            JsonNode december = json(response);
            assertThat(december.get("type").textValue()).isEqualTo("FeatureCollection");
            JsonNode government = summary(december, "syrian-arab-army");
            assertThat(government.get("gained_km2").doubleValue()).as("East Aleppo").isBetween(20.0, 40.0);
            assertThat(government.get("lost_km2").doubleValue()).as("the Tadmor sub-district").isGreaterThan(10_000.0);
            assertThat(government.get("gained_km2").doubleValue() - government.get("lost_km2").doubleValue())
                    .isCloseTo(government.get("net_km2").doubleValue(), within(1e-6));
            assertThat(feature(december, "syrian-arab-army/gained").covers(Geometries.point(EAST_ALEPPO))).isTrue();
            assertThat(feature(december, "syrian-arab-army/lost").covers(Geometries.point(PALMYRA))).isTrue();
            JsonNode opposition = summary(december, "fatah-halab");
            assertThat(opposition.get("lost_km2").doubleValue()).isCloseTo(government.get("gained_km2").doubleValue(), within(1e-6));
            assertThat(opposition.get("area_to_km2").doubleValue()).isZero();
            assertThat(summary(december, "jabhat-al-nusra").get("lost_km2").doubleValue()).as("the mixed area goes with it")
                    .isCloseTo(opposition.get("lost_km2").doubleValue(), within(1e-6));
            assertThat(summary(december, "isis").get("gained_km2").doubleValue())
                    .isCloseTo(government.get("lost_km2").doubleValue(), within(1e-6));
            assertThat(summary(december, "ypg").get("unchanged").booleanValue()).as("Sheikh Maqsoud").isTrue();

            JsonNode onlyGovernment = json(server.get("/api/v1/territory/changes?from=2016-12-01&to=2016-12-23&actor=syrian-arab-army"));
            assertThat(onlyGovernment.get("actor").get("id").textValue()).isEqualTo("syrian-arab-army");
            assertThat(onlyGovernment.get("actors")).hasSize(1);
            assertThat(onlyGovernment.get("actors").get(0)).isEqualTo(government);
            assertThat(onlyGovernment.get("features")).hasSize(2);
            JsonNode byName = json(server.get("/api/v1/territory/changes?from=2016-12-01&to=2016-12-23&actor="
                    + URLEncoder.encode("Jabhat Fateh al-Sham", StandardCharsets.UTF_8)));
            assertThat(byName.get("actor").get("id").textValue()).isEqualTo("jabhat-al-nusra");

            // Jarablus changes hands on 24 August 2016
            JsonNode august = json(server.get("/api/v1/territory/changes?from=2016-08-23T12:00:00Z&to=2016-08-25T00:00:00Z"));
            JsonNode shield = summary(august, "euphrates-shield");
            assertThat(shield.get("area_from_km2").doubleValue()).isZero();
            assertThat(shield.get("gained_km2").doubleValue()).isGreaterThan(100.0);
            assertThat(summary(august, "isis").get("lost_km2").doubleValue()).isCloseTo(shield.get("gained_km2").doubleValue(), within(1e-6));
            assertThat(feature(august, "euphrates-shield/gained").covers(Geometries.point(new GeoPoint(36.8175, 38.0115)))).isTrue();
            JsonNode before = json(server.get("/api/v1/territory/changes?from=2016-08-14&to=2016-08-23&actor=euphrates-shield"));
            assertThat(before.get("actors")).as("no ground before 24 August").isEmpty();

            // the days of the September arrangement: every front held, as far as the demo's areas say
            JsonNode frozen = json(server.get("/api/v1/territory/changes?from=2016-09-12T16:00:00Z&to=2016-09-19T16:00:00Z"));
            assertThat(frozen.get("actors").size()).isGreaterThan(3);
            frozen.get("actors").forEach(a -> assertThat(a.get("unchanged").booleanValue()).as(a.toString()).isTrue());
            assertThat(frozen.get("features")).isEmpty();

            // Manbij lies west of the Euphrates, Kobani east; the river is digitised downstream here
            JsonNode manbij = json(server.get("/api/v1/territory/lines/euphrates/side?lat=36.5276&lon=37.9549"));
            JsonNode kobani = json(server.get("/api/v1/territory/lines/euphrates/side?lat=36.8906&lon=38.3561"));
            assertThat(manbij.get("line").get("name").textValue()).isEqualTo("Euphrates");
            assertThat(manbij.get("compass_side").textValue()).isEqualTo("west");
            assertThat(manbij.get("side").textValue()).isEqualTo("right");
            assertThat(kobani.get("compass_side").textValue()).isEqualTo("east");
            assertThat(kobani.get("side").textValue()).isEqualTo("left");
            assertThat(manbij.get("distance_m").doubleValue()).isBetween(15_000.0, 30_000.0);
            assertThat(manbij.get("beyond_end").booleanValue()).isFalse();
            assertThat(manbij.get("buffer_m").isNull()).isTrue();
            assertThat(manbij.get("within_buffer").isNull()).isTrue();
            assertThat(json(server.get("/api/v1/territory/lines/euphrates/side?lat=36.2&lon=37.16")).get("compass_side").textValue())
                    .as("Aleppo").isEqualTo("west");
            assertThat(json(server.get("/api/v1/territory/lines/euphrates/side?lat=35.95&lon=39.01")).get("compass_side").textValue())
                    .as("Raqqa, on the left bank where the river flows east").isEqualTo("north");

            // the Castello Road and its 3.5 km heavy-weapons pull-back
            JsonNode near = json(server.get("/api/v1/territory/lines/castello-road/side?lat=36.26&lon=37.14"));
            assertThat(near.get("buffer_m").doubleValue()).isEqualTo(3500.0);
            assertThat(near.get("within_buffer").booleanValue()).isTrue();
            assertThat(near.get("compass_side").textValue()).isEqualTo("north");
            assertThat(near.get("distance_m").doubleValue()).isBetween(1000.0, 3500.0);
            JsonNode far = json(server.get("/api/v1/territory/lines/castello-road/side?lat=36.15&lon=37.14"));
            assertThat(far.get("within_buffer").booleanValue()).isFalse();
            assertThat(far.get("distance_m").doubleValue()).isGreaterThan(3500.0);
            JsonNode pastTheEnd = json(server.get("/api/v1/territory/lines/castello-road/side?lat=36.245&lon=37.05"));
            assertThat(pastTheEnd.get("beyond_end").booleanValue()).isTrue();
            assertThat(pastTheEnd.get("side").isNull()).isTrue();
            assertThat(server.get("/api/v1/territory/lines/no-such-line/side?lat=36&lon=37").statusCode()).isEqualTo(404);

            // the history of a place in the last pocket of East Aleppo: the opposition (with Nusra: a mixed area), then the government
            JsonNode history = json(server.get("/api/v1/territory/history?" + LAST_POCKET));
            JsonNode areas = history.get("areas");
            assertThat(areas.get(0).get("actor").get("id").textValue()).isIn("fatah-halab", "jabhat-al-nusra");
            assertThat(areas.get(areas.size() - 1).get("actor").get("id").textValue()).isEqualTo("syrian-arab-army");
            assertThat(areas.get(areas.size() - 1).get("area_id").textValue()).isEqualTo("aleppo-west-2016-12-22");
            assertThat(areas.get(areas.size() - 1).get("valid_to").isNull()).isTrue();
            assertThat(areas.get(0).get("source").textValue()).isNotBlank();
            for (int i = 0; i + 1 < areas.size(); i++) {
                assertThat(areas.get(i).get("valid_from").textValue()).isLessThanOrEqualTo(areas.get(i + 1).get("valid_from").textValue());
            }
            List<String> nusraNames = new ArrayList<>();
            areas.forEach(a -> {
                if (a.get("actor").get("id").textValue().equals("jabhat-al-nusra")) {
                    nusraNames.add(a.get("actor").get("name").textValue());
                }
            });
            assertThat(nusraNames).as("named as it was called at each area's start").contains("Jabhat Fateh al-Sham").hasSizeGreaterThan(1);
            JsonNode timeline = history.get("timeline");
            assertThat(timeline).hasSize(2);
            assertThat(actorIds(timeline.get(0).get("actors"))).containsExactly("fatah-halab", "jabhat-al-nusra");
            assertThat(timeline.get(0).get("valid_from").textValue()).isEqualTo("2015-12-31T22:00:00Z");
            assertThat(timeline.get(0).get("valid_to").textValue()).isEqualTo("2016-12-21T22:00:00Z");
            assertThat(actorIds(timeline.get(1).get("actors"))).containsExactly("syrian-arab-army");
            assertThat(timeline.get(1).get("valid_to").isNull()).isTrue();

            JsonNode jarablus = json(server.get("/api/v1/territory/history?lat=36.8175&lon=38.0115")).get("timeline");
            assertThat(jarablus).hasSize(2);
            assertThat(actorIds(jarablus.get(0).get("actors"))).containsExactly("isis");
            assertThat(actorIds(jarablus.get(1).get("actors"))).containsExactly("euphrates-shield");
            assertThat(jarablus.get(1).get("valid_from").textValue()).isEqualTo("2016-08-23T21:00:00Z");
            JsonNode palmyra = json(server.get("/api/v1/territory/history?lat=34.5583&lon=38.2667")).get("timeline");
            assertThat(palmyra).extracting(p -> actorIds(p.get("actors")).get(0)).containsExactly("isis", "syrian-arab-army", "isis");
            JsonNode nowhere = json(server.get("/api/v1/territory/history?lat=33.51&lon=36.29"));
            assertThat(nowhere.get("areas")).as("Damascus: no area in the demo").isEmpty();
            assertThat(nowhere.get("timeline")).isEmpty();
        }
    }

    private static void badRequest(TestServer server, String path, String... fields) {
        HttpResponse<String> response = server.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
        List<String> named = new ArrayList<>();
        problem.get("errors").forEach(e -> named.add(e.get("field").textValue()));
        assertThat(named).as(path).containsExactlyInAnyOrder(fields);
    }

    @Test
    void everyBadParameterIsAProblemNamingIt() {
        try (TestServer server = TestServer.start(TestStores.options(new TestStores.Kind("h2"), temp), false)) {
            badRequest(server, "/api/v1/territory/changes", "from", "to");
            badRequest(server, "/api/v1/territory/changes?from=2016-12-01", "to");
            badRequest(server, "/api/v1/territory/changes?from=yesterday&to=2016-12-01", "from");
            badRequest(server, "/api/v1/territory/changes?from=2016-12-01&to=2016-13-45", "to");
            badRequest(server, "/api/v1/territory/changes?from=2016-12-23&to=2016-12-01", "to");
            badRequest(server, "/api/v1/territory/changes?from=2016-12-01&to=2016-12-23&actor=nobody-at-all", "actor");
            badRequest(server, "/api/v1/territory/changes?from=x&to=y&actor=nobody", "from", "to", "actor");
            for (String path : List.of("/api/v1/territory/history", "/api/v1/territory/lines/euphrates/side")) {
                badRequest(server, path, "lat", "lon");
                badRequest(server, path + "?lat=36.2", "lon");
                badRequest(server, path + "?lat=91&lon=37", "lat");
                badRequest(server, path + "?lat=36&lon=-180.5", "lon");
                badRequest(server, path + "?lat=NaN&lon=Infinity", "lat", "lon");
                badRequest(server, path + "?lat=0x1p4&lon=37d", "lat", "lon");
                badRequest(server, path + "?lat=1e999&lon=37", "lat");
                badRequest(server, path + "?lat=36,2&lon=37", "lat");
                badRequest(server, path + "?lat=&lon=37", "lat");
            }
            assertThat(server.get("/api/v1/territory/history?lat=36.2&lon=37.1").statusCode()).isEqualTo(200);
            assertThat(server.get("/api/v1/territory/history?lat=-90&lon=180").statusCode()).isEqualTo(200);
            HttpResponse<String> unknown = server.get("/api/v1/territory/lines/euphrates/side?lat=36.2&lon=37.1");
            assertThat(unknown.statusCode()).as("no lines recorded").isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            JsonNode empty = json(server.get("/api/v1/territory/changes?from=2016-12-01&to=2016-12-23"));
            assertThat(empty.get("actors")).isEmpty();
            assertThat(empty.get("features")).isEmpty();
        }
    }
}
