package org.truce.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.truce.domain.actor.Actor;
import org.truce.domain.agreement.Agreement;
import org.truce.domain.problem.Problems;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.territory.NamedLine;
import org.truce.domain.territory.Zone;
import org.truce.service.format.ActorFormat;
import org.truce.service.format.AgreementFormat;
import org.truce.service.format.TerritoryFormat;
import org.truce.service.ledger.Entry;
import org.truce.service.port.ActorVersion;
import org.truce.service.port.Change;

/**
 * The {@code actors} (with {@code actor_versions}), {@code agreements}, {@code areas}, {@code lines} and {@code zones} tables.
 * Stateless; every method runs on the caller's handle.
 *
 * <p>Lists are sorted by id in Java, not by {@code ORDER BY}: PostgreSQL sorts text by the
 * database's collation (which may ignore hyphens, for instance) and H2 by code unit, while the
 * contract is one order on every database.
 */
final class CatalogRows {
    private CatalogRows() {
    }

    /**
     * Records a version of an actor: the first under its id creates the actor, a later one (an
     * amendment) replaces the current version; every version stays in {@code actor_versions}.
     */
    static void insertActor(Handle handle, Change.At at, Actor actor, Entry.RequestHashes request) {
        String document = Columns.document(ActorFormat.payload(actor));
        int replaced = handle.createUpdate("UPDATE actors SET log_index = :log_index, document = :document WHERE id = :id")
                .bind("id", actor.id().value())
                .bind("log_index", at.logIndex())
                .bind("document", document)
                .execute();
        if (replaced == 0) {
            handle.createUpdate("INSERT INTO actors (id, log_index, document) VALUES (:id, :log_index, :document)")
                    .bind("id", actor.id().value())
                    .bind("log_index", at.logIndex())
                    .bind("document", document)
                    .execute();
        }
        handle.createUpdate("""
                INSERT INTO actor_versions (log_index, actor_id, recorded_at, principal, key_sha256, body_sha256, document)
                VALUES (:log_index, :actor_id, :recorded_at, :principal, :key_sha256, :body_sha256, :document)
                """)
                .bind("log_index", at.logIndex())
                .bind("actor_id", actor.id().value())
                .bind("recorded_at", Columns.timestamp(at.recordedAt()))
                .bind("principal", at.principal())
                .bind("key_sha256", request == null ? null : request.idempotencyKeySha256())
                .bind("body_sha256", request == null ? null : request.bodySha256())
                .bind("document", document)
                .execute();
    }

    /** The versions of one actor ({@code id} non-null) or of all, in log order. */
    static List<ActorVersion> actorVersions(Handle handle, String id) {
        String sql = "SELECT log_index, recorded_at, principal, key_sha256, body_sha256, document FROM actor_versions"
                + (id == null ? "" : " WHERE actor_id = :actor_id") + " ORDER BY log_index";
        var query = handle.createQuery(sql);
        if (id != null) {
            query.bind("actor_id", id);
        }
        return query.map(CatalogRows::actorVersion).list();
    }

    static Optional<ActorVersion> actorVersionByRequest(Handle handle, String keySha256) {
        return handle.createQuery("SELECT log_index, recorded_at, principal, key_sha256, body_sha256, document FROM actor_versions"
                        + " WHERE key_sha256 = :key_sha256 ORDER BY log_index")
                .bind("key_sha256", keySha256)
                .map(CatalogRows::actorVersion)
                .findFirst();
    }

    private static ActorVersion actorVersion(ResultSet rs, StatementContext ctx) throws SQLException {
        String key = rs.getString("key_sha256");
        Entry.RequestHashes request = key == null ? null : new Entry.RequestHashes(key, rs.getString("body_sha256"));
        return new ActorVersion(ActorFormat.fromPayload(Columns.json(rs)), rs.getLong("log_index"), Columns.instant(rs, "recorded_at"),
                rs.getString("principal"), request);
    }

    static void insertAgreement(Handle handle, long logIndex, Agreement agreement) {
        handle.createUpdate("INSERT INTO agreements (id, log_index, document) VALUES (:id, :log_index, :document)")
                .bind("id", agreement.id())
                .bind("log_index", logIndex)
                .bind("document", Columns.document(AgreementFormat.payload(agreement)))
                .execute();
    }

    static void insertArea(Handle handle, long logIndex, Instant recordedAt, ControlArea area) {
        var insert = handle.createUpdate("""
                INSERT INTO areas (id, actor_id, valid_from, valid_to, min_lon, min_lat, max_lon, max_lat, log_index, recorded_at, document)
                VALUES (:id, :actor_id, :valid_from, :valid_to, :min_lon, :min_lat, :max_lon, :max_lat, :log_index, :recorded_at, :document)
                """);
        Columns.bindBox(insert, area.geometry())
                .bind("id", area.id())
                .bind("actor_id", area.actor().value())
                .bind("valid_from", Columns.timestamp(area.validity().from()))
                .bind("valid_to", Columns.timestamp(area.validity().to()))
                .bind("log_index", logIndex)
                .bind("recorded_at", Columns.timestamp(recordedAt))
                .bind("document", Columns.document(TerritoryFormat.areaFeature(area)))
                .execute();
    }

