package org.truce.store;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.Query;
import org.truce.domain.geo.BoundingBox;
import org.truce.service.port.ReportQuery;

/**
 * The WHERE clause of a report listing. Immutable. The SQL is assembled from the constant
 * conditions below, one per bound present; every value is a bound parameter.
 *
 * <p>Time: a report's interval {@code [occurred_from, occurred_to)} must overlap the query's
 * {@code [from, to)}, so intervals that only touch do not. A report whose interval has no width
 * stands for the instant {@code occurred_from} and is listed when {@code from <= occurred_from < to};
 * without that case an event reported at exactly 10:00 would be in neither [09:00, 10:00) nor
 * [10:00, 11:00). Place: the point lies in the box, edges included.
 */
final class ReportFilter {
    private static final String AFTER = "log_index > :after_index";
    private static final String STARTS_BEFORE_TO = "occurred_from < :to";
    private static final String ENDS_AFTER_FROM = "(occurred_to > :from OR occurred_from = :from)";
    private static final String IN_BOX = "lat BETWEEN :south AND :north AND lon BETWEEN :west AND :east";
    private static final String KNOWN_BY = "recorded_at <= :known_at";

    private final ReportQuery query;

    ReportFilter(ReportQuery query) {
        this.query = query;
    }

    /** The conditions, joined by AND; never empty. */
    String sql() {
        List<String> conditions = new ArrayList<>();
        conditions.add(AFTER);
        if (query.to() != null) {
            conditions.add(STARTS_BEFORE_TO);
        }
        if (query.from() != null) {
            conditions.add(ENDS_AFTER_FROM);
        }
        if (query.bbox() != null) {
            conditions.add(IN_BOX);
        }
        if (query.knownAt() != null) {
            conditions.add(KNOWN_BY);
        }
        return String.join(" AND ", conditions);
    }

    /** Binds the parameters that {@link #sql()} names. */
    Query bind(Query statement) {
        statement.bind("after_index", query.afterIndex());
        if (query.to() != null) {
            statement.bind("to", Columns.timestamp(query.to()));
        }
        if (query.from() != null) {
            statement.bind("from", Columns.timestamp(query.from()));
        }
        if (query.knownAt() != null) {
            statement.bind("known_at", Columns.timestamp(query.knownAt()));
        }
        BoundingBox box = query.bbox();
        if (box != null) {
            statement.bind("west", box.west()).bind("south", box.south()).bind("east", box.east()).bind("north", box.north());
        }
        return statement;
    }
}
