package org.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.truce.domain.release.Audience;
import org.truce.service.disclosure.DisclosureFormat;
import org.truce.service.disclosure.Disclosures;
import org.truce.service.format.Json;
import org.truce.service.projection.ProjectionDigest;

/**
 * Releasability end to end, on each store: sealed fields appear in the public log only as salted
 * commitments (and coarse stand-ins), the node keeps their openings, and a disclosure bundle lets its
 * audience check them and replay what it may see.
 */
class ReleasabilityTest {
    /** Marker strings and an exact position that must never reach the public log. */
    private static final String SOURCE = "Canary-Source-7f3a";
    private static final String TEXT = "Canary-Text-91b2";
    private static final String LAT = "36.20217";
    private static final String LON = "37.13437";
    static final String SEALED = """
            {"occurred_from": "2016-09-19T19:10:00+03:00", "occurred_to": "2016-09-19T19:40:00+03:00",
             "location": {"lat": %s, "lon": %s, "precision_m": 50},
             "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
             "perpetrator": "Syrian Arab Air Force", "target": "Syrian Arab Red Crescent", "fatalities": 20,
             "source": {"name": "%s", "reliability": "B", "credibility": 2},
             "description": "%s",
             "releasability": {"source.name": "monitors", "location": "guarantors", "occurred": "guarantors",
                               "perpetrator": "party:syrian-arab-air-force", "description": "originator"}}
            """.formatted(LAT, LON, SOURCE, TEXT);
    private static final Pattern DIGEST = Pattern.compile("projection digest ([0-9a-f]{64})");

    @TempDir
    Path temp;

