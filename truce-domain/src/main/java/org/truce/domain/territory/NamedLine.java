package org.truce.domain.territory;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;

/**
 * A named line on the ground (the Euphrates, the Castello Road, a withdrawal line), with an
 * optional buffer in metres on each side that agreements refer to ("3.5 km from the road").
 */
public record NamedLine(String id, String name, LineKind kind, Geometry geometry, Double bufferMeters,
                        String source, boolean approximate) {
    public NamedLine {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(geometry, "geometry");
        if (!(geometry instanceof Lineal)) {
            throw new IllegalArgumentException("a named line is a LineString or MultiLineString, got " + geometry.getGeometryType());
        }
        if (bufferMeters != null && !(bufferMeters >= 0)) {
            throw new IllegalArgumentException("buffer must be a non-negative number of metres");
        }
    }
}
