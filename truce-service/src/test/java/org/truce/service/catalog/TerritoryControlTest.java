package org.truce.service.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorId;
import org.truce.domain.actor.ActorKind;
import org.truce.domain.actor.Designation;
import org.truce.domain.agreement.Agreement;
import org.truce.domain.agreement.AgreementKind;
import org.truce.domain.agreement.AgreementStatus;
import org.truce.domain.agreement.LifecycleEvent;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.territory.Confidence;
import org.truce.domain.territory.ControlAnswer;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.territory.Geometries;
import org.truce.domain.territory.NamedLine;
import org.truce.domain.territory.Zone;
import org.truce.domain.time.Interval;
import org.truce.service.port.ActorVersion;
import org.truce.service.port.CatalogQueries;
import org.truce.service.port.Change;

/** Which actors the agreements in force exclude, and when the index is rebuilt. */
class TerritoryControlTest {
    private static final Instant JAN = Instant.parse("2016-01-01T00:00:00Z");
    private static final Instant MAR = Instant.parse("2016-03-01T00:00:00Z");
    private static final Instant JUN = Instant.parse("2016-06-01T00:00:00Z");
    private static final Instant SEP = Instant.parse("2016-09-01T00:00:00Z");
    private static final GeoPoint INSIDE = new GeoPoint(36.5, 37.5);
    private static final GeoPoint OUTSIDE_SCOPE = new GeoPoint(36.5, 38.5);

    private static Geometry box(double west, double south, double east, double north) {
        return Geometries.FACTORY.createPolygon(new Coordinate[] {new Coordinate(west, south), new Coordinate(east, south),
                new Coordinate(east, north), new Coordinate(west, north), new Coordinate(west, south)});
    }

    private static Actor actor(String id, Designation... designations) {
        return new Actor(new ActorId(id), id, ActorKind.ARMED_GROUP, null, null, List.of(), List.of(), List.of(designations), List.of(), List.of());
    }

    private static Agreement agreement(String id, String scope, List<ActorId> excluded, List<String> designations, Instant from,
                                       List<LifecycleEvent> lifecycle) {
        return new Agreement(id, id, AgreementKind.COH, null, null, List.of(), ZoneOffset.UTC, null, Interval.from(from), null, scope,
                excluded, designations, List.of(), List.of(), lifecycle, List.of());
    }

    /** A catalogue held in lists, which the test changes and then tells the control about. */
    private static final class Lists implements CatalogQueries {
        final List<Actor> actors = new ArrayList<>();
        final List<Agreement> agreements = new ArrayList<>();
        final List<ControlArea> areas = new ArrayList<>();
        final List<Zone> zones = new ArrayList<>();
        int areaReads;

        @Override
        public List<Actor> actors() {
            return List.copyOf(actors);
        }

        @Override
        public List<ActorVersion> actorVersions(ActorId id) {
            return List.of();
        }

        @Override
        public List<ActorVersion> actorVersions() {
            return List.of();
        }

        @Override
        public Optional<ActorVersion> actorVersionByRequest(String idempotencyKeySha256) {
            return Optional.empty();
        }

        @Override
        public List<Agreement> agreements() {
            return List.copyOf(agreements);
        }

        @Override
        public List<ControlArea> areas() {
            areaReads++;
            return List.copyOf(areas);
        }

        @Override
        public List<ControlArea> areasAt(Instant at, Instant knownAt) {
            return areas.stream().filter(a -> a.validity().contains(at)).toList();
        }

        @Override
        public List<NamedLine> lines() {
            return List.of();
        }

        @Override
        public List<Zone> zones() {
            return List.copyOf(zones);
        }
    }

    private static Lists world() {
        Lists c = new Lists();
        c.actors.add(actor("opposition"));
        // designated from June only
        c.actors.add(actor("front", new Designation("UNSC-1267", JUN, null, "test")));
        c.zones.add(new Zone("north", "north", "SCOPE", box(37, 36, 38, 37), "test"));
        c.areas.add(new ControlArea("a", new ActorId("opposition"), box(37, 36, 39, 37), Interval.from(JAN), "test", Confidence.LOW, true, null));
        c.areas.add(new ControlArea("b", new ActorId("front"), box(37, 36, 39, 37), Interval.from(JAN), "test", Confidence.LOW, true, null));
        return c;
    }

