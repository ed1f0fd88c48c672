package org.truce.domain.geo;

/**
 * A longitude/latitude rectangle, {@code west <= east} (boxes across the antimeridian are not
 * supported and are rejected by the adapters that parse them).
 */
public record BoundingBox(double west, double south, double east, double north) {
    public BoundingBox {
        if (!GeoPoint.isValidLongitude(west) || !GeoPoint.isValidLongitude(east)) {
            throw new IllegalArgumentException("bbox longitudes must be within [-180, 180]");
        }
        if (!GeoPoint.isValidLatitude(south) || !GeoPoint.isValidLatitude(north)) {
            throw new IllegalArgumentException("bbox latitudes must be within [-90, 90]");
        }
        if (west > east || south > north) {
            throw new IllegalArgumentException("bbox must be west,south,east,north with west <= east and south <= north");
        }
    }

    public boolean contains(GeoPoint p) {
        return p.lon() >= west && p.lon() <= east && p.lat() >= south && p.lat() <= north;
    }
}
