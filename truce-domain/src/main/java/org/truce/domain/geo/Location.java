package org.truce.domain.geo;

import java.util.Objects;

/**
 * A reported position and how far from it the truth may lie: the radius, in metres, within which
 * the reporter believes the event happened (a village centroid for "in the village", ~25 km for "near").
 */
public record Location(GeoPoint point, int precisionMeters) {
    /** Half the Earth's circumference: no report can be less precise than "somewhere on Earth". */
    public static final int MAX_PRECISION_METERS = 20_037_509;

    public Location {
        Objects.requireNonNull(point, "point");
        if (precisionMeters < 0 || precisionMeters > MAX_PRECISION_METERS) {
            throw new IllegalArgumentException("precision must be within [0, " + MAX_PRECISION_METERS + "] m, got " + precisionMeters);
        }
    }
}
