package org.truce.service.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.truce.domain.actor.Actor;
import org.truce.domain.agreement.Agreement;
import org.truce.domain.problem.Problem;
import org.truce.domain.problem.Problems;

class ActorFormatTest {
    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anActorSentAloneReadsItsDatesInItsTimeZoneAndRoundTripsThroughItsPayload() {
        Problems problems = new Problems();
        Actor actor = ActorFormat.input(json("""
                {"id": "jabhat-al-nusra", "name": "Jabhat al-Nusra", "kind": "ARMED_GROUP", "time_zone": "Asia/Damascus",
                 "renamings": [{"name": "Jabhat Fateh al-Sham", "on": "2016-07-28"}]}"""), problems);
        assertThat(problems.list()).isEmpty();
        assertThat(actor.renamings().get(0).on()).isEqualTo(Instant.parse("2016-07-27T21:00:00Z"));
        assertThat(ActorFormat.fromPayload(ActorFormat.payload(actor))).isEqualTo(actor);
        assertThat(ActorFormat.payload(actor).has("time_zone")).as("the payload carries instants, not a zone").isFalse();
    }

    @Test
    void unknownFieldsAreRefusedAtEveryLevelOfTheFormAndTheDocument() {
        Problems problems = new Problems();
        ActorFormat.document(json("""
                {"format": "truce-actors/1", "comment": "x", "actors": [
                  {"id": "a", "name": "A", "kind": "MILITIA", "nickname": "x",
                   "aliases": [{"name": "x", "lang": "en", "script": "Latn"}],
                   "renamings": [{"name": "B", "on": "2016-01-01", "why": "x"}],
                   "designations": [{"list": "UNSC-1267", "from": "2016-01-01", "basis": "x"}],
                   "affiliations": [{"actor": "b", "relation": "member_of", "role": "x"}]}]}"""), problems);
        assertThat(problems.list()).extracting(Problem::field).containsExactlyInAnyOrder("comment", "actors[0].nickname",
                "actors[0].aliases[0].script", "actors[0].renamings[0].why", "actors[0].designations[0].basis", "actors[0].affiliations[0].role");
        Problems alone = new Problems();
        ActorFormat.input(json("{\"id\": \"a\", \"name\": \"A\", \"kind\": \"MILITIA\", \"log_index\": 3, \"time_zone\": \"Mars/Olympus\"}"), alone);
        assertThat(alone.list()).extracting(Problem::field).containsExactlyInAnyOrder("log_index", "time_zone");
    }

    @Test
    void anAdherenceCoveringAZoneKeepsItAndOneWithoutIsWrittenAsBefore() {
        String text = """
                {"id": "coh-2016-02", "title": "CoH", "kind": "COH", "guarantors": ["russia", "united-states"], "time_zone": "Asia/Damascus",
                 "effective_from": "2016-02-27T00:00",
                 "adherents": [{"actor": "free-syrian-army", "declared_to": "united-states", "declared_at": "2016-02-26"},
                               {"actor": "fatah-halab", "declared_to": "united-states", "declared_at": "2016-02-26", "zone": "aleppo-city"}]}""";
        Problems problems = new Problems();
        Agreement agreement = AgreementFormat.agreement(json(text), "agreements[0]", problems);
        assertThat(problems.list()).isEmpty();
        assertThat(agreement.adherents().get(1).zone()).isEqualTo("aleppo-city");
        var payload = AgreementFormat.payload(agreement);
        assertThat(payload.at("/adherents/0").has("zone")).isFalse();
        assertThat(payload.at("/adherents/1/zone").textValue()).isEqualTo("aleppo-city");
        assertThat(AgreementFormat.fromPayload(payload)).isEqualTo(agreement);
    }
}
