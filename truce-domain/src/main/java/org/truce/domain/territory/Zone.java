package org.truce.domain.territory;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/** A named area that agreements refer to: a scope (Syria, Aleppo city), a designated area, a corridor. */
public record Zone(String id, String name, String kind, Geometry geometry, String source) {
    public Zone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(geometry, "geometry");
        if (!(geometry instanceof Polygonal)) {
            throw new IllegalArgumentException("a zone is a Polygon or MultiPolygon, got " + geometry.getGeometryType());
        }
    }
}
