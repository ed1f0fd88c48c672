package org.truce.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlStatement;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.truce.service.format.Json;

/**
 * Conversions between Java values and the column types of the projection tables. Stateless.
 *
 * <p>Instants go in as UTC {@link OffsetDateTime}s truncated to microseconds. Both databases keep
 * microseconds but round what they are given, so truncating here makes H2 and PostgreSQL store the
 * same value and makes every comparison with a bound exact for whole microseconds. Binding
 * explicitly (not through {@code java.sql.Timestamp}) keeps the JVM's time zone out of it.
 */
final class Columns {
    private Columns() {
    }

    /** {@code instant} (or SQL NULL) as a TIMESTAMP WITH TIME ZONE parameter. */
    static Argument timestamp(Instant instant) {
        if (instant == null) {
            return (position, statement, context) -> statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        OffsetDateTime value = OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        return (position, statement, context) -> statement.setObject(position, value);
    }

    /** The instant in a TIMESTAMP WITH TIME ZONE column, or null. */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A domain object's JSON form as stored in a {@code document} column: canonical, UTF-8. */
    static String document(JsonNode json) {
        return new String(Json.canonical(json), StandardCharsets.UTF_8);
    }

    static JsonNode json(ResultSet rs) throws SQLException {
        return Json.parse(rs.getString("document").getBytes(StandardCharsets.UTF_8));
    }

    /** Binds {@code min_lon, min_lat, max_lon, max_lat} to the geometry's bounding box. */
    static <S extends SqlStatement<S>> S bindBox(S statement, Geometry geometry) {
        Envelope box = geometry.getEnvelopeInternal();
        return statement.bind("min_lon", box.getMinX()).bind("min_lat", box.getMinY())
                .bind("max_lon", box.getMaxX()).bind("max_lat", box.getMaxY());
    }
}