    static void insertLine(Handle handle, long logIndex, NamedLine line) {
        var insert = handle.createUpdate("""
                INSERT INTO lines (id, kind, min_lon, min_lat, max_lon, max_lat, log_index, document)
                VALUES (:id, :kind, :min_lon, :min_lat, :max_lon, :max_lat, :log_index, :document)
                """);
        Columns.bindBox(insert, line.geometry())
                .bind("id", line.id())
                .bind("kind", line.kind().name())
                .bind("log_index", logIndex)
                .bind("document", Columns.document(TerritoryFormat.lineFeature(line)))
                .execute();
    }

    static void insertZone(Handle handle, long logIndex, Zone zone) {
        var insert = handle.createUpdate("""
                INSERT INTO zones (id, kind, min_lon, min_lat, max_lon, max_lat, log_index, document)
                VALUES (:id, :kind, :min_lon, :min_lat, :max_lon, :max_lat, :log_index, :document)
                """);
        Columns.bindBox(insert, zone.geometry())
                .bind("id", zone.id())
                .bind("kind", zone.kind())
                .bind("log_index", logIndex)
                .bind("document", Columns.document(TerritoryFormat.zoneFeature(zone)))
                .execute();
    }

    static List<Actor> actors(Handle handle) {
        return sorted(handle.createQuery("SELECT document FROM actors").map(mapper(ActorFormat::fromPayload)).list(),
                a -> a.id().value());
    }

    static List<Agreement> agreements(Handle handle) {
        return sorted(handle.createQuery("SELECT document FROM agreements").map(mapper(AgreementFormat::fromPayload)).list(),
                Agreement::id);
    }

    static List<ControlArea> areas(Handle handle) {
        return sorted(handle.createQuery("SELECT document FROM areas").map(CatalogRows::area).list(), ControlArea::id);
    }

    /**
     * The areas whose valid time {@code [valid_from, valid_to)} contains {@code at}, recorded by
     * {@code knownAt} (any time when null).
     */
    static List<ControlArea> areasAt(Handle handle, Instant at, Instant knownAt) {
        String sql = "SELECT document FROM areas WHERE valid_from <= :at AND (valid_to IS NULL OR valid_to > :at)"
                + (knownAt == null ? "" : " AND recorded_at <= :known_at");
        var query = handle.createQuery(sql).bind("at", Columns.timestamp(at));
        if (knownAt != null) {
            query.bind("known_at", Columns.timestamp(knownAt));
        }
        List<ControlArea> areas = query.map(CatalogRows::area).list();
        return sorted(areas, ControlArea::id);
    }

    static List<NamedLine> lines(Handle handle) {
        return sorted(handle.createQuery("SELECT document FROM lines").map(CatalogRows::line).list(), NamedLine::id);
    }

    static List<Zone> zones(Handle handle) {
        return sorted(handle.createQuery("SELECT document FROM zones").map(CatalogRows::zone).list(), Zone::id);
    }

    private static ControlArea area(ResultSet rs, StatementContext ctx) throws SQLException {
        return feature(rs, "area", (json, problems) -> TerritoryFormat.area(json, "document", ZoneOffset.UTC, problems));
    }

    private static NamedLine line(ResultSet rs, StatementContext ctx) throws SQLException {
        return feature(rs, "line", (json, problems) -> TerritoryFormat.line(json, "document", problems));
    }

    private static Zone zone(ResultSet rs, StatementContext ctx) throws SQLException {
        return feature(rs, "zone", (json, problems) -> TerritoryFormat.zone(json, "document", problems));
    }

    /** Reads a GeoJSON feature; a stored one was written by the same format, so failure means the table was altered. */
    private static <T> T feature(ResultSet rs, String what, BiFunction<JsonNode, Problems, T> reader) throws SQLException {
        Problems problems = new Problems();
        T value = reader.apply(Columns.json(rs), problems);
        if (value == null) {
            throw new IllegalStateException("a stored " + what + " document does not parse (" + problems.list()
                    + "): the table was altered outside Truce");
        }
        return value;
    }

    private static <T> RowMapper<T> mapper(Function<JsonNode, T> fromPayload) {
        return (rs, ctx) -> fromPayload.apply(Columns.json(rs));
    }

    private static <T> List<T> sorted(List<T> rows, Function<T, String> id) {
        return rows.stream().sorted(Comparator.comparing(id)).toList();
    }
}
