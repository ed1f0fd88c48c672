package org.truce.domain.territory;

import org.truce.domain.geo.GeoPoint;

/**
 * The azimuthal equidistant projection of the mean sphere centred on one point: x metres east, y
 * metres north. Distance and bearing from the centre are true (on the sphere), which is what a
 * "nearest point to P" search needs wherever the rest of the line lies.
 */
final class LocalPlane {
    private final double lat0;
    private final double lon0;
    private final double sinLat0;
    private final double cosLat0;

    LocalPlane(GeoPoint centre) {
        lat0 = Math.toRadians(centre.lat());
        lon0 = Math.toRadians(centre.lon());
        sinLat0 = Math.sin(lat0);
        cosLat0 = Math.cos(lat0);
    }

    /** {x, y} in metres of the position (lon, lat) in degrees. */
    double[] project(double lonDegrees, double latDegrees) {
        double lat = Math.toRadians(latDegrees);
        double dLon = Math.toRadians(lonDegrees) - lon0;
        double sinHalfLat = Math.sin((lat - lat0) / 2);
        double sinHalfLon = Math.sin(dLon / 2);
        double h = sinHalfLat * sinHalfLat + cosLat0 * Math.cos(lat) * sinHalfLon * sinHalfLon;
        // the haversine form keeps short distances exact, where acos of a cosine would round them away
        double c = 2 * Math.asin(Math.min(1, Math.sqrt(h)));
        if (c == 0) {
            return new double[] {0, 0};
        }
        double theta = Math.atan2(Math.sin(dLon) * Math.cos(lat), cosLat0 * Math.sin(lat) - sinLat0 * Math.cos(lat) * Math.cos(dLon));
        double rho = GeodesicDistance.MEAN_RADIUS * c;
        return new double[] {rho * Math.sin(theta), rho * Math.cos(theta)};
    }

    GeoPoint unproject(double x, double y) {
        double rho = Math.hypot(x, y);
        if (rho == 0) {
            return new GeoPoint(Math.toDegrees(lat0), Math.toDegrees(lon0));
        }
        double c = rho / GeodesicDistance.MEAN_RADIUS;
        double theta = Math.atan2(x, y);
        double lat = Math.asin(Math.max(-1, Math.min(1, sinLat0 * Math.cos(c) + cosLat0 * Math.sin(c) * Math.cos(theta))));
        double lon = lon0 + Math.atan2(Math.sin(theta) * Math.sin(c) * cosLat0, Math.cos(c) - sinLat0 * Math.sin(lat));
        double lonDegrees = Math.toDegrees(lon);
        if (lonDegrees > 180) {
            lonDegrees -= 360;
        } else if (lonDegrees < -180) {
            lonDegrees += 360;
        }
        return new GeoPoint(Math.max(-90, Math.min(90, Math.toDegrees(lat))), lonDegrees);
    }
}
