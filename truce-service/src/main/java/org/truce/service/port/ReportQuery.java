package org.truce.service.port;

import java.time.Instant;
import org.truce.domain.geo.BoundingBox;

/**
 * Which reports to list: those whose time interval overlaps [from, to) (either bound may be null; a
 * report whose interval has no width counts as the instant it names, so it is listed when that
 * instant lies in [from, to)),
 * whose location lies in {@code bbox} (or any), recorded after log index {@code afterIndex}
 * (keyset paging: -1 for the first page), at most {@code limit}, in log order; and, when
 * {@code knownAt} is given, only those Truce had recorded by then ("what did we know on 20 Sept?").
 */
public record ReportQuery(Instant from, Instant to, BoundingBox bbox, long afterIndex, int limit, Instant knownAt) {
    public static final int MAX_LIMIT = 1000;

    /** A query of everything recorded so far. */
    public ReportQuery(Instant from, Instant to, BoundingBox bbox, long afterIndex, int limit) {
        this(from, to, bbox, afterIndex, limit, null);
    }

    public ReportQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT);
        }
    }
}
