package org.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorDirectory;
import org.truce.domain.actor.NameKey;
import org.truce.service.format.Json;
import org.truce.service.ledger.EntryCodec;
import org.truce.service.ledger.EntryType;
import org.truce.service.projection.ProjectionDigest;

/** The actor registry end to end, over HTTP, on each store: create, amend, history, find by name, as of a date. */
class ActorApiTest {
    static final String FATAH = """
            {"id": "jaish-al-fatah", "name": "Jaish al-Fatah", "kind": "COALITION", "acled_inter": 2,
             "aliases": [{"name": "جيش الفتح", "lang": "ar"}, {"name": "Джейш аль-Фатх", "lang": "ru"}]}""";
    static final String NUSRA = """
            {"id": "jabhat-al-nusra", "name": "Jabhat al-Nusra", "kind": "ARMED_GROUP", "acled_inter": 2, "alignment": "jihadist",
             "time_zone": "Asia/Damascus",
             "aliases": [{"name": "جبهة النصرة", "lang": "ar"}, {"name": "Джебхат ан-Нусра", "lang": "ru"},
                         {"name": "Jabhat Fateh al-Sham", "lang": "en", "valid_from": "2016-07-28"}],
             "renamings": [{"name": "Jabhat Fateh al-Sham", "on": "2016-07-28", "source": "The National, 28 July 2016"}],
             "designations": [{"list": "UNSC-1267", "from": "2014-05-14", "to": null, "source": "UNSC"}],
             "affiliations": [{"actor": "jaish-al-fatah", "relation": "member_of", "from": "2015-03-24", "to": null}],
             "sources": ["https://www.thenationalnews.com/"]}""";
    /** The same actor with a later renaming, as a monitor would amend it in January 2017. */
    static final String NUSRA_AMENDED = NUSRA.replace(
            "\"renamings\": [{\"name\": \"Jabhat Fateh al-Sham\", \"on\": \"2016-07-28\", \"source\": \"The National, 28 July 2016\"}]",
            "\"renamings\": [{\"name\": \"Jabhat Fateh al-Sham\", \"on\": \"2016-07-28\", \"source\": \"The National, 28 July 2016\"},"
                    + " {\"name\": \"Hay'at Tahrir al-Sham\", \"on\": \"2017-01-28\"}]");

    @TempDir
    Path temp;

