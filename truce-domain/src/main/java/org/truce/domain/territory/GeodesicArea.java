package org.truce.domain.territory;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * The area of a longitude/latitude polygon on the WGS 84 ellipsoid, in square metres.
 *
 * <p>Method: Green's theorem on the ellipsoid. The area between the equator and latitude φ over a
 * longitude span Δλ is {@code (a²/2)·q(φ)·Δλ}, with q the authalic function of the ellipsoid (Snyder,
 * <i>Map Projections: A Working Manual</i>, 1987, chapter 3). A ring's area is then the line integral
 * {@code −(a²/2)·∮ q(φ) dλ}, taken along each edge as RFC 7946 draws it (a straight line in
 * longitude/latitude, so λ and φ vary linearly together) and integrated with Simpson's rule on steps
 * of at most {@value #STEP_DEGREES}° of latitude. An edge along a parallel is exact; on a slanted edge
 * the quadrature error is at the level of floating-point rounding (below 10⁻¹² of the edge's term).
 * So the result is the ellipsoidal area of the polygon exactly as GeoJSON defines it, to double
 * precision: tested, the whole ellipsoid is 510,065,621.72 km² and a 1°×1° cell at the equator
 * 12,308.46 km², as a numerical integration of the ellipsoid's area element gives. No projection is
 * involved, so the areas of the pieces of an overlay add up to the area of the whole.
 *
 * <p>Planar area in square degrees, which JTS gives, is wrong by the cosine of the latitude (a square
 * degree at Aleppo is 81 % of one at the equator); that is why this class exists.
 */
public final class GeodesicArea {
    /** WGS 84 semi-major axis, metres. */
    static final double A = 6_378_137.0;
    /** WGS 84 flattening. */
    static final double F = 1 / 298.257223563;
    private static final double E2 = F * (2 - F);
    private static final double E = Math.sqrt(E2);
    private static final double STEP_DEGREES = 0.1;

    private GeodesicArea() {
    }

    /** Square metres of the polygonal parts of {@code geometry} (lines and points have none). */
    public static double squareMetres(Geometry geometry) {
        double total = 0;
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Geometry part = geometry.getGeometryN(i);
            if (part instanceof Polygon polygon) {
                total += polygon(polygon);
            } else if (part != geometry) {
                total += squareMetres(part);
            }
        }
        return total;
    }

    public static double squareKilometres(Geometry geometry) {
        return squareMetres(geometry) / 1e6;
    }

    private static double polygon(Polygon polygon) {
        if (polygon.isEmpty()) {
            return 0;
        }
        double area = Math.abs(ring(polygon.getExteriorRing()));
        for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
            area -= Math.abs(ring(polygon.getInteriorRingN(h)));
        }
        return Math.max(0, area);
    }

    /** Signed area of a closed ring (positive when counter-clockwise in lon/lat). */
    private static double ring(LineString ring) {
        Coordinate[] c = ring.getCoordinates();
        if (c.length < 4) {
            return 0;
        }
        // A closed ring integrates any constant to zero; subtracting q at the first vertex keeps the
        // summed terms small, so large rings far from the equator lose no precision to cancellation.
        double reference = q(Math.toRadians(c[0].y));
        double sum = 0;
        for (int i = 0; i + 1 < c.length; i++) {
            double dLon = Math.toRadians(c[i + 1].x - c[i].x);
            if (dLon == 0) {
                continue;
            }
            sum += dLon * meanQ(c[i].y, c[i + 1].y, reference);
        }
        return -(A * A / 2) * sum;
    }

    /** The mean of q − reference along an edge from latitude {@code lat1} to {@code lat2} (degrees), by Simpson's rule. */
    private static double meanQ(double lat1, double lat2, double reference) {
        double span = lat2 - lat1;
        int steps = 2 * Math.max(1, (int) Math.ceil(Math.abs(span) / (2 * STEP_DEGREES)));
        double h = span / steps;
        double sum = 0;
        for (int k = 0; k <= steps; k++) {
            double weight = k == 0 || k == steps ? 1 : (k % 2 == 1 ? 4 : 2);
            sum += weight * (q(Math.toRadians(lat1 + k * h)) - reference);
        }
        return sum / (3.0 * steps);
    }

    /** The authalic function q(φ) = (1 − e²)·(sin φ / (1 − e² sin² φ) + atanh(e sin φ) / e). */
    static double q(double phi) {
        double s = Math.sin(phi);
        double es = E * s;
        double atanh = 0.5 * Math.log1p(2 * es / (1 - es));
        return (1 - E2) * (s / (1 - es * es) + atanh / E);
    }
}
