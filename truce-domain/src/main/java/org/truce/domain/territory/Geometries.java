package org.truce.domain.territory;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.truce.domain.geo.GeoPoint;

/** The one geometry factory (WGS 84, lon/lat axis order as in GeoJSON) and validity checks. */
public final class Geometries {
    public static final int WGS84 = 4326;
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), WGS84);

    private Geometries() {
    }

    public static Point point(GeoPoint p) {
        return FACTORY.createPoint(new Coordinate(p.lon(), p.lat()));
    }

    /** Null when the geometry is valid and within lon/lat ranges; otherwise a sentence saying what is wrong and where. */
    public static String problemWith(Geometry geometry) {
        for (Coordinate c : geometry.getCoordinates()) {
            if (!GeoPoint.isValidLongitude(c.x) || !GeoPoint.isValidLatitude(c.y)) {
                return "coordinate (" + c.x + ", " + c.y + ") is outside longitude [-180, 180] / latitude [-90, 90]"
                        + " (GeoJSON positions are [longitude, latitude])";
            }
        }
        TopologyValidationError error = new IsValidOp(geometry).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            return "invalid geometry: " + error.getMessage() + (at == null ? "" : " at (" + at.x + ", " + at.y + ")");
        }
        return null;
    }
}