    static List<TestStores.Kind> stores() {
        return TestStores.kinds();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void sealedFieldsReachThePublicLogOnlyAsCommitmentsWhileTheNodeShowsThem(TestStores.Kind store) throws Exception {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), true)) {
            HttpResponse<String> created = server.postJson("/api/v1/reports", SEALED);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode report = json(server.get("/api/v1/reports/" + json(created).get("id").textValue()));
            assertThat(report.at("/source/name").textValue()).isEqualTo(SOURCE);
            assertThat(report.get("description").textValue()).isEqualTo(TEXT);
            assertThat(report.at("/location/lat").asText()).isEqualTo(LAT);
            assertThat(report.get("perpetrator_actor").textValue()).isEqualTo("syrian-arab-air-force");
            assertThat(report.get("releasability")).isEqualTo(Json.parse("""
                    {"description":"originator","location":"guarantors","occurred":"guarantors","perpetrator":"party:syrian-arab-air-force","source.name":"monitors"}"""
                    .getBytes(StandardCharsets.UTF_8)));
            assertThat(report.has("withheld")).isFalse();

            // everything anyone can fetch from the public log, over HTTP
            assertThat(server.runtime().awaitCheckpoint(Duration.ofSeconds(30))).isTrue();
            var remote = new RemoteLog(server.uri("/log").toString()).fetch(server.get("/log/key").body().strip());
            long index = report.get("log_index").asLong();
            for (byte[] entry : remote.entries()) {
                String text = new String(entry, StandardCharsets.UTF_8);
                assertThat(text).doesNotContain(SOURCE, TEXT, LAT, LON);
            }
            JsonNode entry = Json.parse(remote.entries().get(Math.toIntExact(index)));
            assertThat(entry.get("schema").intValue()).isEqualTo(2);
            assertThat(entry.at("/sealed/source.name/marking").textValue()).isEqualTo("monitors");
            assertThat(entry.at("/sealed/source.name/sha256").textValue()).matches("[0-9a-f]{64}");
            assertThat(entry.at("/payload/location")).isEqualTo(Json.parse(
                    "{\"lat\":36.2,\"lon\":37.1,\"precision_m\":7950}".getBytes(StandardCharsets.UTF_8)));
            assertThat(entry.at("/payload/occurred_from").textValue()).isEqualTo("2016-09-19T00:00:00Z");
            assertThat(entry.at("/payload/occurred_to").textValue()).isEqualTo("2016-09-20T00:00:00Z");
            assertThat(entry.at("/payload/source/reliability").textValue()).isEqualTo("B");
            assertThat(entry.at("/payload").has("perpetrator")).isFalse();
            assertThat(entry.at("/payload").has("perpetrator_actor")).isFalse();
            assertThat(entry.at("/payload").has("description")).isFalse();
            assertThat(entry.at("/payload/target").textValue()).isEqualTo("Syrian Arab Red Crescent");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aBadMarkingIsRefusedNamingTheFieldAndRecordsNothing(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), true)) {
            long before = server.runtime().ledger().size();
            String noOrigin = SEALED;
            List<String[]> cases = List.of(
                    new String[] {"\"source.name\": \"monitors\"", "\"source\": \"monitors\"", "releasability.source"},
                    new String[] {"\"location\": \"guarantors\"", "\"location\": \"secret\"", "releasability.location"},
                    new String[] {"\"location\": \"guarantors\"", "\"location\": 7", "releasability.location"},
                    new String[] {"party:syrian-arab-air-force", "party:no-such-group", "releasability.perpetrator"},
                    new String[] {"\"location\": \"guarantors\"", "\"origin\": \"guarantors\"", "releasability.origin"},
                    new String[] {"\"releasability\": {", "\"releasability\": [{", "releasability"});
            for (String[] c : cases) {
                String body = noOrigin.replace(c[0], c[1]);
                if (c[2].equals("releasability")) {
                    body = body.replace("\"originator\"}}", "\"originator\"}]}");
                }
                HttpResponse<String> refused = server.postJson("/api/v1/reports", body);
                assertThat(refused.statusCode()).as(c[1] + ": " + refused.body()).isEqualTo(422);
                assertThat(refused.body()).as(c[1]).contains("\"" + c[2] + "\"");
            }
            assertThat(server.runtime().ledger().size()).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aDisclosureBundleChecksAgainstTheLogAndReplaysWhatItsAudienceMaySee(TestStores.Kind store) throws Exception {
        StoreOptions options = TestStores.options(store, temp);
        String digest;
        String id;
        try (TestServer server = TestServer.start(options, true)) {
            HttpResponse<String> created = server.postJson("/api/v1/reports", SEALED);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            id = json(created).get("id").textValue();
            assertThat(server.runtime().awaitCheckpoint(Duration.ofSeconds(30))).isTrue();
            digest = ProjectionDigest.of(server.runtime().store());

            // a mirror given the guarantors' bundle sees everything; one without it, only stand-ins
            Path guarantors = bundle(server, Audience.GUARANTORS);
            String url = server.uri("/log").toString();
            String key = server.get("/log/key").body().strip();
            Run full = truce("rebuild", "--from", url, "--key", key, "--disclosure", guarantors.toString(),
                    "--data", temp.resolve("mirror-guarantors").toString());
            assertThat(full.exit()).as(full.err()).isZero();
            assertThat(digestOf(full.out())).isEqualTo(digest);

            Run bare = truce("rebuild", "--from", url, "--key", key, "--data", temp.resolve("mirror-public").resolve("data").toString());
            assertThat(bare.exit()).as(bare.err()).isZero();
            assertThat(digestOf(bare.out())).isNotEqualTo(digest);
        }
        try (TestServer mirror = TestServer.start(TestStores.options(new TestStores.Kind("h2"), temp.resolve("mirror-public")), false)) {
            JsonNode seen = json(mirror.get("/api/v1/reports/" + id));
            assertThat(seen.get("withheld")).hasSize(5);
            assertThat(seen.at("/location/lat").doubleValue()).isEqualTo(36.2);
            assertThat(seen.at("/source").has("name")).isFalse();
            assertThat(seen.toString()).doesNotContain(SOURCE, TEXT, LAT);
        }

        Path guarantors = temp.resolve("guarantors.jsonl");
        Path monitors = temp.resolve("monitors.jsonl");
        assertThat(truce(options, "disclose", "--audience", "guarantors", "--out", guarantors.toString()).exit()).isZero();
        assertThat(truce(options, "disclose", "--audience", "monitors", "--out", monitors.toString()).exit()).isZero();
        assertThat(lines(guarantors)).hasSize(1 + 5);
        assertThat(lines(monitors)).hasSize(1 + 1).last().asString().contains(SOURCE).doesNotContain(TEXT);
        assertThat(disclosedCount(options, "public")).isZero();
        assertThat(disclosedCount(options, "party:syrian-arab-air-force")).isEqualTo(1);
        assertThat(disclosedCount(options, "party:syrian-arab-army")).isZero();
        assertThat(disclosedCount(options, "originator:anonymous")).isEqualTo(5);

        for (Path bundle : List.of(guarantors, monitors)) {
            Run ok = truce(options, "verify", "--replay", "--disclosure", bundle.toString());
            assertThat(ok.exit()).as(ok.err()).isZero();
            assertThat(ok.out()).contains("match their commitments");
        }

        // a value altered in the bundle
        Path altered = temp.resolve("altered.jsonl");
        Files.writeString(altered, Files.readString(monitors).replace(SOURCE, "Someone-Else"));
        Run tampered = truce(options, "verify", "--replay", "--disclosure", altered.toString());
        assertThat(tampered.exit()).isEqualTo(1);
        long index = Json.parse(lines(monitors).get(1).getBytes(StandardCharsets.UTF_8)).get("index").asLong();
        assertThat(tampered.err()).contains("entry " + index + ", field 'source.name'", "do not hash to the commitment");

        // a monitors bundle that leaks a field marked for the guarantors
        Path leaking = temp.resolve("leaking.jsonl");
        List<String> leak = new ArrayList<>(lines(monitors));
        lines(guarantors).stream().filter(l -> l.contains("\"field\":\"location\"")).forEach(leak::add);
        Files.write(leaking, leak);
        Run leaked = truce(options, "verify", "--replay", "--disclosure", leaking.toString());
        assertThat(leaked.exit()).isEqualTo(1);
        assertThat(leaked.err()).contains("field 'location'", "marked guarantors, which monitors may not read");

        // a monitors bundle missing a field monitors may see
        Path partial = temp.resolve("partial.jsonl");
        Files.write(partial, lines(monitors).subList(0, 1));
        Run incomplete = truce(options, "verify", "--replay", "--disclosure", partial.toString());
        assertThat(incomplete.exit()).isEqualTo(1);
        assertThat(incomplete.err()).contains("replaying with the bundle differs from what the store shows monitors");

        // not a bundle at all
        Path broken = temp.resolve("broken.jsonl");
        Files.writeString(broken, "{\"format\":\"truce-disclosure/1\",\"audience\":\"everyone\"}\n");
        Run unreadable = truce(options, "verify", "--replay", "--disclosure", broken.toString());
        assertThat(unreadable.exit()).isEqualTo(2);
        assertThat(unreadable.err()).contains("line 1: audience");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anOpeningAlteredWhereItIsStoredFailsTheReplayNamingTheEntryAndField(TestStores.Kind store) throws Exception {
        StoreOptions options = TestStores.options(store, temp);
        long index;
        String commitment;
        try (TestServer server = TestServer.start(options, true)) {
            HttpResponse<String> created = server.postJson("/api/v1/reports", SEALED);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            index = json(created).get("log_index").asLong();
            commitment = Json.parse(server.runtime().ledger().read(index)).at("/sealed/source.name/sha256").textValue();
            // a later write, so that the damaged one is not the torn tail a crash could leave
            String other = SEALED.replace(SOURCE, "Another-Source");
            assertThat(server.postJson("/api/v1/reports", other).statusCode()).isEqualTo(201);
        }
        assertThat(truce(options, "verify", "--replay").exit()).isZero();
        byte[] canary = SOURCE.getBytes(StandardCharsets.UTF_8);
        if (options.db() == null) {
            Path file = options.data().resolve("openings").resolve("openings.log");
            byte[] bytes = Files.readAllBytes(file);
            int at = indexOf(bytes, canary);
            assertThat(at).as("the source name is in the openings file").isNotNegative();
            bytes[at] ^= 0x20;
            Files.write(file, bytes);
        } else {
            try (var c = java.sql.DriverManager.getConnection(options.db(), options.dbUser(), options.dbPassword());
                    var update = c.prepareStatement("UPDATE openings SET sealed_value = ? WHERE position(? in sealed_value) > 0")) {
                update.setBytes(1, "{\"name\":\"Someone-Else\"}".getBytes(StandardCharsets.UTF_8));
                update.setBytes(2, canary);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
        Run failed = truce(options, "verify", "--replay");
        assertThat(failed.exit()).as(failed.out()).isEqualTo(1);
        if (options.db() == null) {
            // the file's checksums catch it when the store opens, naming the opening's commitment
            assertThat(failed.err()).contains("FAILED: the stored record is damaged", commitment);
        } else {
            assertThat(failed.err()).contains("entry " + index, "sealed field 'source.name'", "do not hash to the commitment");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private int disclosedCount(StoreOptions options, String audience) throws Exception {
        Path out = temp.resolve(audience.replace(':', '-') + ".jsonl");
        Run run = truce(options, "disclose", "--audience", audience, "--out", out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        return lines(out).size() - 1;
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private Path bundle(TestServer server, Audience audience) throws Exception {
        Path file = temp.resolve("served-" + audience.code() + ".jsonl");
        var log = server.runtime().publishedLog();
        try (OutputStream out = Files.newOutputStream(file)) {
            DisclosureFormat.write(Disclosures.bundle(audience, log.origin(), log.checkpointSize(), server.runtime().ledger()::read,
                    server.runtime().openings()), out);
        }
        return file;
    }

    private static String digestOf(String output) {
        Matcher m = DIGEST.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m.group(1);
    }

    record Run(int exit, String out, String err) {
    }

    private static Run truce(StoreOptions options, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", options.data().toString()));
        if (options.db() != null) {
            all.addAll(List.of("--db", options.db(), "--db-user", options.dbUser(), "--db-password", options.dbPassword()));
        }
        return truce(all.toArray(String[]::new));
    }

    private static Run truce(String... args) {
        picocli.CommandLine cli = org.truce.cli.command.TruceCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
