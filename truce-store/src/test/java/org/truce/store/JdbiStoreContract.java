package org.truce.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.truce.store.Fixtures.at;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorId;
import org.truce.domain.geo.BoundingBox;
import org.truce.domain.report.Report;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.territory.NamedLine;
import org.truce.domain.territory.Zone;
import org.truce.service.ledger.Entry;
import org.truce.service.port.Change;
import org.truce.service.port.ReportQueries;
import org.truce.service.port.ReportQuery;
import org.truce.service.port.StoredReport;

/** The {@link JdbiStore} contract (projections, their queries, their atomicity); run on each database by its subclasses. */
abstract class JdbiStoreContract {
    private final Dialect dialect;
    @TempDir
    Path tempDir;

    private TestDatabase db;
    private JdbiStore store;

    JdbiStoreContract(Dialect dialect) {
        this.dialect = dialect;
    }

    @BeforeEach
    void open() {
        db = TestDatabase.create(dialect, tempDir);
        store = new JdbiStore(db.database());
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private long record(Change change) {
        long index = store.appliedSize();
        store.apply(at(index), change);
        return index;
    }

    private static Change.ReportRecorded recorded(Report report) {
        return new Change.ReportRecorded(report, null);
    }

    @Test
    void appliedSize_newStore_isZero() {
        assertThat(store.appliedSize()).isZero();
        assertThat(store.countReports()).isZero();
        assertThat(store.actors()).isEmpty();
    }

    @Test
    void apply_report_readsBackEqualReportWithItsRecordTime() {
        Report report = Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z");
        store.apply(at(0), recorded(report));

        StoredReport stored = store.findReport(report.id()).orElseThrow();
        assertThat(stored.report()).isEqualTo(report);
        assertThat(stored.recorded()).isEqualTo(at(0));
        assertThat(stored.recorded().recordedAt().getNano()).isEqualTo(123_456_789);
        assertThat(store.countReports()).isEqualTo(1);
    }

    @Test
    void apply_reportWithoutOptionalFields_readsBackEqual() {
        Report report = Fixtures.bareReport(UUID.randomUUID(), "2016-05-06T07:00:00Z", -33.5, -70.25);
        store.apply(at(0), recorded(report));
        assertThat(store.findReport(report.id()).orElseThrow().report()).isEqualTo(report);
    }

    @Test
    void findReport_unknownId_isEmpty() {
        assertThat(store.findReport(UUID.randomUUID())).isEmpty();
    }

    @Test
    void apply_actor_readsBackEqualActor() {
        Actor actor = Fixtures.actor("jabhat-fateh-al-sham");
        store.apply(at(0), new Change.ActorRecorded(actor));
        assertThat(store.actors()).containsExactly(actor);
    }

    @Test
    void apply_agreement_readsBackEqualAgreement() {
        var agreement = Fixtures.agreement("coh-2016");
        store.apply(at(0), new Change.AgreementRecorded(agreement));
        assertThat(store.agreements()).containsExactly(agreement);
    }

    @Test
    void apply_area_readsBackEqualArea() {
        ControlArea area = Fixtures.area("area-1", "saa", "2016-02-27T00:00:00Z", "2016-04-01T00:00:00Z");
        store.apply(at(0), new Change.AreaRecorded(area));
        List<ControlArea> areas = store.areas();
        assertThat(areas).hasSize(1);
        GeometryAssert.assertSameGeometry(areas.getFirst().geometry(), area.geometry());
        assertThat(areas.getFirst()).usingRecursiveComparison().ignoringFields("geometry").isEqualTo(area);
    }

    @Test
    void apply_line_readsBackEqualLine() {
        NamedLine line = Fixtures.line("castello-road");
        store.apply(at(0), new Change.LineRecorded(line));
        List<NamedLine> lines = store.lines();
        assertThat(lines).hasSize(1);
        GeometryAssert.assertSameGeometry(lines.getFirst().geometry(), line.geometry());
        assertThat(lines.getFirst()).usingRecursiveComparison().ignoringFields("geometry").isEqualTo(line);
    }

    @Test
    void apply_zone_readsBackEqualZone() {
        Zone zone = Fixtures.zone("aleppo-city");
        store.apply(at(0), new Change.ZoneRecorded(zone));
        List<Zone> zones = store.zones();
        assertThat(zones).hasSize(1);
        GeometryAssert.assertSameGeometry(zones.getFirst().geometry(), zone.geometry());
        assertThat(zones.getFirst()).usingRecursiveComparison().ignoringFields("geometry").isEqualTo(zone);
    }

    @Test
    void apply_eachEntry_advancesAppliedSizeByOne() {
        store.apply(at(0), new Change.ActorRecorded(Fixtures.actor("saa")));
        assertThat(store.appliedSize()).isEqualTo(1);
        store.apply(at(1), new Change.ZoneRecorded(Fixtures.zone("syria")));
        assertThat(store.appliedSize()).isEqualTo(2);
        store.apply(at(2), recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z")));
        assertThat(store.appliedSize()).isEqualTo(3);
    }

    @Test
    void apply_indexAheadOfAppliedSize_failsAndChangesNothing() {
        assertThatThrownBy(() -> store.apply(at(1), new Change.ActorRecorded(Fixtures.actor("saa"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("log index 1")
                .hasMessageContaining("hold 0 entries");
        assertThat(store.appliedSize()).isZero();
        assertThat(store.actors()).isEmpty();
    }

    @Test
    void apply_indexAlreadyApplied_failsAndChangesNothing() {
        Report first = Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z");
        store.apply(at(0), recorded(first));
        Report replay = Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z");
        assertThatThrownBy(() -> store.apply(at(0), recorded(replay))).isInstanceOf(IllegalStateException.class);
        assertThat(store.appliedSize()).isEqualTo(1);
        assertThat(store.findReport(replay.id())).isEmpty();
    }

    @Test
    void apply_changeThatViolatesAConstraint_leavesAppliedSizeUnchanged() {
        store.apply(at(0), new Change.ZoneRecorded(Fixtures.zone("syria")));
        assertThatThrownBy(() -> store.apply(at(1), new Change.ZoneRecorded(Fixtures.zone("syria"))))
                .isInstanceOf(RuntimeException.class);
        assertThat(store.appliedSize()).isEqualTo(1);
        store.apply(at(1), new Change.ZoneRecorded(Fixtures.zone("aleppo-city")));
        assertThat(store.appliedSize()).isEqualTo(2);
    }

    @Test
    void apply_actorRecordedAgain_replacesTheCurrentVersionAndKeepsTheHistory() {
        Actor first = Fixtures.actor("saa");
        Actor second = new Actor(first.id(), "Syrian Arab Army", first.kind(), 1, null, List.of(), List.of(), List.of(), List.of(), List.of());
        Entry.RequestHashes request = new Entry.RequestHashes("a".repeat(64), "b".repeat(64));
        store.apply(at(0), new Change.ActorRecorded(first, request));
        store.apply(at(1), new Change.ActorRecorded(Fixtures.actor("isil")));
        store.apply(at(2), new Change.ActorRecorded(second));
        assertThat(store.actors()).extracting(Actor::name).containsExactly("Jabhat Fateh al-Sham", "Syrian Arab Army");
        var versions = store.actorVersions(first.id());
        assertThat(versions).extracting(org.truce.service.port.ActorVersion::actor).containsExactly(first, second);
        assertThat(versions).extracting(org.truce.service.port.ActorVersion::logIndex).containsExactly(0L, 2L);
        assertThat(versions.get(0).request()).isEqualTo(request);
        assertThat(versions.get(1).request()).isNull();
        assertThat(versions.get(1).recordedAt()).isNotNull();
        assertThat(store.actorVersions()).hasSize(3);
        assertThat(store.actorVersionByRequest("a".repeat(64))).hasValueSatisfying(v -> assertThat(v.logIndex()).isZero());
        assertThat(store.actorVersionByRequest("c".repeat(64))).isEmpty();
        assertThat(store.actorVersions(new ActorId("nobody"))).isEmpty();
        store.clear();
        assertThat(store.actorVersions()).isEmpty();
    }

    @Test
    void findIdempotentRequest_reportWithRequest_returnsBodyHashAndReportId() {
        Report report = Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z");
        String key = "a".repeat(64);
        String body = "b".repeat(64);
        store.apply(at(0), new Change.ReportRecorded(report, new Entry.RequestHashes(key, body)));

        assertThat(store.findIdempotentRequest(key)).contains(new ReportQueries.IdempotentRequest(body, report.id()));
        assertThat(store.findIdempotentRequest("c".repeat(64))).isEmpty();
    }

    @Test
    void findIdempotentRequest_reportWithoutRequest_isEmpty() {
        store.apply(at(0), recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z")));
        assertThat(store.findIdempotentRequest("a".repeat(64))).isEmpty();
    }

    @Test
    void existsExternalId_importedReport_isTrueOnlyForItsId() {
        store.apply(at(0), recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z",
                36.2, 37.1, "ucdp-ged:214797")));
        assertThat(store.existsExternalId("ucdp-ged:214797")).isTrue();
        assertThat(store.existsExternalId("ucdp-ged:214798")).isFalse();
    }

    @Test
    void apply_secondReportWithSameExternalId_failsAndChangesNothing() {
        store.apply(at(0), recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z",
                36.2, 37.1, "ucdp-ged:214797")));
        Report duplicate = Fixtures.report(UUID.randomUUID(), "2016-05-07T07:00:00Z", "2016-05-07T08:00:00Z", 36.2, 37.1,
                "ucdp-ged:214797");
        assertThatThrownBy(() -> store.apply(at(1), recorded(duplicate))).isInstanceOf(RuntimeException.class);
        assertThat(store.appliedSize()).isEqualTo(1);
        assertThat(store.countReports()).isEqualTo(1);
    }

    @Test
    void apply_reportsWithoutExternalId_manyAreAllowed() {
        for (int i = 0; i < 3; i++) {
            record(recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z")));
        }
        assertThat(store.countReports()).isEqualTo(3);
    }

    @Test
    void clear_filledStore_emptiesEveryProjectionAndResetsAppliedSize() {
        Report report = Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z", 36.2, 37.1, "ucdp-ged:1");
        String key = "d".repeat(64);
        record(new Change.ReportRecorded(report, new Entry.RequestHashes(key, "e".repeat(64))));
        record(new Change.ActorRecorded(Fixtures.actor("saa")));
        record(new Change.AgreementRecorded(Fixtures.agreement("coh-2016")));
        record(new Change.AreaRecorded(Fixtures.area("area-1", "saa", "2016-01-01T00:00:00Z", null)));
        record(new Change.LineRecorded(Fixtures.line("castello-road")));
        record(new Change.ZoneRecorded(Fixtures.zone("aleppo-city")));

        store.clear();

        assertThat(store.appliedSize()).isZero();
        assertThat(store.countReports()).isZero();
        assertThat(store.findReport(report.id())).isEmpty();
        assertThat(store.findIdempotentRequest(key)).isEmpty();
        assertThat(store.existsExternalId("ucdp-ged:1")).isFalse();
        assertThat(store.actors()).isEmpty();
        assertThat(store.agreements()).isEmpty();
        assertThat(store.areas()).isEmpty();
        assertThat(store.lines()).isEmpty();
        assertThat(store.zones()).isEmpty();
        // the rebuild starts again at index 0, and the same objects project again
        store.apply(at(0), new Change.ReportRecorded(report, new Entry.RequestHashes(key, "e".repeat(64))));
        assertThat(store.findReport(report.id())).isPresent();
    }

    @Test
    void catalogLists_areOrderedById_byCodeUnitOnEveryDatabase() {
        // a collation that ignores punctuation would put "ab" before "a-c"
        for (String id : List.of("ab", "a-c", "b", "a")) {
            record(new Change.ActorRecorded(Fixtures.actor(id)));
            record(new Change.AgreementRecorded(Fixtures.agreement(id)));
            record(new Change.AreaRecorded(Fixtures.area(id, "saa", "2016-01-01T00:00:00Z", null)));
            record(new Change.LineRecorded(Fixtures.line(id)));
            record(new Change.ZoneRecorded(Fixtures.zone(id)));
        }
        List<String> expected = List.of("a", "a-c", "ab", "b");
        assertThat(store.actors()).extracting(a -> a.id().value()).isEqualTo(expected);
        assertThat(store.agreements()).extracting(a -> a.id()).isEqualTo(expected);
        assertThat(store.areas()).extracting(ControlArea::id).isEqualTo(expected);
        assertThat(store.areasAt(Instant.parse("2020-01-01T00:00:00Z"))).extracting(ControlArea::id).isEqualTo(expected);
        assertThat(store.lines()).extracting(NamedLine::id).isEqualTo(expected);
        assertThat(store.zones()).extracting(Zone::id).isEqualTo(expected);
    }

    @Test
    void areasAt_validityBoundaries_fromIsInclusiveToIsExclusive() {
        record(new Change.AreaRecorded(Fixtures.area("closed", "saa", "2016-02-27T00:00:00Z", "2016-04-01T00:00:00Z")));
        record(new Change.AreaRecorded(Fixtures.area("open", "ypg", "2016-03-01T00:00:00Z", null)));

        assertThat(ids(store.areasAt(Instant.parse("2016-02-26T23:59:59.999999Z")))).isEmpty();
        assertThat(ids(store.areasAt(Instant.parse("2016-02-27T00:00:00Z")))).containsExactly("closed");
        assertThat(ids(store.areasAt(Instant.parse("2016-03-01T00:00:00Z")))).containsExactly("closed", "open");
        assertThat(ids(store.areasAt(Instant.parse("2016-03-31T23:59:59.999999Z")))).containsExactly("closed", "open");
        assertThat(ids(store.areasAt(Instant.parse("2016-04-01T00:00:00Z")))).containsExactly("open");
        assertThat(ids(store.areasAt(Instant.parse("2999-01-01T00:00:00Z")))).containsExactly("open");
    }

    private static List<String> ids(List<ControlArea> areas) {
        return areas.stream().map(ControlArea::id).toList();
    }

    @Test
    void roundTrip_injectionLookingAndLongUnicodeText_isByteForByteEqual() {
        String injection = "'); DROP TABLE reports; --";
        String unicode = ("وقف إطلاق النار في حلب " + "Прекращение огня в Алеппо " + "🕊️🇸🇾👨‍👩‍👧 ").repeat(200);
        String description = (injection + " " + unicode).substring(0, 10_000);
        assertThat(description).hasSize(10_000);
        Report report = Fixtures.withDescription(Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z",
                "2016-05-06T08:00:00Z", 36.2, 37.1, injection), description);
        Change.At at = new Change.At(0, Fixtures.RECORDED_AT, injection + " principal 👮");

        store.apply(at, recorded(report));

        StoredReport stored = store.findReport(report.id()).orElseThrow();
        assertThat(stored.report()).isEqualTo(report);
        assertThat(stored.report().description().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(description.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(stored.recorded()).isEqualTo(at);
        assertThat(store.existsExternalId(injection)).isTrue();
        assertThat(store.countReports()).isEqualTo(1);
    }

    @Test
    void listReports_timeFilter_selectsOverlappingIntervalsOnly() {
        long before = record(recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T08:00:00Z", "2016-05-06T09:00:00Z")));
        long inside = record(recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T09:30:00Z", "2016-05-06T09:45:00Z")));
        long straddlesFrom = record(recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T08:30:00Z", "2016-05-06T09:00:00.000001Z")));
        long straddlesTo = record(recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T09:59:59.999999Z", "2016-05-06T11:00:00Z")));
        long after = record(recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T10:00:00Z", "2016-05-06T11:00:00Z")));
        long encloses = record(recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T00:00:00Z", "2016-05-07T00:00:00Z")));

        List<Long> found = indexes(query("2016-05-06T09:00:00Z", "2016-05-06T10:00:00Z", null));

        // [08:00, 09:00) and [10:00, 11:00) only touch [09:00, 10:00)
        assertThat(found).containsExactly(inside, straddlesFrom, straddlesTo, encloses).doesNotContain(before, after);
    }

    @Test
    void listReports_instantReport_isInTheOneHalfOpenWindowThatHoldsIt() {
        long instant = record(recorded(Fixtures.bareReport(UUID.randomUUID(), "2016-05-06T10:00:00Z", 36.2, 37.1)));

        assertThat(indexes(query("2016-05-06T09:00:00Z", "2016-05-06T10:00:00Z", null))).isEmpty();
        assertThat(indexes(query("2016-05-06T10:00:00Z", "2016-05-06T11:00:00Z", null))).containsExactly(instant);
        assertThat(indexes(query("2016-05-06T09:00:00Z", "2016-05-06T11:00:00Z", null))).containsExactly(instant);
    }

    @Test
    void listReports_openTimeBounds_filterOnOneSideOnly() {
        long early = record(recorded(Fixtures.report(UUID.randomUUID(), "2016-01-01T00:00:00Z", "2016-01-02T00:00:00Z")));
        long late = record(recorded(Fixtures.report(UUID.randomUUID(), "2016-06-01T00:00:00Z", "2016-06-02T00:00:00Z")));

        assertThat(indexes(query(null, null, null))).containsExactly(early, late);
        assertThat(indexes(query("2016-01-02T00:00:00Z", null, null))).containsExactly(late);
        assertThat(indexes(query(null, "2016-06-01T00:00:00Z", null))).containsExactly(early);
        assertThat(indexes(query(null, "2016-06-01T00:00:00.000001Z", null))).containsExactly(early, late);
    }

    @Test
    void listReports_bbox_selectsPointsInsideOrOnTheEdge() {
        long inside = record(recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z", 36.2, 37.15, null)));
        long onEdge = record(recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z", 36.3, 37.0, null)));
        long northOf = record(recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z", 36.31, 37.15, null)));
        long westOf = record(recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z", 36.2, 36.99, null)));
        BoundingBox aleppo = new BoundingBox(37.0, 36.1, 37.3, 36.3);

        assertThat(indexes(query(null, null, aleppo))).containsExactly(inside, onEdge).doesNotContain(northOf, westOf);
        assertThat(indexes(query("2016-05-06T08:00:00Z", null, aleppo))).isEmpty();
    }

    @Test
    void listReports_paging_returnsLogOrderAfterTheIndexUpToTheLimit() {
        for (int i = 0; i < 7; i++) {
            record(recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z")));
        }
        record(new Change.ActorRecorded(Fixtures.actor("saa"))); // index 7: not a report
        long last = record(recorded(Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z")));

        assertThat(indexes(new ReportQuery(null, null, null, -1, 3))).containsExactly(0L, 1L, 2L);
        assertThat(indexes(new ReportQuery(null, null, null, 2, 3))).containsExactly(3L, 4L, 5L);
        assertThat(indexes(new ReportQuery(null, null, null, 5, 3))).containsExactly(6L, last);
        assertThat(indexes(new ReportQuery(null, null, null, last, 3))).isEmpty();
        assertThat(indexes(new ReportQuery(null, null, null, -1, ReportQuery.MAX_LIMIT))).hasSize(8);
    }

    private static ReportQuery query(String from, String to, BoundingBox bbox) {
        return new ReportQuery(from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to), bbox, -1, 100);
    }

    private List<Long> indexes(ReportQuery query) {
        return store.listReports(query).stream().map(s -> s.recorded().logIndex()).toList();
    }
}
