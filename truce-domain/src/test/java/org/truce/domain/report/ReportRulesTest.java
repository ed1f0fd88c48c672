package org.truce.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorDirectory;
import org.truce.domain.actor.ActorId;
import org.truce.domain.actor.ActorKind;
import org.truce.domain.problem.Problem;

class ReportRulesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");
    private static final ActorDirectory ACTORS = new ActorDirectory(List.of(
            new Actor(new ActorId("fatah-halab"), "Fatah Halab", ActorKind.COALITION, 2, "opposition", List.of(), List.of(), List.of(), List.of(), List.of())));

    private static ReportDraft valid() {
        return new ReportDraft("2016-05-06T10:00:00+03:00", "2016-05-06T10:30:00+03:00",
                new ReportDraft.PlaceDraft(36.2021, 37.1343, 500.0), new ReportDraft.PlaceDraft(36.21, 37.18, 1000.0),
                "Explosions/Remote violence", "Shelling/artillery/missile attack", "Fatah Halab", "Syrian Arab Army", null, 3L,
                new ReportDraft.SourceDraft("SANA", "C", 3L), "Mortar shells hit al-Midan", null);
    }

    private static List<String> fieldsAtFault(ReportDraft draft) {
        ReportRules.Outcome outcome = ReportRules.validate(draft, UUID.randomUUID(), NOW, ACTORS);
        assertThat(outcome.report()).as("an invalid draft gives no report").isNull();
        return outcome.problems().list().stream().map(Problem::field).toList();
    }

    @Test
    void aValidDraftBecomesAReportWithResolvedActorsAndTheReportersOffset() {
        ReportRules.Outcome outcome = ReportRules.validate(valid(), UUID.randomUUID(), NOW, ACTORS);
        assertThat(outcome.isValid()).isTrue();
        Report r = outcome.report();
        assertThat(r.occurred().from()).isEqualTo(Instant.parse("2016-05-06T07:00:00Z"));
        assertThat(r.localOffset()).isEqualTo(ZoneOffset.ofHours(3));
        assertThat(r.perpetrator().actor()).isEqualTo(new ActorId("fatah-halab"));
        assertThat(r.target().isResolved()).as("an unknown actor name is kept, unresolved").isFalse();
        assertThat(r.target().givenName()).isEqualTo("Syrian Arab Army");
        assertThat(r.source().grade()).isEqualTo("C3");
    }

    @Test
    void everyBrokenFieldIsNamed() {
        ReportDraft d = valid();
        assertThat(fieldsAtFault(new ReportDraft(null, null, null, null, null, null, null, null, null, null, null, null, null)))
                .contains("occurred_from", "occurred_to", "location", "event_type", "source");
        assertThat(fieldsAtFault(withLocation(d, 95.0, 37.1, 500.0))).containsExactly("location.lat");
        assertThat(fieldsAtFault(withLocation(d, 36.2, 190.0, 500.0))).containsExactly("location.lon");
        assertThat(fieldsAtFault(withLocation(d, 36.2, 37.1, -1.0))).containsExactly("location.precision_m");
        assertThat(fieldsAtFault(withTimes(d, "3016-05-06T10:00:00+03:00", "3016-05-06T10:30:00+03:00"))).contains("occurred_from", "occurred_to");
        assertThat(fieldsAtFault(withTimes(d, "2016-05-06T10:30:00+03:00", "2016-05-06T10:00:00+03:00"))).containsExactly("occurred_to");
        assertThat(fieldsAtFault(withTimes(d, "6 May 2016", "2016-05-06T10:00:00+03:00"))).containsExactly("occurred_from");
        assertThat(fieldsAtFault(withTimes(d, "2016-05-06T10:00:00", "2016-05-06T10:30:00+03:00"))).containsExactly("occurred_from");
        assertThat(fieldsAtFault(withTimes(d, "1850-05-06T10:00:00+03:00", "1850-05-06T10:30:00+03:00"))).contains("occurred_from");
        assertThat(fieldsAtFault(withTimes(d, "2015-01-01T00:00:00+03:00", "2016-05-06T10:30:00+03:00"))).containsExactly("occurred_to");
        assertThat(fieldsAtFault(withTypes(d, "Shelling", "Shelling/artillery/missile attack"))).containsExactly("event_type");
        assertThat(fieldsAtFault(withTypes(d, "Battles", "Shelling/artillery/missile attack"))).containsExactly("sub_event_type");
        assertThat(fieldsAtFault(withSource(d, new ReportDraft.SourceDraft("SANA", "G", 3L)))).containsExactly("source.reliability");
        assertThat(fieldsAtFault(withSource(d, new ReportDraft.SourceDraft("SANA", "C", 7L)))).containsExactly("source.credibility");
        assertThat(fieldsAtFault(withSource(d, new ReportDraft.SourceDraft("  ", "C", 3L)))).containsExactly("source.name");
    }

    @Test
    void limitsOnNumbersAndTexts() {
        ReportDraft d = valid();
        ReportDraft negative = new ReportDraft(d.occurredFrom(), d.occurredTo(), d.location(), d.origin(), d.eventType(), d.subEventType(),
                d.perpetrator(), d.target(), null, -1L, d.source(), d.description(), null);
        assertThat(fieldsAtFault(negative)).containsExactly("fatalities");
        ReportDraft longText = new ReportDraft(d.occurredFrom(), d.occurredTo(), d.location(), d.origin(), d.eventType(), d.subEventType(),
                d.perpetrator(), d.target(), null, 1L, d.source(), "x".repeat(ReportRules.MAX_DESCRIPTION_CHARS + 1), null);
        assertThat(fieldsAtFault(longText)).containsExactly("description");
        ReportDraft brokenOrigin = new ReportDraft(d.occurredFrom(), d.occurredTo(), d.location(), new ReportDraft.PlaceDraft(null, 37.0, 10.0),
                d.eventType(), d.subEventType(), d.perpetrator(), d.target(), null, 1L, d.source(), null, null);
        assertThat(fieldsAtFault(brokenOrigin)).containsExactly("origin.lat");
    }

    private static ReportDraft withLocation(ReportDraft d, Double lat, Double lon, Double precision) {
        return new ReportDraft(d.occurredFrom(), d.occurredTo(), new ReportDraft.PlaceDraft(lat, lon, precision), d.origin(), d.eventType(),
                d.subEventType(), d.perpetrator(), d.target(), d.involved(), d.fatalities(), d.source(), d.description(), d.externalId());
    }

    private static ReportDraft withTimes(ReportDraft d, String from, String to) {
        return new ReportDraft(from, to, d.location(), d.origin(), d.eventType(), d.subEventType(), d.perpetrator(), d.target(),
                d.involved(), d.fatalities(), d.source(), d.description(), d.externalId());
    }

    private static ReportDraft withTypes(ReportDraft d, String type, String subType) {
        return new ReportDraft(d.occurredFrom(), d.occurredTo(), d.location(), d.origin(), type, subType, d.perpetrator(), d.target(),
                d.involved(), d.fatalities(), d.source(), d.description(), d.externalId());
    }

    private static ReportDraft withSource(ReportDraft d, ReportDraft.SourceDraft source) {
        return new ReportDraft(d.occurredFrom(), d.occurredTo(), d.location(), d.origin(), d.eventType(), d.subEventType(), d.perpetrator(),
                d.target(), d.involved(), d.fatalities(), source, d.description(), d.externalId());
    }
}