    static List<TestStores.Kind> stores() {
        return TestStores.kinds();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static HttpResponse<String> send(TestServer server, String method, String path, String body, String contentType) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> put(TestServer server, String path, String body) {
        return send(server, "PUT", path, body, "application/json");
    }

    private static String query(String name) {
        return "/api/v1/actors?name=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anActorIsCreatedAmendedAndKeepsItsHistoryThroughARebuild(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), false)) {
            var ledger = server.runtime().ledger();
            assertThat(server.postJson("/api/v1/actors", FATAH).statusCode()).isEqualTo(201);
            HttpResponse<String> created = server.postJson("/api/v1/actors", NUSRA);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location")).contains("/api/v1/actors/jabhat-al-nusra");
            JsonNode first = json(created);
            assertThat(first.get("version").asInt()).isEqualTo(1);
            assertThat(first.get("log_index").asLong()).isEqualTo(ledger.size() - 1);
            assertThat(first.get("renamings").get(0).get("on").textValue()).as("Damascus midnight, in UTC").isEqualTo("2016-07-27T21:00:00Z");
            assertThat(first.get("recorded_at").textValue()).isNotNull();

            long before = ledger.size();
            JsonNode amended = ok(put(server, "/api/v1/actors/jabhat-al-nusra", NUSRA_AMENDED));
            assertThat(ledger.size()).as("one entry per amendment").isEqualTo(before + 1);
            assertThat(amended.get("version").asInt()).isEqualTo(2);
            assertThat(amended.get("log_index").asLong()).isEqualTo(before);
            assertThat(EntryCodec.decode(ledger.read(before)).type()).as("an amendment is the actor recorded again").isEqualTo(EntryType.ACTOR_RECORDED);
            assertThat(amended.get("renamings")).hasSize(2);

            JsonNode unchanged = ok(put(server, "/api/v1/actors/jabhat-al-nusra", NUSRA_AMENDED));
            assertThat(ledger.size()).as("the same form again is no change").isEqualTo(before + 1);
            assertThat(unchanged.get("version").asInt()).isEqualTo(2);

            JsonNode patched = ok(send(server, "PATCH", "/api/v1/actors/jabhat-al-nusra", "{\"alignment\": \"salafi-jihadist\", \"sources\": null}",
                    "application/merge-patch+json"));
            assertThat(patched.get("version").asInt()).isEqualTo(3);
            assertThat(patched.get("alignment").textValue()).isEqualTo("salafi-jihadist");
            assertThat(patched.get("sources")).isEmpty();
            assertThat(patched.get("renamings")).as("a merge patch keeps what it does not name").hasSize(2);

            JsonNode history = ok(server.get("/api/v1/actors/jabhat-al-nusra/history"));
            assertThat(history.get("versions")).hasSize(3);
            assertThat(history.get("versions").get(0).get("actor").get("renamings")).hasSize(1);
            assertThat(history.get("versions").get(0).get("actor").get("alignment").textValue()).isEqualTo("jihadist");
            assertThat(history.get("versions").get(1).get("actor").get("renamings")).hasSize(2);
            assertThat(history.get("versions").get(2).get("log_index").asLong()).isEqualTo(ledger.size() - 1);
            assertThat(ok(server.get("/api/v1/actors")).get("items")).hasSize(2);

            List<String> paths = List.of("/api/v1/actors", "/api/v1/actors/jabhat-al-nusra", "/api/v1/actors/jabhat-al-nusra/history",
                    "/api/v1/actors/jaish-al-fatah", "/api/v1/actors?at=2017-02-01&name=nusra");
            List<String> bodies = paths.stream().map(p -> ok(server.get(p)).toString()).toList();
            String digest = ProjectionDigest.of(server.runtime().store());
            try (Runtime.Replayed replayed = server.runtime().replay()) {
                assertThat(ProjectionDigest.of(replayed.store())).as("verify --replay: a fresh replay gives the same projections").isEqualTo(digest);
            }
            assertThat(ledger.rebuild()).isEqualTo(ledger.size());
            assertThat(ProjectionDigest.of(server.runtime().store())).isEqualTo(digest);
            assertThat(paths.stream().map(p -> ok(server.get(p)).toString()).toList()).isEqualTo(bodies);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void truceRebuildAndVerifyReplayAcceptALogWithAmendments(TestStores.Kind store) {
        StoreOptions options = TestStores.options(store, temp);
        String before;
        try (TestServer server = TestServer.start(options, false)) {
            assertThat(server.postJson("/api/v1/actors", FATAH).statusCode()).isEqualTo(201);
            assertThat(server.postJson("/api/v1/actors", NUSRA).statusCode()).isEqualTo(201);
            assertThat(put(server, "/api/v1/actors/jabhat-al-nusra", NUSRA_AMENDED).statusCode()).isEqualTo(200);
            before = ok(server.get("/api/v1/actors/jabhat-al-nusra/history")).toString();
        }
        String[] verify = truce(options, "verify", "--replay");
        assertThat(verify[0]).as(verify[2]).isEqualTo("0");
        assertThat(verify[1]).contains("the projections equal a replay of the log");
        String[] rebuild = truce(options, "rebuild");
        assertThat(rebuild[0]).as(rebuild[2]).isEqualTo("0");
        try (TestServer server = TestServer.start(options, false)) {
            assertThat(ok(server.get("/api/v1/actors/jabhat-al-nusra/history")).toString()).isEqualTo(before);
        }
    }

    /** Runs a truce command on the store of {@code options}: exit status, standard output, standard error. */
    private static String[] truce(StoreOptions options, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--data", options.data().toString()));
        if (options.db() != null) {
            args.addAll(List.of("--db", options.db(), "--db-user", options.dbUser(), "--db-password", options.dbPassword()));
        }
        picocli.CommandLine cli = org.truce.cli.command.TruceCommand.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(out));
        cli.setErr(new java.io.PrintWriter(err));
        int exit = cli.execute(args.toArray(String[]::new));
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aRetryWithTheSameIdempotencyKeyRecordsNothing(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), false)) {
            HttpResponse<String> first = server.postJson("/api/v1/actors", FATAH, "Idempotency-Key", "actor-7f3a");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            long size = server.runtime().ledger().size();
            HttpResponse<String> retry = server.postJson("/api/v1/actors", FATAH, "Idempotency-Key", "actor-7f3a");
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(json(retry)).isEqualTo(json(first));
            HttpResponse<String> other = server.postJson("/api/v1/actors", FATAH.replace("COALITION", "MILITIA"), "Idempotency-Key", "actor-7f3a");
            assertThat(other.statusCode()).isEqualTo(422);
            assertThat(other.body()).contains("\"field\":\"Idempotency-Key\"");
            HttpResponse<String> again = server.postJson("/api/v1/actors", FATAH);
            assertThat(again.statusCode()).as("without a key, a second create is a duplicate id").isEqualTo(422);
            assertThat(again.body()).contains("\"field\":\"id\"", "already exists");
            assertThat(server.runtime().ledger().size()).isEqualTo(size);

            assertThat(ok(put(server, "/api/v1/actors/jaish-al-fatah", FATAH.replace("\"acled_inter\": 2", "\"acled_inter\": 3")))
                    .get("version").asInt()).isEqualTo(2);
            HttpResponse<String> late = server.postJson("/api/v1/actors", FATAH, "Idempotency-Key", "actor-7f3a");
            assertThat(late.statusCode()).isEqualTo(201);
            assertThat(json(late)).as("a late retry gets the first answer, not the amended actor").isEqualTo(json(first));
            assertThat(server.runtime().ledger().size()).isEqualTo(size + 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theDemoActorsAreFoundByTheirArabicAndRussianNamesAndByTransliterations(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), true)) {
            Map<String, String[]> expected = new java.util.LinkedHashMap<>();
            // query -> actor id, matched name's language (or "-" for none), how it matched
            expected.put("جبهة النصرة", new String[] {"jabhat-al-nusra", "ar", "exact"});
            expected.put("جبهه النُّصره", new String[] {"jabhat-al-nusra", "ar", "spelling"});
            expected.put("Джебхат ан-Нусра", new String[] {"jabhat-al-nusra", "ru", "exact"});
            expected.put("ДЖЕБХАТ АН НУСРА", new String[] {"jabhat-al-nusra", "ru", "spelling"});
            expected.put("Jabhat an-Nusrah", new String[] {"jabhat-al-nusra", "-", "transliteration"});
            expected.put("JABHAT EL-NUSRA", new String[] {"jabhat-al-nusra", "-", "spelling"});
            expected.put("Jebhat al Nosra", new String[] {"jabhat-al-nusra", "-", "transliteration"});
            expected.put("Jabhat Fatah al Sham", new String[] {"jabhat-al-nusra", "en", "spelling"});
            expected.put("جبهة فتح الشام", new String[] {"jabhat-al-nusra", "ar", "exact"});
            expected.put("Ahrar ash-Sham", new String[] {"ahrar-al-sham", "en", "exact"});
            expected.put("Ahrar al Sham", new String[] {"ahrar-al-sham", "-", "spelling"});
            expected.put("احرار الشام", new String[] {"ahrar-al-sham", "ar", "spelling"});
            expected.put("Ахрар аш-Шам", new String[] {"ahrar-al-sham", "ru", "exact"});
            expected.put("Хизбалла", new String[] {"hezbollah", "ru", "exact"});
            expected.put("Hizbollah", new String[] {"hezbollah", "-", "transliteration"});
            expected.put("Джейш аль-Фатх", new String[] {"jaish-al-fatah", "ru", "exact"});
            expected.put("Jeish al-Fateh", new String[] {"jaish-al-fatah", "-", "transliteration"});
            expected.put("Сирийская арабская армия", new String[] {"syrian-arab-army", "ru", "exact"});
            expected.put("الجيش العربي السوري", new String[] {"syrian-arab-army", "ar", "exact"});
            expected.put("ДАИШ", new String[] {"isis", "ru", "exact"});
            expected.put("Daesh", new String[] {"isis", "en", "exact"});
            expected.put("syrian-arab-army", new String[] {"syrian-arab-army", "-", "id"});
            for (var e : expected.entrySet()) {
                JsonNode items = ok(server.get(query(e.getKey()))).get("items");
                assertThat(items.size()).as(e.getKey() + ": " + items).isGreaterThanOrEqualTo(1);
                JsonNode best = items.get(0);
                assertThat(best.get("id").textValue()).as(e.getKey()).isEqualTo(e.getValue()[0]);
                JsonNode match = best.get("match");
                assertThat(match.get("by").textValue()).as(e.getKey() + " matched " + match).isEqualTo(e.getValue()[2]);
                if (!e.getValue()[1].equals("-")) {
                    assertThat(match.get("lang").textValue()).as(e.getKey() + " matched " + match).isEqualTo(e.getValue()[1]);
                }
            }
            assertThat(ok(server.get(query("Front de libération du Golan"))).get("items")).isEmpty();

            // a report names the perpetrator as a source spells it; the registry resolves it when recorded
            HttpResponse<String> report = server.postJson("/api/v1/reports", ReportApiTest.VALID.replace("Fatah Halab", "Jebhat al Nosra"));
            assertThat(report.statusCode()).as(report.body()).isEqualTo(201);
            assertThat(json(report).get("perpetrator_actor").textValue()).isEqualTo("jabhat-al-nusra");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void everyNameOfEveryDemoActorResolvesToItAndToNoOther(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), true)) {
            ActorDirectory directory = server.runtime().catalog().directory();
            Map<String, String> looseOwner = new HashMap<>();
            List<String> collisions = new ArrayList<>();
            for (Actor actor : directory.actors()) {
                for (ActorDirectory.Name name : ActorDirectory.names(actor)) {
                    assertThat(directory.resolve(name.text())).as(name.text()).contains(actor);
                    assertThat(directory.search(name.text()).get(0).actor()).as(name.text()).isEqualTo(actor);
                    String loose = NameKey.transliteration(name.text());
                    if (NameKey.usableTransliteration(loose)) {
                        String owner = looseOwner.putIfAbsent(loose, actor.id().value());
                        if (owner != null && !owner.equals(actor.id().value())) {
                            collisions.add(name.text() + " (" + actor.id() + ", " + owner + ")");
                        }
                    }
                }
            }
            assertThat(collisions).as("no two demo actors share a transliteration key").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theRegistryAsOfADateHasTheNamesDesignationsAndAffiliationsInForceThen(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), true)) {
            // the renaming took effect at midnight in Damascus, 21:00 UTC on 27 July
            JsonNode before = actor(ok(server.get("/api/v1/actors?at=2016-07-27T20:59:59Z")), "jabhat-al-nusra");
            JsonNode after = actor(ok(server.get("/api/v1/actors?at=2016-07-27T21:00:00Z")), "jabhat-al-nusra");
            assertThat(before.get("name_at").textValue()).isEqualTo("Jabhat al-Nusra");
            assertThat(after.get("name_at").textValue()).isEqualTo("Jabhat Fateh al-Sham");
            assertThat(names(before.get("aliases_at"))).contains("جبهة النصرة", "Nusra Front").doesNotContain("Jabhat Fateh al-Sham", "JFS");
            assertThat(names(after.get("aliases_at"))).contains("Jabhat Fateh al-Sham", "JFS", "جبهة فتح الشام");
            assertThat(before.get("designated_at").booleanValue()).isTrue();
            assertThat(after.get("designations_at").get(0).get("list").textValue()).as("renamed, still listed").isEqualTo("UNSC-1267");
            JsonNode in2013 = actor(ok(server.get("/api/v1/actors?at=2013-01-01")), "jabhat-al-nusra");
            assertThat(in2013.get("designated_at").booleanValue()).isFalse();
            assertThat(in2013.get("designations_at")).isEmpty();

            JsonNode august = actor(ok(server.get("/api/v1/actors?at=2016-08-01")), "euphrates-shield");
            JsonNode september = actor(ok(server.get("/api/v1/actors?at=2016-09-01")), "euphrates-shield");
            assertThat(august.get("affiliations_at")).isEmpty();
            assertThat(september.get("affiliations_at").get(0).get("actor").textValue()).isEqualTo("turkey");
            assertThat(september.get("affiliations_at").get(0).get("relation").textValue()).isEqualTo("backed_by");
            JsonNode withoutAt = actor(ok(server.get("/api/v1/actors")), "euphrates-shield");
            assertThat(withoutAt.has("name_at")).isFalse();
            assertThat(withoutAt.get("affiliations")).hasSize(1);

            JsonNode nusra = ok(server.get("/api/v1/actors/jabhat-al-nusra?at=2016-08-01"));
            assertThat(nusra.get("name_at").textValue()).isEqualTo("Jabhat Fateh al-Sham");
            JsonNode coh = find(nusra.get("excluded_from"), "coh-2016-02");
            assertThat(coh.get("by_name").booleanValue()).isTrue();
            assertThat(coh.get("by_designation").toString()).contains("UNSC-1267");
            JsonNode december = find(nusra.get("excluded_from"), "ceasefire-2016-12-30");
            assertThat(december.get("by_name").booleanValue()).as("December's text names only ISIS ...").isFalse();
            assertThat(december.get("by_designation").toString()).as("... and excludes the UNSC-listed").contains("UNSC-1267");
            assertThat(find(nusra.get("excluded_from"), "pause-aleppo-2016-10")).isNull();
            assertThat(nusra.get("adherences")).isEmpty();

            JsonNode fsa = ok(server.get("/api/v1/actors/free-syrian-army"));
            JsonNode adherence = find(fsa.get("adherences"), "coh-2016-02");
            assertThat(adherence.get("declared_to").textValue()).isEqualTo("united-states");
            assertThat(adherence.get("declared_at").textValue()).startsWith("2016-02-26");
            assertThat(fsa.get("excluded_from")).isEmpty();
            assertThat(ok(server.get("/api/v1/actors/syrian-government")).get("adherences").get(0).get("declared_to").textValue())
                    .isEqualTo("russia");
        }
    }

    /** A broken request, the status it must get and the field its problem must name. */
    record Broken(String what, HttpRequest request, int status, String field) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void badInputIsAProblemNamingTheFieldAndRecordsNothing(TestStores.Kind store) {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), false)) {
            assertThat(server.postJson("/api/v1/actors", FATAH).statusCode()).isEqualTo(201);
            assertThat(server.postJson("/api/v1/actors", NUSRA).statusCode()).isEqualTo(201);
            List<Broken> broken = new ArrayList<>();
            java.util.function.BiConsumer<String, String[]> create = (what, bodyAndField) -> broken.add(new Broken(what,
                    post(server, "/api/v1/actors", bodyAndField[0]), 422, bodyAndField[1]));
            String valid = "{\"id\": \"levant-front\", \"name\": \"Levant Front\", \"kind\": \"COALITION\"";
            create.accept("unknown field", new String[] {valid + ", \"colour\": \"green\"}", "colour"});
            create.accept("unknown field of an alias", new String[] {valid + ", \"aliases\": [{\"name\": \"x\", \"lang\": \"en\", \"script\": \"latn\"}]}",
                    "aliases[0].script"});
            create.accept("bad id", new String[] {valid.replace("levant-front", "Levant Front") + "}", "id"});
            create.accept("duplicate id", new String[] {valid.replace("levant-front", "jaish-al-fatah") + "}", "id"});
            create.accept("unknown affiliation target", new String[] {valid
                    + ", \"affiliations\": [{\"actor\": \"nobody\", \"relation\": \"member_of\"}]}", "affiliations[0].actor"});
            create.accept("affiliation to itself", new String[] {valid
                    + ", \"affiliations\": [{\"actor\": \"levant-front\", \"relation\": \"member_of\"}]}", "affiliations[0].actor"});
            create.accept("unknown relation", new String[] {valid
                    + ", \"affiliations\": [{\"actor\": \"jaish-al-fatah\", \"relation\": \"friend_of\"}]}", "affiliations[0].relation"});
            create.accept("affiliation ending before it starts", new String[] {valid
                    + ", \"affiliations\": [{\"actor\": \"jaish-al-fatah\", \"relation\": \"member_of\", \"from\": \"2016-01-01\", \"to\": \"2015-01-01\"}]}",
                    "affiliations[0].to"});
            create.accept("overlapping renamings", new String[] {valid + ", \"renamings\": [{\"name\": \"A\", \"on\": \"2016-07-28\"},"
                    + " {\"name\": \"B\", \"on\": \"2016-07-28T00:00\"}]}", "renamings[1].on"});
            create.accept("renaming to its own name", new String[] {valid + ", \"renamings\": [{\"name\": \"LEVANT FRONT\", \"on\": \"2016-07-28\"}]}",
                    "renamings[0].name"});
            create.accept("overlapping designations", new String[] {valid + ", \"designations\": [{\"list\": \"UNSC-1267\", \"from\": \"2014-05-14\"},"
                    + " {\"list\": \"UNSC-1267\", \"from\": \"2015-01-01\", \"to\": \"2016-01-01\"}]}", "designations[1]"});
            create.accept("impossible date", new String[] {valid + ", \"renamings\": [{\"name\": \"A\", \"on\": \"2016-13-45\"}]}", "renamings[0].on"});
            create.accept("date in 2106", new String[] {valid + ", \"designations\": [{\"list\": \"UNSC-1267\", \"from\": \"2106-05-14\"}]}",
                    "designations[0].from"});
            create.accept("alias ending before it starts", new String[] {valid
                    + ", \"aliases\": [{\"name\": \"x\", \"lang\": \"en\", \"valid_from\": \"2016-02-01\", \"valid_to\": \"2016-01-01\"}]}", "aliases[0].valid_to"});
            create.accept("bad time zone", new String[] {valid + ", \"time_zone\": \"Damascus\"}", "time_zone"});
            create.accept("bad kind", new String[] {valid.replace("COALITION", "ARMY") + "}", "kind"});
            create.accept("ACLED inter 9", new String[] {valid + ", \"acled_inter\": 9}", "acled_inter"});
            create.accept("missing name", new String[] {"{\"id\": \"levant-front\", \"kind\": \"COALITION\"}", "name"});
            create.accept("blank name", new String[] {valid.replace("\"Levant Front\"", "\" \"") + "}", "name"});
            create.accept("aliases not an array", new String[] {valid + ", \"aliases\": \"x\"}", "aliases"});
            create.accept("an array, not an actor", new String[] {"[" + valid + "}]", "(body)"});
            broken.add(new Broken("not JSON", post(server, "/api/v1/actors", "{\"id\": "), 400, "(body)"));
            broken.add(new Broken("empty body", post(server, "/api/v1/actors", ""), 400, "(body)"));
            broken.add(new Broken("wrong content type", HttpRequest.newBuilder(server.uri("/api/v1/actors")).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(valid + "}")).build(), 415, "Content-Type"));
            broken.add(new Broken("bad Idempotency-Key", HttpRequest.newBuilder(server.uri("/api/v1/actors")).header("Content-Type", "application/json")
                    .header("Idempotency-Key", "a key with spaces").POST(HttpRequest.BodyPublishers.ofString(valid + "}")).build(), 400, "Idempotency-Key"));
            broken.add(new Broken("amendment changing the id", request("PUT", server, "/api/v1/actors/jabhat-al-nusra",
                    NUSRA.replace("\"id\": \"jabhat-al-nusra\"", "\"id\": \"jabhat-fateh-al-sham\"")), 422, "id"));
            broken.add(new Broken("amendment with overlapping renamings", request("PUT", server, "/api/v1/actors/jabhat-al-nusra",
                    NUSRA.replace("\"renamings\": [", "\"renamings\": [{\"name\": \"Jabhat Fath al-Sham\", \"on\": \"2016-07-28\"}, ")), 422, "renamings[1].on"));
            broken.add(new Broken("amendment with an unknown affiliation target", request("PUT", server, "/api/v1/actors/jabhat-al-nusra",
                    NUSRA.replace("\"actor\": \"jaish-al-fatah\"", "\"actor\": \"jaish-al-fath\"")), 422, "affiliations[0].actor"));
            broken.add(new Broken("amendment of an unknown actor", request("PUT", server, "/api/v1/actors/levant-front", valid + "}"), 404, null));
            broken.add(new Broken("amendment at a bad id", request("PUT", server, "/api/v1/actors/Bad_Id", valid + "}"), 400, "id"));
            broken.add(new Broken("patch with a bad kind", request("PATCH", server, "/api/v1/actors/jabhat-al-nusra", "{\"kind\": \"ARMY\"}"), 422, "kind"));
            broken.add(new Broken("patch with an unknown field", request("PATCH", server, "/api/v1/actors/jabhat-al-nusra", "{\"colour\": \"black\"}"),
                    422, "colour"));
            broken.add(new Broken("patch that is not an object", request("PATCH", server, "/api/v1/actors/jabhat-al-nusra", "[]"), 422, "(body)"));
            broken.add(new Broken("patch removing the name", request("PATCH", server, "/api/v1/actors/jabhat-al-nusra", "{\"name\": null}"), 422, "name"));
            broken.add(new Broken("read at a bad id", get(server, "/api/v1/actors/UPPER"), 400, "id"));
            broken.add(new Broken("read of an unknown actor", get(server, "/api/v1/actors/nobody"), 404, null));
            broken.add(new Broken("history of an unknown actor", get(server, "/api/v1/actors/nobody/history"), 404, null));
            broken.add(new Broken("list at a bad date", get(server, "/api/v1/actors?at=2016-13-45"), 400, "at"));
            broken.add(new Broken("read at a bad date", get(server, "/api/v1/actors/jabhat-al-nusra?at=July"), 400, "at"));
            broken.add(new Broken("a name too long", get(server, "/api/v1/actors?name=" + "n".repeat(301)), 400, "name"));
            broken.add(new Broken("delete", HttpRequest.newBuilder(server.uri("/api/v1/actors/jabhat-al-nusra")).DELETE().build(), 405, null));

            long size = server.runtime().ledger().size();
            String digest = ProjectionDigest.of(server.runtime().store());
            for (Broken b : broken) {
                HttpResponse<String> response = server.send(b.request());
                assertThat(response.statusCode()).as(b.what() + ": " + response.body()).isEqualTo(b.status());
                assertThat(response.headers().firstValue("Content-Type")).as(b.what()).contains("application/problem+json");
                JsonNode problem = json(response);
                assertThat(problem.get("status").asInt()).isEqualTo(b.status());
                if (b.field() != null) {
                    List<String> fields = new ArrayList<>();
                    problem.get("errors").forEach(e -> fields.add(e.get("field").textValue()));
                    assertThat(fields).as(b.what() + ": " + response.body()).contains(b.field());
                }
            }
            assertThat(server.runtime().ledger().size()).as("nothing was recorded").isEqualTo(size);
            assertThat(ProjectionDigest.of(server.runtime().store())).isEqualTo(digest);
        }
    }

    private static HttpRequest post(TestServer server, String path, String body) {
        return request("POST", server, path, body);
    }

    private static HttpRequest request(String method, TestServer server, String path, String body) {
        return HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest get(TestServer server, String path) {
        return HttpRequest.newBuilder(server.uri(path)).GET().build();
    }

    private static JsonNode actor(JsonNode list, String id) {
        JsonNode found = find(list.get("items"), id);
        assertThat(found).as(id).isNotNull();
        return found;
    }

    /** The item whose id (or agreement) is {@code id}, or null. */
    private static JsonNode find(JsonNode items, String id) {
        for (JsonNode item : items) {
            JsonNode key = item.has("agreement") ? item.get("agreement") : item.get("id");
            if (key.textValue().equals(id)) {
                return item;
            }
        }
        return null;
    }

    private static List<String> names(JsonNode aliases) {
        List<String> names = new ArrayList<>();
        aliases.forEach(a -> names.add(a.get("name").textValue()));
        return names;
    }
}
