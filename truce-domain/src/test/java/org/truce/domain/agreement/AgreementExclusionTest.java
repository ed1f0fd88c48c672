package org.truce.domain.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorId;
import org.truce.domain.actor.ActorKind;
import org.truce.domain.actor.Designation;
import org.truce.domain.time.Interval;

class AgreementExclusionTest {
    private static final ActorId RUSSIA = new ActorId("russia");

    private static Actor listed(String id, String from, String to) {
        return new Actor(new ActorId(id), id, ActorKind.ARMED_GROUP, 2, null, List.of(), List.of(),
                from == null ? List.of() : List.of(new Designation("UNSC-1267", Instant.parse(from), to == null ? null : Instant.parse(to), null)),
                List.of(), List.of());
    }

    private static Agreement agreement(List<ActorId> excluded, List<Adherence> adherents) {
        return new Agreement("ceasefire-2016-12-30", "Ceasefire", AgreementKind.COH, null, null, List.of(RUSSIA, new ActorId("turkey")),
                ZoneId.of("Asia/Damascus"), null, Interval.from(Instant.parse("2016-12-29T22:00:00Z")), null, "syria",
                excluded, List.of("UNSC-1267"), List.of(), adherents, List.of(), List.of());
    }

    @Test
    void anAgreementExcludesTheActorsItNamesAndThoseOnAnExcludedListDuringItsWindow() {
        Agreement a = agreement(List.of(new ActorId("isis")), List.of());
        Actor nusra = listed("jabhat-al-nusra", "2014-05-14T00:00:00Z", null);
        Actor delistedBefore = listed("delisted", "2014-05-14T00:00:00Z", "2016-01-01T00:00:00Z");
        Actor listedDuring = listed("listed-later", "2017-06-01T00:00:00Z", null);
        assertThat(a.excludedListsOf(nusra)).containsExactly("UNSC-1267");
        assertThat(a.excludes(nusra)).isTrue();
        assertThat(a.excludes(delistedBefore)).as("off the list before the window opened").isFalse();
        assertThat(a.excludes(listedDuring)).as("listed while the agreement held").isTrue();
        assertThat(a.excludes(listed("isis", null, null))).as("named").isTrue();
        assertThat(a.excludes(listed("free-syrian-army", null, null))).isFalse();
    }

    @Test
    void adherencesAreFoundPerPartyAndMayCoverAZone() {
        ActorId fsa = new ActorId("free-syrian-army");
        Adherence whole = new Adherence(fsa, RUSSIA, Instant.parse("2016-12-29T12:00:00Z"), null);
        Adherence aleppo = new Adherence(new ActorId("fatah-halab"), RUSSIA, Instant.parse("2016-12-29T12:00:00Z"), null, "aleppo-city");
        Agreement a = agreement(List.of(), List.of(whole, aleppo));
        assertThat(a.adherencesOf(fsa)).containsExactly(whole);
        assertThat(whole.zone()).isNull();
        assertThat(a.adherencesOf(new ActorId("fatah-halab")).get(0).zone()).isEqualTo("aleppo-city");
        assertThat(a.adherencesOf(new ActorId("isis"))).isEmpty();
    }
}
