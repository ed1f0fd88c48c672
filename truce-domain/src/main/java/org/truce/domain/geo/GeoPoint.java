package org.truce.domain.geo;

/**
 * A WGS 84 position in decimal degrees. Construction checks the ranges, so a GeoPoint is always a
 * place on Earth (latitude in [-90, 90], longitude in [-180, 180], both finite).
 */
public record GeoPoint(double lat, double lon) {
    public GeoPoint {
        if (!isValidLatitude(lat)) {
            throw new IllegalArgumentException("latitude must be within [-90, 90], got " + lat);
        }
        if (!isValidLongitude(lon)) {
            throw new IllegalArgumentException("longitude must be within [-180, 180], got " + lon);
        }
    }

    public static boolean isValidLatitude(double lat) {
        return Double.isFinite(lat) && lat >= -90 && lat <= 90;
    }

    public static boolean isValidLongitude(double lon) {
        return Double.isFinite(lon) && lon >= -180 && lon <= 180;
    }
}
