package org.truce.domain.territory;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.truce.domain.actor.ActorId;
import org.truce.domain.time.Interval;

/**
 * Ground held by one actor during a valid-time interval. Two areas of different actors may overlap:
 * that is a contested or mixed area (the same ground held by covered and excluded groups).
 * {@code approximate} marks reconstructions (for 2016, every area is one: no dated public polygons exist).
 */
public record ControlArea(
        String id,
        ActorId actor,
        Geometry geometry,
        Interval validity,
        String source,
        Confidence confidence,
        boolean approximate,
        String note) {

    public ControlArea {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(confidence, "confidence");
        if (!(geometry instanceof Polygonal)) {
            throw new IllegalArgumentException("a control area is a Polygon or MultiPolygon, got " + geometry.getGeometryType());
        }
    }
}
