package org.truce.domain.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.truce.domain.problem.Problem;
import org.truce.domain.problem.Problems;

class ActorRulesTest {
    private static final Instant JULY = Instant.parse("2016-07-28T00:00:00Z");

    private static Actor actor(List<Renaming> renamings, List<Designation> designations, List<Affiliation> affiliations) {
        return new Actor(new ActorId("a"), "Jabhat al-Nusra", ActorKind.ARMED_GROUP, 2, null, List.of(), renamings, designations, affiliations, List.of());
    }

    private static List<String> fields(Actor actor) {
        Problems problems = new Problems();
        ActorRules.check(actor, "actors[0]", problems);
        return problems.list().stream().map(Problem::field).toList();
    }

    @Test
    void theDemoShapeOfAnActorPasses() {
        assertThat(fields(ActorDirectoryTest.NUSRA)).isEmpty();
    }

    @Test
    void twoRenamingsOnOneDayOrARenamingToTheSameNameAreRefused() {
        assertThat(fields(actor(List.of(new Renaming("Jabhat Fateh al-Sham", JULY, null), new Renaming("Hay'at Tahrir al-Sham", JULY, null)),
                List.of(), List.of()))).containsExactly("actors[0].renamings[1].on");
        assertThat(fields(actor(List.of(new Renaming("JABHAT EL-NUSRA", JULY, null)), List.of(), List.of())))
                .containsExactly("actors[0].renamings[0].name");
    }

    @Test
    void overlappingDesignationsOnOneListAreRefusedButSuccessiveOnesPass() {
        Instant a = Instant.parse("2014-05-14T00:00:00Z");
        Instant b = Instant.parse("2015-01-01T00:00:00Z");
        assertThat(fields(actor(List.of(), List.of(new Designation("UNSC-1267", a, null, null), new Designation("UNSC-1267", b, null, null)),
                List.of()))).containsExactly("actors[0].designations[1]");
        assertThat(fields(actor(List.of(), List.of(new Designation("UNSC-1267", a, b, null), new Designation("UNSC-1267", b, null, null),
                new Designation("US-FTO", a, null, null)), List.of()))).isEmpty();
    }

    @Test
    void affiliationsWithBadDatesToItselfOrTwiceAreRefused() {
        ActorId other = new ActorId("jaish-al-fatah");
        Instant a = Instant.parse("2015-03-24T00:00:00Z");
        Instant b = Instant.parse("2016-01-01T00:00:00Z");
        assertThat(fields(actor(List.of(), List.of(), List.of(new Affiliation(other, Affiliation.Relation.MEMBER_OF, b, a, null)))))
                .containsExactly("actors[0].affiliations[0].to");
        assertThat(fields(actor(List.of(), List.of(), List.of(new Affiliation(new ActorId("a"), Affiliation.Relation.PART_OF, null, null, null)))))
                .containsExactly("actors[0].affiliations[0].actor");
        assertThat(fields(actor(List.of(), List.of(), List.of(new Affiliation(other, Affiliation.Relation.MEMBER_OF, a, null, null),
                new Affiliation(other, Affiliation.Relation.MEMBER_OF, null, b, null)))))
                .containsExactly("actors[0].affiliations[1]");
        assertThat(fields(actor(List.of(), List.of(), List.of(new Affiliation(other, Affiliation.Relation.MEMBER_OF, null, a, null),
                new Affiliation(other, Affiliation.Relation.MEMBER_OF, a, null, null), new Affiliation(other, Affiliation.Relation.ALLIED_WITH, null, null, null)))))
                .isEmpty();
    }

    @Test
    void datesOutsideTheCenturiesOfThisWorkAreRefused() {
        assertThat(fields(actor(List.of(new Renaming("X", Instant.parse("2106-07-28T00:00:00Z"), null)),
                List.of(new Designation("UNSC-1267", Instant.parse("1014-05-14T00:00:00Z"), null, null)), List.of())))
                .containsExactly("actors[0].renamings[0].on", "actors[0].designations[0].from");
    }
}