    @Test
    void designationListsExcludeFromTheDateOfListingWhereTheAgreementsScopeCoversThePoint() {
        Lists c = world();
        c.agreements.add(agreement("coh", "north", List.of(), List.of("UNSC-1267"), MAR, List.of()));
        TerritoryControl control = new TerritoryControl(c);
        assertThat(control.controlAt(INSIDE, JAN.plusSeconds(86400), 0).answer().status())
                .as("no agreement in force yet").isEqualTo(ControlAnswer.Status.CONTESTED);
        assertThat(control.controlAt(INSIDE, MAR.plusSeconds(86400), 0).answer().status())
                .as("in force, but 'front' is not listed yet").isEqualTo(ControlAnswer.Status.CONTESTED);
        TerritoryControl.Result june = control.controlAt(INSIDE, JUN.plusSeconds(86400), 0);
        assertThat(june.answer().status()).isEqualTo(ControlAnswer.Status.MIXED);
        assertThat(june.excluded()).containsExactly(new ActorId("front"));
        assertThat(june.agreementsInForce()).containsExactly("coh");
        TerritoryControl.Result beyond = control.controlAt(OUTSIDE_SCOPE, JUN.plusSeconds(86400), 0);
        assertThat(beyond.answer().status()).as("outside the agreement's scope zone").isEqualTo(ControlAnswer.Status.CONTESTED);
        assertThat(beyond.agreementsInForce()).isEmpty();
    }

    @Test
    void aSuspendedOrLapsedAgreementExcludesNobodyButOnePartysDeclarationDoesNotEndIt() {
        Lists c = world();
        c.agreements.add(agreement("coh", null, List.of(new ActorId("front")), List.of(), MAR, List.of(
                new LifecycleEvent(AgreementStatus.IN_FORCE, MAR, null, null, null),
                new LifecycleEvent(AgreementStatus.DECLARED_OVER, JUN, new ActorId("opposition"), null, null),
                new LifecycleEvent(AgreementStatus.SUSPENDED, SEP, null, null, null))));
        TerritoryControl control = new TerritoryControl(c);
        assertThat(control.controlAt(INSIDE, MAR.plusSeconds(86400), 0).answer().status()).isEqualTo(ControlAnswer.Status.MIXED);
        assertThat(control.controlAt(OUTSIDE_SCOPE, MAR.plusSeconds(86400), 0).answer().status())
                .as("no scope zone: everywhere").isEqualTo(ControlAnswer.Status.MIXED);
        assertThat(control.controlAt(INSIDE, JUN.plusSeconds(86400), 0).answer().status()).isEqualTo(ControlAnswer.Status.MIXED);
        assertThat(control.controlAt(INSIDE, SEP.plusSeconds(86400), 0).answer().status()).isEqualTo(ControlAnswer.Status.CONTESTED);
    }

    @Test
    void theIndexIsBuiltOnceAndAgainOnlyAfterARelevantChange() {
        Lists c = world();
        TerritoryControl control = new TerritoryControl(c);
        control.controlAt(INSIDE, MAR, 0);
        control.controlAt(INSIDE, JUN, 500);
        assertThat(c.areaReads).isEqualTo(1);
        control.changed(new Change.LineRecorded(null));
        control.controlAt(INSIDE, JUN, 0);
        assertThat(c.areaReads).as("a line changes nothing here").isEqualTo(1);
        c.areas.add(new ControlArea("c", new ActorId("government"), box(38.2, 36.2, 38.8, 36.8), Interval.from(JAN), "test",
                Confidence.LOW, true, null));
        control.changed(new Change.AreaRecorded(c.areas.get(2)));
        TerritoryControl.Result result = control.controlAt(OUTSIDE_SCOPE, JUN, 0);
        assertThat(c.areaReads).isEqualTo(2);
        assertThat(result.answer().controllers()).extracting(ControlArea::id).as("actor id order").containsExactly("b", "c", "a");
        assertThat(result.actor(new ActorId("government"))).as("an actor not recorded has no record").isEmpty();
        assertThat(result.actor(new ActorId("front"))).isPresent();
    }
}
