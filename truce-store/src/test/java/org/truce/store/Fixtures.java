package org.truce.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorId;
import org.truce.domain.actor.ActorKind;
import org.truce.domain.actor.Affiliation;
import org.truce.domain.actor.Alias;
import org.truce.domain.actor.Designation;
import org.truce.domain.actor.Renaming;
import org.truce.domain.agreement.Adherence;
import org.truce.domain.agreement.Agreement;
import org.truce.domain.agreement.AgreementKind;
import org.truce.domain.agreement.AgreementStatus;
import org.truce.domain.agreement.AppliesTo;
import org.truce.domain.agreement.LifecycleEvent;
import org.truce.domain.agreement.Obligation;
import org.truce.domain.agreement.ObligationCode;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.geo.Location;
import org.truce.domain.report.ActorRef;
import org.truce.domain.report.EventType;
import org.truce.domain.report.Reliability;
import org.truce.domain.report.Report;
import org.truce.domain.report.Source;
import org.truce.domain.territory.Confidence;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.territory.Geometries;
import org.truce.domain.territory.LineKind;
import org.truce.domain.territory.NamedLine;
import org.truce.domain.territory.Zone;
import org.truce.domain.time.Interval;
import org.truce.service.port.Change;

/** Domain objects for the contract tests, built with the domain constructors. Stateless. */
final class Fixtures {
    static final Instant RECORDED_AT = Instant.parse("2026-11-30T08:15:30.123456789Z");
    static final String PRINCIPAL = "monitor-7";

    private Fixtures() {
    }

    static Change.At at(long logIndex) {
        return new Change.At(logIndex, RECORDED_AT.plusSeconds(logIndex), PRINCIPAL);
    }

    /** A shelling report in Aleppo with every optional field set. */
    static Report report(UUID id, String from, String to, double lat, double lon, String externalId) {
        return new Report(id, Interval.of(Instant.parse(from), Instant.parse(to)), ZoneOffset.ofHours(3),
                new Location(new GeoPoint(lat, lon), 500), new Location(new GeoPoint(36.25, 37.05), 2000),
                EventType.EXPLOSIONS_REMOTE_VIOLENCE, "Shelling/artillery/missile attack",
                new ActorRef("Syrian Arab Army", new ActorId("saa")), new ActorRef("unnamed local group", null),
                List.of(new ActorRef("Jaish al-Fatah", new ActorId("jaish-al-fatah")), new ActorRef("someone else", null)),
                3, new Source("SOHR", Reliability.B, 2), "Shells hit the Bustan al-Qasr market.", externalId);
    }

    static Report report(UUID id, String from, String to) {
        return report(id, from, to, 36.2021, 37.1343, null);
    }

    /** A report with no optional field. */
    static Report bareReport(UUID id, String at, double lat, double lon) {
        return new Report(id, Interval.of(Instant.parse(at), Instant.parse(at)), ZoneOffset.UTC,
                new Location(new GeoPoint(lat, lon), 0), null, EventType.BATTLES, "Armed clash",
                null, null, List.of(), null, new Source("field monitor", Reliability.F, 6), null, null);
    }

    static Report withDescription(Report r, String description) {
        return new Report(r.id(), r.occurred(), r.localOffset(), r.location(), r.origin(), r.eventType(), r.subEventType(),
                r.perpetrator(), r.target(), r.involved(), r.fatalities(), r.source(), description, r.externalId());
    }

    static Actor actor(String id) {
        return new Actor(new ActorId(id), "Jabhat Fateh al-Sham", ActorKind.ARMED_GROUP, 2, "opposition",
                List.of(new Alias("جبهة فتح الشام", "ar", Instant.parse("2016-07-28T00:00:00Z"), null),
                        new Alias("Джебхат Фатх аш-Шам", "ru", null, Instant.parse("2017-01-28T00:00:00Z"))),
                List.of(new Renaming("Hay'at Tahrir al-Sham", Instant.parse("2017-01-28T00:00:00Z"), "https://example.org/htc")),
                List.of(new Designation("UNSC-1267", Instant.parse("2014-05-14T00:00:00Z"), null, "UNSC press release")),
                List.of(new Affiliation(new ActorId("jaish-al-fatah"), Affiliation.Relation.MEMBER_OF,
                        Instant.parse("2015-03-24T00:00:00Z"), Instant.parse("2017-01-01T00:00:00Z"), null)),
                List.of("https://example.org/jfs"));
    }

    static Agreement agreement(String id) {
        ZoneId damascus = ZoneId.of("Asia/Damascus");
        return new Agreement(id, "Cessation of Hostilities in Syria", AgreementKind.COH, "UNSCR 2268", null,
                List.of(new ActorId("russia"), new ActorId("usa")), damascus, LocalDate.of(2016, 2, 22),
                Interval.of(Instant.parse("2016-02-26T22:00:00Z"), null), Instant.parse("2016-02-26T10:00:00Z"),
                "syria", List.of(new ActorId("isil")), List.of("UNSC-1267"),
                List.of(new Obligation(ObligationCode.CEASE_ATTACKS, "cease attacks with any weapons", AppliesTo.ALL_PARTIES, "terms §1")),
                List.of(new Adherence(new ActorId("saa"), new ActorId("russia"), Instant.parse("2016-02-26T09:00:00Z"), "MoD")),
                List.of(new LifecycleEvent(AgreementStatus.IN_FORCE, Instant.parse("2016-02-26T22:00:00Z"), null, null, "joint statement")),
                List.of("https://example.org/coh"));
    }

    /** A square area of {@code actor} around (36.2 N, 37.15 E), valid in [from, to); {@code to} may be null. */
    static ControlArea area(String id, String actor, String from, String to) {
        Interval validity = Interval.of(Instant.parse(from), to == null ? null : Instant.parse(to));
        return new ControlArea(id, new ActorId(actor), geometry("POLYGON ((37.1 36.15, 37.2 36.15, 37.2 36.25, 37.1 36.25, 37.1 36.15))"),
                validity, "ISW map", Confidence.LOW, true, "reconstructed from a map");
    }

    static NamedLine line(String id) {
        return new NamedLine(id, "Castello Road", LineKind.ROAD,
                geometry("LINESTRING (37.1525 36.2401, 37.16 36.255, 37.1712 36.2673)"), 3500.0, "agreement annex", false);
    }

    /** A zone with a hole and two parts. */
    static Zone zone(String id) {
        return new Zone(id, "Aleppo city", "city", geometry("MULTIPOLYGON (((37.0 36.1, 37.3 36.1, 37.3 36.3, 37.0 36.3, 37.0 36.1),"
                + " (37.1 36.15, 37.1 36.2, 37.15 36.2, 37.15 36.15, 37.1 36.15)), ((37.4 36.4, 37.5 36.4, 37.5 36.5, 37.4 36.4)))"),
                "OCHA");
    }

    static Geometry geometry(String wkt) {
        try {
            return new WKTReader(Geometries.FACTORY).read(wkt);
        } catch (ParseException e) {
            throw new IllegalArgumentException(wkt, e);
        }
    }
}
