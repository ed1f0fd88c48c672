package org.truce.domain.territory;

import org.truce.domain.geo.GeoPoint;

/**
 * The distance between two points along the WGS 84 ellipsoid, in metres: Vincenty's inverse formula
 * (T. Vincenty, "Direct and inverse solutions of geodesics on the ellipsoid", Survey Review 1975),
 * accurate to well under a millimetre. It fails to converge only for nearly antipodal points; those
 * fall back to the great-circle distance on the mean sphere (error up to 0.5 %), which no question
 * about one country's ground ever needs.
 */
public final class GeodesicDistance {
    /** Mean Earth radius (IUGG), metres: the sphere of the fallback and of local projections. */
    static final double MEAN_RADIUS = 6_371_008.8;
    private static final double B = GeodesicArea.A * (1 - GeodesicArea.F);

    private GeodesicDistance() {
    }

    public static double metres(GeoPoint p, GeoPoint q) {
        double f = GeodesicArea.F;
        double a = GeodesicArea.A;
        double l = Math.toRadians(q.lon() - p.lon());
        double u1 = Math.atan((1 - f) * Math.tan(Math.toRadians(p.lat())));
        double u2 = Math.atan((1 - f) * Math.tan(Math.toRadians(q.lat())));
        double sinU1 = Math.sin(u1);
        double cosU1 = Math.cos(u1);
        double sinU2 = Math.sin(u2);
        double cosU2 = Math.cos(u2);
        double lambda = l;
        for (int iteration = 0; iteration < 200; iteration++) {
            double sinLambda = Math.sin(lambda);
            double cosLambda = Math.cos(lambda);
            double sinSigma = Math.hypot(cosU2 * sinLambda, cosU1 * sinU2 - sinU1 * cosU2 * cosLambda);
            if (sinSigma == 0) {
                return 0;
            }
            double cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            double sigma = Math.atan2(sinSigma, cosSigma);
            double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            double cos2Alpha = 1 - sinAlpha * sinAlpha;
            // on the equator cos²α is 0 and the term is taken as 0 (the geodesic is the equator)
            double cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cos2Alpha;
            double c = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
            double previous = lambda;
            lambda = l + (1 - c) * f * sinAlpha
                    * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            if (Math.abs(lambda - previous) < 1e-12) {
                double u2sq = cos2Alpha * (a * a - B * B) / (B * B);
                double bigA = 1 + u2sq / 16384 * (4096 + u2sq * (-768 + u2sq * (320 - 175 * u2sq)));
                double bigB = u2sq / 1024 * (256 + u2sq * (-128 + u2sq * (74 - 47 * u2sq)));
                double deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                        - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
                return B * bigA * (sigma - deltaSigma);
            }
        }
        return greatCircle(p, q);
    }

    /** Haversine distance on the mean sphere. */
    static double greatCircle(GeoPoint p, GeoPoint q) {
        double phi1 = Math.toRadians(p.lat());
        double phi2 = Math.toRadians(q.lat());
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(q.lon() - p.lon());
        double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2) + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * MEAN_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
