package org.truce.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.truce.domain.report.Report;
import org.truce.service.format.ReportFormat;
import org.truce.service.ledger.Entry;
import org.truce.service.port.Change;
import org.truce.service.port.ReportQueries;
import org.truce.service.port.ReportQuery;
import org.truce.service.port.StoredReport;
import org.truce.service.port.Visibility;

/** The {@code reports} and {@code idempotent_requests} tables. Stateless; every method runs on the caller's handle. */
final class ReportRows {
    private static final String INSERT_REPORT = """
            INSERT INTO reports (id, log_index, recorded_at, recorded_at_nanos, principal, occurred_from, occurred_to,
                                 lat, lon, precision_m, event_type, sub_event_type, external_id, document)
            VALUES (:id, :log_index, :recorded_at, :recorded_at_nanos, :principal, :occurred_from, :occurred_to,
                    :lat, :lon, :precision_m, :event_type, :sub_event_type, :external_id, :document)
            """;
    private static final String INSERT_REQUEST = """
            INSERT INTO idempotent_requests (key_sha256, body_sha256, report_id, log_index)
            VALUES (:key_sha256, :body_sha256, :report_id, :log_index)
            """;
    private static final String SELECT = "SELECT log_index, recorded_at, recorded_at_nanos, principal, document FROM reports";

    private ReportRows() {
    }

    static void insert(Handle handle, Change.At at, Report report, Entry.RequestHashes request, Visibility visibility) {
        handle.createUpdate(INSERT_REPORT)
                .bind("id", report.id())
                .bind("log_index", at.logIndex())
                .bind("recorded_at", Columns.timestamp(at.recordedAt()))
                .bind("recorded_at_nanos", at.recordedAt().getNano())
                .bind("principal", at.principal())
                .bind("occurred_from", Columns.timestamp(report.occurred().from()))
                .bind("occurred_to", Columns.timestamp(report.occurred().to()))
                .bind("lat", report.location().point().lat())
                .bind("lon", report.location().point().lon())
                .bind("precision_m", report.location().precisionMeters())
                .bind("event_type", report.eventType().label())
                .bind("sub_event_type", report.subEventType())
                .bind("external_id", report.externalId())
                .bind("document", Columns.document(ReportFormat.withVisibility(ReportFormat.payload(report), visibility)))
                .execute();
        if (request != null) {
            handle.createUpdate(INSERT_REQUEST)
                    .bind("key_sha256", request.idempotencyKeySha256())
                    .bind("body_sha256", request.bodySha256())
                    .bind("report_id", report.id())
                    .bind("log_index", at.logIndex())
                    .execute();
        }
    }

    static Optional<StoredReport> find(Handle handle, UUID id) {
        return handle.createQuery(SELECT + " WHERE id = :id")
                .bind("id", id)
                .map(ReportRows::stored)
                .findOne();
    }

    static List<StoredReport> list(Handle handle, ReportQuery query) {
        ReportFilter filter = new ReportFilter(query);
        var statement = handle.createQuery(SELECT + " WHERE " + filter.sql() + " ORDER BY log_index LIMIT :limit");
        filter.bind(statement);
        return statement.bind("limit", query.limit()).map(ReportRows::stored).list();
    }

    static long count(Handle handle) {
        return handle.createQuery("SELECT COUNT(*) FROM reports").mapTo(Long.class).one();
    }

    static boolean existsExternalId(Handle handle, String externalId) {
        return handle.createQuery("SELECT COUNT(*) FROM reports WHERE external_id = :external_id")
                .bind("external_id", externalId)
                .mapTo(Long.class)
                .one() > 0;
    }

    static Optional<ReportQueries.IdempotentRequest> findRequest(Handle handle, String keySha256) {
        return handle.createQuery("SELECT body_sha256, report_id FROM idempotent_requests WHERE key_sha256 = :key_sha256")
                .bind("key_sha256", keySha256)
                .map((rs, ctx) -> new ReportQueries.IdempotentRequest(rs.getString("body_sha256"),
                        rs.getObject("report_id", UUID.class)))
                .findOne();
    }

    private static StoredReport stored(ResultSet rs, StatementContext ctx) throws SQLException {
        Instant recordedAt = Columns.instant(rs, "recorded_at");
        Instant exact = Instant.ofEpochSecond(recordedAt.getEpochSecond(), rs.getInt("recorded_at_nanos"));
        Change.At at = new Change.At(rs.getLong("log_index"), exact, rs.getString("principal"));
        var document = Columns.json(rs);
        return new StoredReport(ReportFormat.fromPayload(document), at, ReportFormat.visibilityOf(document));
    }
}
